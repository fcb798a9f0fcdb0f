package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.graph.Attachment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust attach}: attach files to an artifact as a referrer (what {@code oras attach}
 * does).
 */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = "Attach files (an SBOM, evidence, a claim) to an artifact as a referrer.")
final class AttachCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Parameters(
      index = "1..*",
      paramLabel = "FILE[:MEDIATYPE]",
      description = "files to attach (media type defaults to application/octet-stream)")
  List<String> files = new ArrayList<>();

  @SuppressWarnings("NullAway.Init") // picocli sets it before call()
  @Option(names = "--artifact-type", required = true, description = "the referrer's artifact type")
  String artifactType;

  @Option(
      names = {"-a", "--annotation"},
      description = "KEY=VALUE annotation of the referrer manifest")
  List<String> annotations = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor subject = spec.target().resolve(spec.requireReference());
      Attachment.Builder attachment = Attachment.builder(subject, artifactType);
      for (String file : files) {
        int colon = file.lastIndexOf(':');
        boolean typed = colon > 0 && file.indexOf('/', colon) > 0;
        String path = typed ? file.substring(0, colon) : file;
        String mediaType = typed ? file.substring(colon + 1) : "application/octet-stream";
        attachment.file(Path.of(path), mediaType);
      }
      Map<String, String> parsed = new LinkedHashMap<>();
      for (String annotation : annotations) {
        int eq = annotation.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("annotation '" + annotation + "' is not KEY=VALUE");
        }
        parsed.put(annotation.substring(0, eq), annotation.substring(eq + 1));
      }
      attachment.annotations(parsed);
      ImageManifest referrer = attachment.build().pushTo(spec.target());
      System.out.println("Attached to " + spec.display());
      System.out.println("Digest: " + referrer.descriptor().digest());
      return 0;
    }
  }
}
