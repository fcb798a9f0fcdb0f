package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Platform;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.CopyResult;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocitrust copy}: an artifact and, with {@code -r}, everything attached to it. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = "Copy an artifact between registries and OCI layouts, keeping every digest.")
final class CopyCommand implements Callable<Integer> {
  @Mixin RegistryOptions registry;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "host/repo:tag or host/repo@digest, or DIR[:tag|@digest] with --from-oci-layout")
  String source;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "1",
      paramLabel = "DESTINATION",
      description = {
        "host/repo[:tag][@digest], or DIR[:tag|@digest] with --to-oci-layout;",
        "a registry is tagged only with the tag written here, a layout with this or the"
            + " source's tag; a digest here must be the source's"
      })
  String destination;

  @Option(
      names = {"-r", "--recursive"},
      description = "also copy referrers, recursively")
  boolean recursive;

  @Option(names = "--from-oci-layout", description = "SOURCE is an OCI image layout")
  boolean fromLayout;

  @Option(names = "--to-oci-layout", description = "DESTINATION is an OCI image layout")
  boolean toLayout;

  @Option(names = "--from-plain-http", description = "INSECURE: plain HTTP to the source registry")
  boolean fromPlainHttp;

  @Option(
      names = "--to-plain-http",
      description = "INSECURE: plain HTTP to the destination registry")
  boolean toPlainHttp;

  @Mixin ReferrerTypeOptions types;

  @Option(
      names = "--platform",
      description = "os/arch[/variant]: copy only that manifest of an index")
  @Nullable String platform;

  @Option(
      names = "--concurrency",
      description = "parallel transfers (default: sized for this machine)")
  @Nullable Integer concurrency;

  @Override
  public Integer call() throws Exception {
    CopyOptions.Builder options =
        CopyOptions.builder()
            .referrerDepth(recursive ? DiscoveryOptions.UNLIMITED : 0)
            .filter(types.filter());
    if (platform != null) {
      options.platform(Platform.parse(platform));
    }
    Optional<Digest> pinned = TargetSpec.writtenDigest(destination, toLayout);
    GraphCopier.Builder copier = GraphCopier.builder();
    if (concurrency != null) {
      copier.concurrency(concurrency);
    }
    try (TargetSpec.Clients clients = registry.clients()) {
      TargetSpec from =
          TargetSpec.open(source, fromLayout, fromPlainHttp, clients, TargetSpec.Access.READ);
      Descriptor root = from.target().resolve(from.requireReference());
      if (pinned.isPresent() && !pinned.get().equals(root.digest())) {
        throw new IllegalArgumentException(
            "the destination "
                + destination
                + " names the digest "
                + pinned.get()
                + " but the source "
                + from.display()
                + " is "
                + root.digest());
      }
      // the destination is opened (a layout made) only once the source and the digest are right
      TargetSpec to =
          TargetSpec.open(destination, toLayout, toPlainHttp, clients, TargetSpec.Access.CREATE);
      // a registry is tagged only when asked (as oras copy does); a layout keeps the source's tag
      Optional<String> tag =
          to.registryReference().isPresent() ? to.writtenTag() : to.writtenTag().or(from::tag);
      tag.ifPresent(options::tag);
      try (GraphCopier c = copier.build()) {
        CopyResult result =
            c.copy(clients.readingWithProgress(from), root, to.target(), options.build());
        System.out.printf(
            "Copied %s to %s: %s%n  %d nodes copied, %d skipped, %d blobs mounted, %d bytes, %d ms%n",
            from.display(),
            to.display(),
            result.root().digest(),
            result.nodesCopied(),
            result.nodesSkipped(),
            result.blobsMounted(),
            result.bytesCopied(),
            result.duration().toMillis());
      }
      return 0;
    }
  }
}
