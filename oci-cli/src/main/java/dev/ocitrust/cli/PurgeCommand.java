package dev.ocitrust.cli;

import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.Retention;
import dev.ocitrust.claims.RetentionPolicy;
import dev.ocitrust.claims.RetentionReport;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.graph.PurgeResult;
import dev.ocitrust.graph.Purger;
import dev.ocitrust.graph.ReferrerFilter;
import dev.ocitrust.policy.NotationPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust purge}: delete an artifact and everything that refers to it, deepest first; with
 * {@code --retention}, every artifact of a repository or layout whose retention expired.
 */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
      "Delete an artifact and its referrers, deepest first.",
      "With --retention FILE, TARGET is a repository (host/repo) or a layout (DIR with"
          + " --oci-layout): every artifact in it is judged by the retention policy on its"
          + " verified claims (the claim policy and trust stores of --config), the expired ones are"
          + " deleted with all their referrers, and the report says what was kept and why."
    })
final class PurgeCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
  boolean dryRun;

  @Option(
      names = "--keep-type",
      description = "keep referrers of these artifact types (and what they need)")
  List<String> keepTypes = new ArrayList<>();

  @Option(
      names = "--retention",
      paramLabel = "FILE",
      description = "the retention policy (docs/retention.md) to judge every artifact by")
  @Nullable Path retention;

  @Mixin ScopeOption scope;
  @Mixin ConfigOption config;
  @Mixin ClaimPolicyOption claimPolicy;
  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    if (retention != null) {
      return retention(retention, json);
    }
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = dryRun ? where.read(clients) : where.open(clients);
      Descriptor root = spec.target().resolve(spec.requireReference());
      Purger.Builder purger = Purger.builder().dryRun(dryRun);
      if (!keepTypes.isEmpty()) {
        purger.keep(ReferrerFilter.artifactTypes(keepTypes));
      }
      PurgeResult result = purger.build().purge(spec.target(), root);
      String verb = result.dryRun() ? "Would delete" : "Deleted";
      for (Descriptor d : result.deleted()) {
        System.out.println(verb + " " + d.digest() + " " + d.mediaType());
      }
      for (Descriptor d : result.kept()) {
        System.out.println("Kept " + d.digest() + " " + d.mediaType());
      }
      return 0;
    }
  }

  private int retention(Path file, boolean json) throws Exception {
    if (!keepTypes.isEmpty()) {
      throw new IllegalArgumentException(
          "--keep-type does not apply with --retention: the retention policy decides");
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("--retention " + file + " does not exist");
    }
    RetentionPolicy rules = RetentionPolicy.read(file);
    NotationPaths paths = config.paths();
    ClaimPolicy policy = claimPolicy.require(paths, "judge retention on verified claims");
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = dryRun ? where.read(clients) : where.open(clients);
      RetentionReport report =
          Retention.builder(rules, claimPolicy.verifier(policy, paths))
              .dryRun(dryRun)
              .build()
              .apply(spec.target(), scope.of(spec));
      System.out.print(json ? report.json() : report.text());
      return 0;
    }
  }
}
