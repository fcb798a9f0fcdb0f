package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ocitrust tag}: more tags for a manifest, as {@code oras tag}. */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = "Give the manifest TARGET names more tags.")
final class TagCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "the new tags")
  List<String> tags = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor d = spec.target().resolve(spec.requireReference());
      System.out.println("Tagging " + spec.display() + " (" + d.digest() + ")");
      for (String tag : tags) {
        spec.target().tag(d, tag);
        System.out.println("Tagged " + tag);
      }
      return 0;
    }
  }
}
