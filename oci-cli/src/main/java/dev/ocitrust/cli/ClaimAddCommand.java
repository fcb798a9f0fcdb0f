package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.claims.InvalidClaimException;
import dev.ocitrust.claims.TransparencyClient;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.RegistryClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocitrust claim add}: sign a file as a claim about an artifact and attach it. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Sign FILE as a claim of content type --type about an artifact (a SCITT signed statement"
          + " naming the artifact's digest) and attach it as a referrer.",
      "Prints the digest of the claim manifest."
    })
final class ClaimAddCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Parameters(
      index = "1",
      paramLabel = "FILE",
      description = "the claim's content, a regular file of at most 4 MiB less 64 KiB")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path file;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "MEDIATYPE",
      description = "the claim's content type, e.g. application/sarif+json")
  String type = "";

  @Mixin IssuerOptions issuer;
  @Mixin ConfigOption config;

  @Option(
      names = "--register",
      paramLabel = "URL",
      description =
          "register the claim with the SCITT transparency service at URL (SCRAPI), wait for its"
              + " receipt and attach the claim with the receipt embedded")
  @Nullable URI register;

  @Option(
      names = "--register-timeout",
      paramLabel = "SECONDS",
      description = "how long to wait for the receipt in all (default: 60)")
  long registerTimeout = 60;

  @Override
  public Integer call() throws Exception {
    if (!MediaTypes.isValid(type) || type.equals(ClaimTypes.STATEMENT)) {
      throw new IllegalArgumentException(
          "--type \""
              + type
              + "\" is not a claim content type: expected a media type such as"
              + " application/sarif+json");
    }
    byte[] payload = PemFiles.read(file, ClaimIssuer.MAX_PAYLOAD_BYTES, "FILE");
    if (type.equals(ClaimTypes.APPROVAL)) {
      try {
        Approval.parse(payload);
      } catch (InvalidClaimException e) {
        throw new IllegalArgumentException(
            file + " is not an approval (" + e.getMessage() + "): claim approve writes one", e);
      }
    }
    ClaimIssuer.Builder builder = issuer.builder(config.paths().configDirectory());
    try (TargetSpec.Clients clients = where.clients()) {
      if (register != null) {
        builder.register(transparency(clients, register));
      }
      ClaimIssuer claims = builder.build();
      TargetSpec spec = where.open(clients);
      Descriptor artifact = spec.target().resolve(spec.requireReference()).basic();
      Descriptor claim = claims.issue(spec.target(), artifact.digest().toString(), type, payload);
      System.out.println(
          "Claimed " + type + " about " + spec.display() + " (" + artifact.digest() + ")");
      if (register != null) {
        System.out.println("Registered with " + register + " (receipt embedded)");
      }
      System.out.println("Digest: " + claim.digest());
      return 0;
    }
  }

  private TransparencyClient transparency(TargetSpec.Clients clients, URI url) {
    if (registerTimeout <= 0) {
      throw new IllegalArgumentException(
          "--register-timeout must be a positive number of seconds, found " + registerTimeout);
    }
    if (url.getScheme() == null || url.getAuthority() == null) {
      throw new IllegalArgumentException(
          "--register \"" + url + "\" is not a URL such as https://ts.example");
    }
    RegistryClient http = clients.forRegistry(url.getAuthority(), "http".equals(url.getScheme()));
    return TransparencyClient.builder(url, http)
        .deadline(Duration.ofSeconds(registerTimeout))
        .build();
  }
}
