package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.graph.PurgeResult;
import dev.ocitrust.graph.Purger;
import dev.ocitrust.graph.ReferrerFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ocitrust purge}: delete an artifact and everything that refers to it, deepest first. */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = "Delete an artifact and its referrers (retention), deepest first.")
final class PurgeCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
  boolean dryRun;

  @Option(
      names = "--keep-type",
      description = "keep referrers of these artifact types (and what they need)")
  List<String> keepTypes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
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
}
