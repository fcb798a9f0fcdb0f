package dev.ocitrust.cli;

import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.Deployment;
import dev.ocitrust.client.Descriptor;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ocitrust claim deployed}: sign a deployment record of an artifact. */
@Command(
    name = "deployed",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a deployment record (environment, from, and --to once it no longer runs there) and"
          + " attach it as a claim. The newest record of an issuer for an environment is its"
          + " current one: close a deployment by recording it again with --to.",
      "Prints the digest of the claim manifest."
    })
final class ClaimDeployedCommand implements Callable<Integer> {
  @Mixin TargetOptions where;
  @Mixin EnvironmentOption environment;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "RFC 3339 time it was deployed (default: now)")
  @Nullable String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "RFC 3339 time it stopped running there (default: open, still deployed)")
  @Nullable String to;

  @Mixin IssuerOptions issuer;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    String env = environment.name();
    Instant now = Instant.now();
    Instant start = from == null ? now : Rfc3339.parse("--from", from);
    Optional<Instant> end = to == null ? Optional.empty() : Optional.of(Rfc3339.parse("--to", to));
    Deployment record;
    try {
      record = new Deployment(env, start, end);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--to: " + e.getMessage(), e);
    }
    ClaimIssuer claims = issuer.issuer(config.paths().configDirectory());
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor artifact = spec.target().resolve(spec.requireReference()).basic();
      Descriptor claim = claims.deployed(spec.target(), artifact.digest().toString(), record);
      System.out.println(
          "Recorded "
              + spec.display()
              + " ("
              + artifact.digest()
              + ") in "
              + env
              + " from "
              + record.from()
              + record.to().map(t -> " to " + t).orElse(" (open: deployed)"));
      System.out.println("Digest: " + claim.digest());
      return 0;
    }
  }
}
