package dev.ocitrust.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust manifest fetch}: a manifest's exact bytes (verified against the digest that names
 * it), or its descriptor, as {@code oras manifest fetch}.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = "Print a manifest's exact bytes (digest verified), or its descriptor.")
final class ManifestFetchCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(names = "--descriptor", description = "print the descriptor instead of the manifest")
  boolean descriptor;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "write to FILE instead of standard output")
  @Nullable Path output;

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor d = spec.target().resolve(spec.requireReference());
      byte[] bytes;
      if (descriptor) {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("mediaType", d.mediaType());
        json.put("digest", d.digest().toString());
        json.put("size", d.size());
        bytes = (json.toString() + "\n").getBytes(StandardCharsets.UTF_8);
      } else {
        Manifest m = spec.target().fetchManifest(d);
        bytes = m.bytes();
      }
      if (output != null) {
        Files.write(output, bytes);
      } else {
        System.out.write(bytes);
        System.out.flush();
      }
      return 0;
    }
  }
}
