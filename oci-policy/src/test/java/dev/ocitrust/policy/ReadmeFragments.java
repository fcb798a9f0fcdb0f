package dev.ocitrust.policy;

import dev.ocitrust.client.Reference;
import dev.ocitrust.client.RegistryClient;

/**
 * README's verification against a registry, compiled and never run (it names a public registry):
 * ReadmeSnippetsTest in oci-cli checks that README shows it verbatim. The same calls run against a
 * real docker-registry in NotationRegistryIT, and on an OCI layout in ReadmeExampleTest.
 */
final class ReadmeFragments {
  private ReadmeFragments() {}

  static void verifyFromARegistry(RegistryClient client) throws Exception {
    // README: verify-registry
    NotationPaths paths = NotationPaths.userDefault(); // $XDG_CONFIG_HOME/notation, ~/.config/...
    NotaryVerifier verifier =
        NotaryVerifier.builder(
                OciTrustPolicy.load(paths), // trustpolicy.oci.json, else trustpolicy.json
                DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
            .build();
    Reference ref = Reference.parse("registry.acme-rockets.io/net-monitor:v1");
    try {
      VerificationResult r = verifier.verify(client.repository(ref), ref);
      System.out.println(r.verdict() + " " + r.artifact().orElseThrow().digest());
    } catch (VerificationFailedException e) {
      e.result().signatures().forEach(System.err::println); // each check: action and reason
    }
    // END README
  }
}
