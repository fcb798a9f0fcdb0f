package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.DockerCredentials;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import java.nio.file.Path;

/**
 * README's registry tour, compiled and never run (it names a public registry): ReadmeSnippetsTest
 * in oci-cli checks that README shows it verbatim. What it does is tested against real registries
 * by RegistryCopyIT (copy with referrers), and by the unit tests of each call.
 */
final class ReadmeFragments {
  private ReadmeFragments() {}

  static void registryTour() throws Exception {
    // README: sdk-tour
    try (RegistryClient client =
        RegistryClient.builder()
            .credentials(
                DockerCredentials.fromEnvironment()) // config.json, auth.json, credential stores
            .build()) {
      Repository repo = client.repository("ghcr.io/wabbit-networks/net-monitor");
      Descriptor image = repo.resolve("v1");
      for (Descriptor sbom : repo.referrers(image, "application/spdx+json")) {
        System.out.println(sbom.digest());
      }

      OciLayout layout = OciLayout.open(Path.of("build/layout")); // the embedded store
      try (GraphCopier copier = GraphCopier.create()) {
        copier.copy(
            repo,
            "v1",
            layout,
            CopyOptions.builder()
                .referrerDepth(DiscoveryOptions.UNLIMITED) // like oras copy -r
                .filter(ReferrerFilter.artifactTypes("application/scitt-statement+cose").negate())
                .tag("v1") // set last, only on success
                .build());
      }

      ImageManifest sbomReferrer =
          Attachment.builder(image, "application/spdx+json")
              .file(Path.of("sbom.spdx.json"), "application/spdx+json")
              .build()
              .pushTo(repo);
      System.out.println(sbomReferrer.descriptor().digest());
    }
    // END README
  }
}
