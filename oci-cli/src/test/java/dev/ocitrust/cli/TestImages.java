package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Images for the command tests, pushed into OCI image layouts. */
final class TestImages {
  private TestImages() {}

  /** Pushes an image (a config and a layer made from {@code seed}) and tags it {@code tag}. */
  static ImageManifest push(OciLayout layout, String seed, String tag) throws IOException {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor layerD = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    layout.push(configD, config);
    layout.push(layerD, layer);
    ImageManifest image = ImageManifest.builder(configD).layer(layerD).build();
    layout.push(image);
    layout.tag(image.descriptor(), tag);
    return image;
  }
}
