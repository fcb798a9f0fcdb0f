package dev.ocitrust.cli;

import dev.ocitrust.client.DockerCredentials;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Reference;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.nio.file.Path;
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
 * @param registryReference the parsed reference, for a registry target
 * @param display how to name it in messages
 */
record TargetSpec(
    Target target,
    Optional<String> reference,
    Optional<String> tag,
    Optional<Reference> registryReference,
    String display) {

  /** The tag or digest, or a usage error naming what is missing. */
  String requireReference() {
    return reference.orElseThrow(
        () -> new IllegalArgumentException(display + ": a tag or digest is required"));
  }

  /** Opens {@code spec}: a layout directory when {@code ociLayout}, else a registry reference. */
  static TargetSpec open(String spec, boolean ociLayout, boolean plainHttp, Clients clients)
      throws IOException {
    if (ociLayout) {
      return openLayout(spec);
    }
    // parse() gives a reference without tag or digest the tag "latest": there is always one.
    Reference ref = Reference.parse(spec);
    RegistryClient client = clients.forRegistry(ref.registry(), plainHttp);
    return new TargetSpec(
        client.repository(ref),
        Optional.of(ref.manifestReference()),
        ref.digest().isPresent() ? Optional.empty() : ref.tag(),
        Optional.of(ref),
        ref.toString());
  }

  private static TargetSpec openLayout(String spec) throws IOException {
    String path = spec;
    String digest = null;
    String tag = null;
    int at = spec.lastIndexOf('@');
    if (at > 0) {
      path = spec.substring(0, at);
      digest = spec.substring(at + 1);
    } else {
      int colon = spec.lastIndexOf(':');
      if (colon > 0 && colon > spec.lastIndexOf('/')) {
        path = spec.substring(0, colon);
        tag = spec.substring(colon + 1);
      }
    }
    return new TargetSpec(
        OciLayout.open(Path.of(path)),
        Optional.ofNullable(digest != null ? digest : tag),
        Optional.ofNullable(tag),
        Optional.empty(),
        spec);
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
