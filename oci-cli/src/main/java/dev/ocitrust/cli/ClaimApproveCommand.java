package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.client.Descriptor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ocitrust claim approve}: sign an approval (or a rejection) of an artifact. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an approval of an artifact for environments (or with --reject a rejection) and"
          + " attach it as a claim. A newer approval or rejection by the same issuer for an"
          + " environment supersedes an older one.",
      "Prints the digest of the claim manifest."
    })
final class ClaimApproveCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(
      names = "--environment",
      required = true,
      paramLabel = "ENV",
      description = "an environment the decision is about, e.g. prod (repeatable)")
  List<String> environments = new ArrayList<>();

  @Option(names = "--reject", description = "reject the artifact for the environments instead")
  boolean reject;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "RFC 3339 time after which the approval no longer counts, e.g. 2027-01-01T00:00:00Z")
  @Nullable String until;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for people")
  @Nullable String reason;

  @Mixin IssuerOptions issuer;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    Optional<Instant> validUntil = Optional.empty();
    if (until != null) {
      try {
        validUntil = Optional.of(OffsetDateTime.parse(until).toInstant());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--until \"" + until + "\" is not an RFC 3339 time such as 2027-01-01T00:00:00Z", e);
      }
      if (!validUntil.get().isAfter(Instant.now())) {
        throw new IllegalArgumentException("--until " + until + " is not in the future");
      }
    }
    Approval approval;
    try {
      approval =
          new Approval(
              environments,
              reject ? Approval.Decision.REJECTED : Approval.Decision.APPROVED,
              validUntil,
              Optional.ofNullable(reason));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--environment: " + e.getMessage(), e);
    }
    ClaimIssuer claims = issuer.issuer(config.paths().configDirectory());
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor artifact = spec.target().resolve(spec.requireReference()).basic();
      Descriptor claim = claims.approve(spec.target(), artifact.digest().toString(), approval);
      System.out.println(
          (reject ? "Rejected " : "Approved ")
              + spec.display()
              + " ("
              + artifact.digest()
              + ") for "
              + String.join(", ", environments));
      System.out.println("Digest: " + claim.digest());
      return 0;
    }
  }
}
