package dev.ocitrust.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ocitrust repo tags}: the tags of a repository or layout, one a line, in ascending order,
 * without the referrers fallback tags ({@code sha256-...}) a registry without the referrers API
 * holds.
 */
@Command(
    name = "tags",
    mixinStandardHelpOptions = true,
    description = "List the tags of a repository (host/repo) or of an OCI layout (DIR).")
final class RepoTagsCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      for (String tag : spec.target().tags()) {
        System.out.println(tag);
      }
      return 0;
    }
  }
}
