package dev.ocitrust.client;

import static dev.ocitrust.client.TestGraphs.pushImage;
import static dev.ocitrust.client.TestGraphs.pushReferrer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's mirrors example (region {@code mirrors-sdk}), run against two real docker-registries.
 */
class ReadmeMirrorsExampleIT {
  @TempDir Path dir;

  @Test
  void theReadmeExampleRuns() throws IOException {
    try (RegistryServer primaryServer = RegistryServer.builder().start();
        RegistryServer mirrorServer = RegistryServer.builder().start()) {
      String primary = primaryServer.host();
      String mirror = mirrorServer.host();
      Digest published;
      try (RegistryClient direct =
          RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
        ImageManifest image = null;
        for (String repo : List.of(primary + "/net-monitor", mirror + "/hub/net-monitor")) {
          image = pushImage(direct.repository(repo), "readme");
          direct.repository(repo).tag(image.descriptor(), "v1");
          pushReferrer(direct.repository(repo), image.descriptor(), "application/sarif+json", "{}");
        }
        published = image.descriptor().digest();
      }
      Path conf = dir.resolve("registries.conf");
      Files.writeString(
          conf,
          "[[registry]]\nprefix = \""
              + primary
              + "/net-monitor\"\ninsecure = true\n[[registry.mirror]]\nlocation = \""
              + mirror
              + "/hub/net-monitor\"\ninsecure = true\npull-from-mirror = \"all\"\n");
      primaryServer.close();

      // README: mirrors-sdk
      RegistryHosts hosts = RegistryHosts.load(conf); // containers' registries.conf, version 2
      try (RegistryClient client =
          RegistryClient.builder()
              .registryHosts(hosts)
              .referrerSource(ReferrerSource.PRIMARY_REQUIRED) // the default
              .proxy(ProxySettings.fromEnvironment(System.getenv())) // HTTPS_PROXY, NO_PROXY, ...
              .build()) {
        Target app = client.target(Reference.parse(primary + "/net-monitor:v1"));
        Descriptor v1 = app.resolve("v1"); // the mirror first, the primary last
        System.out.println(
            "v1 " + v1.digest() + " from " + ((MirroredRepository) app).pinnedEndpoint());
        try {
          app.referrers(v1, null); // the primary is down: no listing from a mirror that may lag
        } catch (PrimaryUnavailableException e) {
          System.out.println(e.getMessage());
        }
        try (RegistryClient offline =
            client.toBuilder().referrerSource(ReferrerSource.ANY_AVAILABLE).build()) {
          MirroredRepository cut = (MirroredRepository) offline.target(primary + "/net-monitor:v1");
          cut.referrers(v1, null);
          cut.referrerListings().forEach(System.out::println); // says where, and warns
        }
      }
      // END README

      try (RegistryClient client = RegistryClient.builder().registryHosts(hosts).build()) {
        Target app = client.target(Reference.parse(primary + "/net-monitor:v1"));
        assertThat(app.resolve("v1").digest()).isEqualTo(published);
        assertThatThrownBy(() -> app.referrers(app.resolve("v1"), null))
            .isInstanceOf(PrimaryUnavailableException.class);
      }
    }
  }
}
