package dev.ocitrust.cli;

import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.DeploymentHistory;
import dev.ocitrust.policy.NotationPaths;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ocitrust claim deployments}: where and when an artifact ran, from verified claims. */
@Command(
    name = "deployments",
    mixinStandardHelpOptions = true,
    description = {
      "Show whether an artifact is deployed in an environment and the history of its deployment"
          + " records, from the deployment claims that verify under the claim policy (the newest"
          + " per issuer is current)."
    })
final class ClaimDeploymentsCommand implements Callable<Integer> {
  @Mixin TargetOptions where;
  @Mixin EnvironmentOption environment;
  @Mixin ScopeOption scope;
  @Mixin ConfigOption config;
  @Mixin ClaimPolicyOption claimPolicy;
  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    String env = environment.name();
    boolean json = output.json();
    NotationPaths paths = config.paths();
    ClaimPolicy policy = claimPolicy.require(paths, "read deployment records for " + env);
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.read(clients);
      DeploymentHistory h =
          claimPolicy
              .verifier(policy, paths)
              .deployments(spec.target(), scope.of(spec), spec.requireReference(), env);
      Instant now = Instant.now();
      System.out.print(json ? h.json(now) : h.text(now));
      return 0;
    }
  }
}
