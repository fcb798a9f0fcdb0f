package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimListing;
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.ClaimVerifier;
import dev.ocitrust.policy.NotationPaths;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ocitrust claim list}: every claim on an artifact, verified or not. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List every claim on an artifact: effective, superseded (and by which claim), ignored"
          + " (and why), verified under the claim policy and the trust stores of --config.",
      "Without a claim policy, each claim is checked against its own certificate chain only."
    })
final class ClaimListCommand implements Callable<Integer> {
  @Mixin TargetOptions where;
  @Mixin ScopeOption scope;
  @Mixin ConfigOption config;
  @Mixin ClaimPolicyOption claimPolicy;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description =
          "judge supersession of approvals for this environment, under the statement governing it")
  @Nullable String environment;

  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    output.json(); // an unknown format is a usage error before any work
    if (environment != null && !Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "--environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    NotationPaths paths = config.paths();
    Optional<ClaimPolicy> policy = claimPolicy.load(paths);
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.read(clients);
      String s = scope.of(spec);
      ClaimVerifier verifier;
      if (policy.isPresent()) {
        verifier = claimPolicy.verifier(policy.get(), paths);
      } else {
        System.err.println(
            "No claim policy ("
                + claimPolicy.source(paths)
                + " does not exist and no --claim-policy was given): each claim is checked"
                + " against its own certificate chain only, none is trusted");
        verifier = claimPolicy.unverifiedLister();
      }
      ClaimListing listing = verifier.list(spec.target(), s, spec.requireReference(), environment);
      System.out.print(output.json() ? listing.json() : listing.text());
      return 0;
    }
  }
}
