package dev.ocitrust.cli;

import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.Discovery;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphRenderer;
import dev.ocitrust.graph.ReferrerFilter;
import dev.ocitrust.graph.RenderOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust discover}: the referrer graph of an artifact, as a tree, JSON, DOT or Mermaid.
 */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description = "Show the referrers of an artifact (signatures, SBOMs, claims), recursively.")
final class DiscoverCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @SuppressWarnings("NullAway.Init") // defaulted: picocli sets it before call()
  @Option(
      names = {"-o", "--output", "--format"},
      defaultValue = "tree",
      description = "tree, json, dot or mermaid (default: ${DEFAULT-VALUE})")
  String output;

  @Option(names = "--artifact-type", description = "only referrers of this artifact type")
  List<String> artifactTypes = new ArrayList<>();

  @Option(names = "--depth", defaultValue = "64", description = "referrer levels to walk")
  int depth;

  @Option(names = "--annotation", description = "annotation keys to show (repeatable)")
  List<String> annotations = new ArrayList<>();

  @Option(names = "--successors", description = "also show config, layers and index entries")
  boolean successors;

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      DiscoveryOptions options =
          DiscoveryOptions.builder()
              .referrerDepth(depth)
              .successors(successors)
              .filter(
                  artifactTypes.isEmpty()
                      ? ReferrerFilter.all()
                      : ReferrerFilter.artifactTypes(artifactTypes))
              .build();
      ArtifactGraph graph =
          Discovery.builder(spec.target())
              .options(options)
              .build()
              .discover(spec.requireReference());
      RenderOptions render =
          RenderOptions.builder()
              .name(spec.display())
              .annotations(annotations.toArray(String[]::new))
              .successors(successors)
              .build();
      GraphRenderer renderer =
          switch (output) {
            case "tree" -> GraphRenderer.tree(render);
            case "json" -> GraphRenderer.json(render);
            case "dot" -> GraphRenderer.dot(render);
            case "mermaid" -> GraphRenderer.mermaid(render);
            default ->
                throw new IllegalArgumentException(
                    "unknown output '" + output + "': expected tree, json, dot or mermaid");
          };
      System.out.print(renderer.render(graph));
      return 0;
    }
  }
}
