package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.testkit.Fault;
import dev.ocitrust.testkit.FaultProxy;
import dev.ocitrust.testkit.FaultTally;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ocitrust copy -r} from a docker-registry reached through a {@link FaultProxy} that cuts
 * the connection in the middle of the image's layer: the copy resumes the download and the
 * destination holds the exact layer; the fault is counted into the fault table.
 */
class CopyFaultsIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  @Test
  void aCopyWhoseSourceIsCutMidLayerResumesAndLosesNothing(RegistryServer server) throws Exception {
    byte[] layer = new byte[6 * 1024 * 1024];
    new Random(31).nextBytes(layer);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor layerD = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    ImageManifest image = ImageManifest.builder(configD).layer(layerD).build();
    try (RegistryClient direct = RegistryClient.builder().insecurePlainHttp(server.host()).build();
        FaultProxy proxy = FaultProxy.to("127.0.0.1", server.port())) {
      Repository src = direct.repository(server.host() + "/faults/src");
      src.push(configD, new ByteArrayInputStream(config));
      src.push(layerD, new ByteArrayInputStream(layer));
      src.push(image, "v1");
      proxy.arm(Fault.at(Fault.Direction.DOWNSTREAM, 3 * 1024 * 1024).cut());

      MainTest.Result r =
          MainTest.run(
              "copy",
              "-r",
              "--plain-http",
              proxy.address() + "/faults/src:v1",
              server.host() + "/faults/dst:v1");

      byte[] got;
      try (InputStream in = direct.repository(server.host() + "/faults/dst").fetch(layerD)) {
        got = in.readAllBytes();
      }
      FaultTally.record(
          getClass(),
          "ocitrust copy -r: source cut mid-layer (download resumed)",
          r.status() == 0 ? FaultTally.Outcome.SURVIVED : FaultTally.Outcome.UNTYPED_ERROR,
          Arrays.equals(got, layer) ? 0 : layer.length);
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(proxy.fired()).hasSize(1);
      assertThat(got).isEqualTo(layer);
    }
  }

  @Test
  void aChunkedCopyWhoseDestinationIsCutBetweenChunksResumes(RegistryServer server)
      throws Exception {
    byte[] layer = new byte[5 * 1024 * 1024 + 77];
    new Random(32).nextBytes(layer);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor layerD = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    ImageManifest image = ImageManifest.builder(configD).layer(layerD).build();
    try (RegistryClient direct = RegistryClient.builder().insecurePlainHttp(server.host()).build();
        FaultProxy proxy = FaultProxy.to("127.0.0.1", server.port())) {
      Repository src = direct.repository(server.host() + "/faults/csrc");
      src.push(configD, new ByteArrayInputStream(config));
      src.push(layerD, new ByteArrayInputStream(layer));
      src.push(image, "v1");
      proxy.arm(Fault.before(Fault.Direction.UPSTREAM, "PATCH ", 3).cut());

      MainTest.Result r =
          MainTest.run(
              "copy",
              "--plain-http",
              "--chunk-size",
              "1048576",
              server.host() + "/faults/csrc:v1",
              proxy.address() + "/faults/cdst:v1");

      byte[] got;
      try (InputStream in = direct.repository(server.host() + "/faults/cdst").fetch(layerD)) {
        got = in.readAllBytes();
      }
      FaultTally.record(
          getClass(),
          "ocitrust copy --chunk-size: destination cut between chunks (upload resumed)",
          r.status() == 0 ? FaultTally.Outcome.SURVIVED : FaultTally.Outcome.UNTYPED_ERROR,
          Arrays.equals(got, layer) ? 0 : layer.length);
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(proxy.fired()).hasSize(1);
      assertThat(got).isEqualTo(layer);
      assertThat(server.log()).contains("\"GET /v2/faults/cdst/blobs/uploads/");
    }
  }
}
