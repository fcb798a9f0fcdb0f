package dev.ocitrust.policy.internal;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.util.List;

/**
 * Pushing a referrer made of the empty config and one layer (a signature envelope, a signed
 * statement): config, layer, then the manifest as a referrer of its subject, so that a reader who
 * sees the manifest finds everything it names.
 */
public final class OneLayerReferrer {
  private OneLayerReferrer() {}

  /**
   * Pushes the empty config, {@code layer} (the bytes of the manifest's one layer) and {@code m}.
   */
  public static void push(Target target, Descriptor subject, byte[] layer, ImageManifest m)
      throws IOException {
    target.push(
        Descriptor.EMPTY_JSON_DESCRIPTOR, Descriptor.EMPTY_JSON_DESCRIPTOR.data().orElseThrow());
    target.push(m.layers().get(0), layer);
    target.pushReferrers(subject, List.of(m));
  }
}
