package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ocitrust resolve}: the digest a tag names, as {@code oras resolve} prints it. */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    description = "Print the digest of the manifest a tag or digest names.")
final class ResolveCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(
      names = {"-l", "--full-reference"},
      description = "print REPOSITORY@DIGEST (or DIR@DIGEST) instead of the digest alone")
  boolean fullReference;

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor d = spec.target().resolve(spec.requireReference());
      if (!fullReference) {
        System.out.println(d.digest());
      } else if (spec.registryReference().isPresent()) {
        var ref = spec.registryReference().get();
        System.out.println(ref.registry() + "/" + ref.repository() + "@" + d.digest());
      } else {
        System.out.println(layoutDirectory(spec) + "@" + d.digest());
      }
      return 0;
    }
  }

  /** The folder part of a layout target as written. */
  private static String layoutDirectory(TargetSpec spec) {
    String written = spec.display();
    String ref = spec.reference().orElse("");
    return !ref.isEmpty() && written.endsWith(ref)
        ? written.substring(0, written.length() - ref.length() - 1)
        : written;
  }
}
