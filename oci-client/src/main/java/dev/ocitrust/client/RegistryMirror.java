package dev.ocitrust.client;

import java.util.Objects;

/**
 * One mirror of a {@link RegistryHost}: where it is, whether it may be spoken to over plain HTTP,
 * and which pulls it may serve.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * new RegistryMirror("mirror.example/acme", false, PullFromMirror.DIGEST_ONLY)
 * }</pre>
 *
 * @param location {@code host[:port][/namespace...]}, replacing the host's prefix in a reference
 * @param insecure INSECURE: plain HTTP to the mirror's host
 * @param pullFromMirror which pulls it may serve
 */
public record RegistryMirror(String location, boolean insecure, PullFromMirror pullFromMirror) {
  /** Checks the location. */
  public RegistryMirror {
    location = RegistryHost.checkLocation(location, "mirror location");
    Objects.requireNonNull(pullFromMirror, "pullFromMirror");
  }

  /** A mirror over HTTPS that serves every pull. */
  public static RegistryMirror of(String location) {
    return new RegistryMirror(location, false, PullFromMirror.ALL);
  }
}
