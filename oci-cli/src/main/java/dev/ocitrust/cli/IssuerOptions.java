package dev.ocitrust.cli;

import dev.ocitrust.claims.ClaimIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Who signs a claim: {@code --issuer} and the signing key options of {@link KeyOptions}. */
final class IssuerOptions {
  @Option(
      names = "--issuer",
      required = true,
      paramLabel = "ISS",
      description = "the claim's issuer (iss), a URI such as https://acme-rockets.example")
  String issuer = "";

  @Mixin KeyOptions keys;

  /**
   * The issuer signing with the key in {@code configDirectory}'s terms.
   *
   * @throws IllegalArgumentException (a usage error) naming the option at fault
   */
  ClaimIssuer issuer(Path configDirectory) throws IOException {
    return builder(configDirectory).build();
  }

  /** As {@link #issuer}, not yet built, for a command that adds to it. */
  ClaimIssuer.Builder builder(Path configDirectory) throws IOException {
    try {
      if (new URI(issuer).getScheme() == null) {
        throw new URISyntaxException(issuer, "no scheme");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--issuer \"" + issuer + "\" is not a URI such as https://acme-rockets.example", e);
    }
    KeyOptions.Material m = keys.load(configDirectory);
    KeyOptions.FileKey file = m.requireFile("a claim");
    ClaimIssuer.Builder b = ClaimIssuer.builder(file.key(), file.chain(), issuer);
    if (m.tsa().isPresent() && m.tsaVerifier().isPresent()) {
      b.timestampAuthority(m.tsa().get(), m.tsaVerifier().get());
    }
    return b;
  }
}
