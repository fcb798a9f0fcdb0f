package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.graph.Attachment;
import java.util.ArrayList;
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
  private static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

  @Mixin TargetOptions where;

  @Parameters(
      index = "1..*",
      paramLabel = "FILE[:MEDIATYPE]",
      description = "regular files to attach (media type default: " + DEFAULT_MEDIA_TYPE + ")")
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
    FileArgument.requireMediaType("--artifact-type", artifactType);
    List<FileArgument> parsed = new ArrayList<>();
    for (String file : files) {
      parsed.add(FileArgument.parse(file, DEFAULT_MEDIA_TYPE));
    }
    Map<String, String> annotated = Annotations.parse(annotations);
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor subject = spec.target().resolve(spec.requireReference());
      Attachment.Builder attachment = Attachment.builder(subject, artifactType);
      for (FileArgument file : parsed) {
        attachment.file(file.file(), file.mediaType());
      }
      attachment.annotations(annotated);
      ImageManifest referrer = attachment.build().pushTo(spec.target());
      System.out.println("Attached to " + spec.display());
      System.out.println("Digest: " + referrer.descriptor().digest());
      return 0;
    }
  }
}
