package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.claims.InvalidClaimException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.MediaTypes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
    ClaimIssuer claims = issuer.issuer(config.paths().configDirectory());
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor artifact = spec.target().resolve(spec.requireReference()).basic();
      Descriptor claim = claims.issue(spec.target(), artifact.digest().toString(), type, payload);
      System.out.println(
          "Claimed " + type + " about " + spec.display() + " (" + artifact.digest() + ")");
      System.out.println("Digest: " + claim.digest());
      return 0;
    }
  }
}
