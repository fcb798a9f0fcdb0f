package dev.ocitrust.cli;

import dev.ocitrust.client.Digest;
import dev.ocitrust.client.DockerCredentials;
import dev.ocitrust.client.Reference;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where a command reads or writes: an OCI image layout ({@code DIR[:TAG|@DIGEST]}, with {@code
 * --oci-layout}) or a registry reference ({@code host/repo[:tag][@digest]}), as oras writes them.
 *
 * @param target the store
 * @param reference the tag or digest within it, if given
 * @param tag the tag, when the reference is one (not a digest, nor a tag pinned by a digest)
 * @param writtenTag the tag as written, pinned or not; empty when none was (a registry reference
 *     without one still has the reference {@code latest})
 * @param registryReference the parsed reference, for a registry target
 * @param display how to name it in messages
 */
record TargetSpec(
    Target target,
    Optional<String> reference,
    Optional<String> tag,
    Optional<String> writtenTag,
    Optional<Reference> registryReference,
    String display) {

  /** The tag or digest, or a usage error naming what is missing. */
  String requireReference() {
    return reference.orElseThrow(
        () -> new IllegalArgumentException(display + ": a tag or digest is required"));
  }

  /**
   * The digest written in {@code spec} (a layout reference when {@code ociLayout}), if one is,
   * found without opening anything.
   */
  static Optional<Digest> writtenDigest(String spec, boolean ociLayout) {
    return ociLayout ? LayoutReference.parse(spec).digest() : Reference.parse(spec).digest();
  }

  /** What a command does with a layout: whether it may write, and whether it may make one. */
  enum Access {
    /** Reads only: the layout must exist, and nothing in it is created, changed or removed. */
    READ,
    /** Writes into a layout that must exist already (attach, sign, tag, purge). */
    UPDATE,
    /** Writes, making the layout when the folder is missing or empty (push, copy's destination). */
    CREATE
  }

  /**
   * Opens {@code spec}: a layout directory when {@code ociLayout} (with {@code access}), else a
   * registry reference.
   */
  static TargetSpec open(
      String spec, boolean ociLayout, boolean plainHttp, Clients clients, Access access)
      throws IOException {
    if (ociLayout) {
      return openLayout(spec, access);
    }
    // parse() gives a reference without tag or digest the tag "latest": there is always one.
    Reference ref = Reference.parse(spec);
    RegistryClient client = clients.forRegistry(ref.registry(), plainHttp);
    return new TargetSpec(
        client.target(ref),
        Optional.of(ref.manifestReference()),
        ref.digest().isPresent() ? Optional.empty() : ref.tag(),
        hasWrittenTag(spec) ? ref.tag() : Optional.empty(),
        Optional.of(ref),
        ref.toString());
  }

  private static TargetSpec openLayout(String spec, Access access) throws IOException {
    LayoutReference ref = LayoutReference.parse(spec);
    return new TargetSpec(
        LayoutAccess.open(ref.folder(), access),
        ref.digest().map(Digest::toString).or(ref::tag),
        ref.tag(),
        ref.tag(),
        Optional.empty(),
        spec);
  }

  /** Whether the registry reference {@code spec} names a tag ({@code :} in its last component). */
  private static boolean hasWrittenTag(String spec) {
    String last = spec.substring(spec.lastIndexOf('/') + 1);
    int at = last.indexOf('@');
    return (at < 0 ? last : last.substring(0, at)).indexOf(':') >= 0;
  }

  /**
   * One registry client per plain-HTTP setting, shared by the targets of one command, all made with
   * the run's {@link RegistryOptions}.
   */
  static final class Clients implements AutoCloseable {
    private final Supplier<RegistryClient.Builder> builders;
    private final boolean plainHttp;
    private final TransferProgress progress;
    private @Nullable RegistryClient secure;
    private final Map<String, RegistryClient> plain = new HashMap<>();

    /** Clients with the stored credentials and nothing else set (tests). */
    Clients() {
      this(
          () -> RegistryClient.builder().credentials(DockerCredentials.fromEnvironment()),
          false,
          TransferProgress.none());
    }

    /**
     * Clients from {@code builders}; {@code plainHttp} ({@code --plain-http}) makes every registry
     * plain HTTP; {@code progress} is closed with them.
     */
    Clients(
        Supplier<RegistryClient.Builder> builders, boolean plainHttp, TransferProgress progress) {
      this.builders = builders;
      this.plainHttp = plainHttp;
      this.progress = progress;
    }

    /** The progress display of this run (for transfers outside the registry clients). */
    TransferProgress progress() {
      return progress;
    }

    /**
     * The target of {@code spec} for reading blobs with this run's progress display: a layout's
     * reads are reported (a registry client reports its own), when there is a display.
     */
    Target readingWithProgress(TargetSpec spec) {
      return spec.registryReference().isEmpty() && progress != TransferProgress.none()
          ? new ProgressTarget(spec.target(), progress)
          : spec.target();
    }

    /**
     * The client for {@code registry}: HTTPS, or plain HTTP for exactly that registry when {@code
     * plainHttp} or {@code --plain-http}.
     */
    RegistryClient forRegistry(String registry, boolean plainHttp) {
      if (plainHttp || this.plainHttp) {
        return plain.computeIfAbsent(registry, r -> builders.get().insecurePlainHttp(r).build());
      }
      if (secure == null) {
        secure = builders.get().build();
      }
      return secure;
    }

    @Override
    public void close() {
      progress.close();
      if (secure != null) {
        secure.close();
      }
      plain.values().forEach(RegistryClient::close);
    }
  }
}
