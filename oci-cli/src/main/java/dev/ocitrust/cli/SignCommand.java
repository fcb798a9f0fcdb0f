package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.policy.NotarySigner;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust sign}: a Notary Project signature of an artifact, COSE by default or JWS with
 * {@code --signature-format jws}, as {@code notation sign --signature-format cose|jws} writes it,
 * attached as a referrer.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an artifact with a Notary Project signature, COSE (the default) or JWS (what"
          + " notation sign --signature-format cose|jws writes), and attach it as a referrer.",
      "Prints the digest of the signature manifest."
    })
final class SignCommand implements Callable<Integer> {
  @Mixin TargetOptions where;
  @Mixin KeyOptions keys;
  @Mixin ConfigOption config;

  @Option(
      names = "--image-spec",
      paramLabel = "v1.0|v1.1",
      description = {
        "the signature manifest: v1.1 (artifactType, as notation writes it to registries) or v1.0"
            + " (config media type application/vnd.cncf.notary.signature: the only form notation"
            + " 1.3 finds in OCI layouts)",
        "(default: v1.1 on a registry, v1.0 with --oci-layout)"
      })
  @Nullable String imageSpec;

  @Mixin SignatureFormatOption signatureFormat;

  @Mixin UserMetadataOption userMetadata;

  @Override
  public Integer call() throws Exception {
    boolean legacy;
    if (imageSpec == null) {
      legacy = where.ociLayout;
    } else if (imageSpec.equals("v1.0") || imageSpec.equals("v1.1")) {
      legacy = imageSpec.equals("v1.0");
    } else {
      throw new IllegalArgumentException(
          "--image-spec \"" + imageSpec + "\" is neither v1.0 nor v1.1");
    }
    NotaryEnvelopeFormat format = signatureFormat.format();
    Map<String, String> metadata = userMetadata.map();
    NotaryEnvelopeSigner envelopes = keys.envelopeSigner(config.paths().configDirectory(), format);
    NotarySigner signer = NotarySigner.builder(envelopes).legacyManifest(legacy).build();
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor artifact = spec.target().resolve(spec.requireReference()).basic();
      Descriptor signature = signer.sign(spec.target(), artifact.digest().toString(), metadata);
      System.out.println("Signed " + spec.display() + " (" + artifact.digest() + ")");
      System.out.println("Digest: " + signature.digest());
      return 0;
    }
  }
}
