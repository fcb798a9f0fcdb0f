package dev.ocitrust.policy;

import dev.ocitrust.cose.ExternalSigner;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.PrivateKeySigner;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * README's external signers, compiled and never run (it names a plugin that is not installed):
 * ReadmeSnippetsTest in oci-cli checks that README shows it verbatim. The same calls run against
 * the test kit's plugin in NotationPluginTest and ExternalSignerTest.
 */
final class ReadmeSignerFragments {
  private ReadmeSignerFragments() {}

  static List<Object> signers(
      PrivateKey privateKey, List<X509Certificate> chain, PrivateKey p11Key, Provider p11)
      throws Exception {
    // README: external-signers
    ExternalSigner key = PrivateKeySigner.of(privateKey, chain); // any JCA key
    ExternalSigner hsm = PrivateKeySigner.builder(p11Key, chain).provider(p11).build(); // PKCS #11
    ExternalSigner kms =
        NotationPlugin.builder(NotationPaths.userDefault(), "com.example.kms")
            .build()
            .signer("key-id", Map.of("region", "eu-west-1")); // a notation plugin
    NotarySigner signer = NotarySigner.builder(NotaryEnvelopeSigner.builder(kms).build()).build();
    // END README
    return List.of(key, hsm, signer);
  }
}
