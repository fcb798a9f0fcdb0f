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
import org.jspecify.annotations.Nullable;

/**
 * Where a command reads or writes: an OCI image layout ({@code DIR[:TAG|@DIGEST]}, with
 * {@code --oci-layout}) or a registry reference ({@code host/repo[:tag][@digest]}), as oras writes
 * them.
 *
 * @param target the store
 * @param reference the tag or digest within it, if given
 * @param display how to name it in messages
 */
record TargetSpec(Target target, Optional<String> reference, String display) {

  /** The tag or digest, or a usage error naming what is missing. */
  String requireReference() {
    return reference.orElseThrow(
        () -> new IllegalArgumentException(display + ": a tag or digest is required"));
  }

  /** The tag, when the reference is one (not a digest). */
  Optional<String> tag() {
    return reference.filter(r -> r.indexOf(':') < 0);
  }

  /** Opens {@code spec}: a layout directory when {@code ociLayout}, else a registry reference. */
  static TargetSpec open(String spec, boolean ociLayout, boolean plainHttp, Clients clients)
      throws IOException {
    if (ociLayout) {
      return openLayout(spec);
    }
    Reference ref = Reference.parse(spec);
    RegistryClient client = clients.forRegistry(ref.registry(), plainHttp);
    Optional<String> reference =
        ref.digest().map(Object::toString).or(ref::tag);
    return new TargetSpec(
        client.repository(ref.registry() + "/" + ref.repository()), reference, ref.toString());
  }

  private static TargetSpec openLayout(String spec) throws IOException {
    String path = spec;
    String reference = null;
    int at = spec.lastIndexOf('@');
    if (at > 0) {
      path = spec.substring(0, at);
      reference = spec.substring(at + 1);
    } else {
      int colon = spec.lastIndexOf(':');
      if (colon > 0 && colon > spec.lastIndexOf('/')) {
        path = spec.substring(0, colon);
        reference = spec.substring(colon + 1);
      }
    }
    return new TargetSpec(OciLayout.open(Path.of(path)), Optional.ofNullable(reference), spec);
  }

  /** One registry client per plain-HTTP setting, shared by the targets of one command. */
  static final class Clients implements AutoCloseable {
    private final DockerCredentials credentials = DockerCredentials.fromEnvironment();
    private @Nullable RegistryClient secure;
    private final Map<String, RegistryClient> plain = new HashMap<>();

    /** The client for {@code registry}: HTTPS, or plain HTTP for exactly that registry. */
    RegistryClient forRegistry(String registry, boolean plainHttp) {
      if (plainHttp) {
        return plain.computeIfAbsent(
            registry,
            r -> RegistryClient.newBuilder().credentials(credentials).insecurePlainHttp(r).build());
      }
      if (secure == null) {
        secure = RegistryClient.newBuilder().credentials(credentials).build();
      }
      return secure;
    }

    @Override
    public void close() {
      if (secure != null) {
        secure.close();
      }
      plain.values().forEach(RegistryClient::close);
    }
  }
}
