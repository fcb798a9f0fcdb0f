package dev.ocitrust.cli;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Repository;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust push}: files as an artifact, what {@code oras push} makes: an image manifest with
 * the empty config, the artifact type, one layer per file titled with its file name, and a creation
 * time.
 */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push files as an artifact (as oras push): one layer per file, titled with its file name.",
      "Layers default to application/vnd.oci.image.layer.v1.tar, as oras writes them."
    })
final class PushCommand implements Callable<Integer> {
  /** The layer media type oras gives a file without one. */
  static final String DEFAULT_LAYER = "application/vnd.oci.image.layer.v1.tar";

  /** The artifact type oras gives an artifact without one. */
  static final String DEFAULT_ARTIFACT_TYPE = "application/vnd.unknown.artifact.v1";

  @Mixin TargetOptions where;

  @Parameters(
      index = "1..*",
      paramLabel = "FILE[:MEDIATYPE]",
      description = "regular files to push (media type default: " + DEFAULT_LAYER + ")")
  List<String> files = new ArrayList<>();

  @SuppressWarnings("NullAway.Init") // defaulted: picocli sets it before call()
  @Option(
      names = "--artifact-type",
      defaultValue = DEFAULT_ARTIFACT_TYPE,
      description = "the artifact type (default: ${DEFAULT-VALUE})")
  String artifactType;

  @Option(
      names = {"-a", "--annotation"},
      description = "KEY=VALUE annotation of the manifest (repeatable)")
  List<String> annotations = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    List<FileArgument> args = new ArrayList<>();
    Set<String> titles = new TreeSet<>();
    for (String f : files) {
      FileArgument a = FileArgument.parse(f, DEFAULT_LAYER);
      if (!titles.add(String.valueOf(a.file().getFileName()))) {
        throw new IllegalArgumentException(
            "two files are named " + a.file().getFileName() + ": a pull could keep only one");
      }
      args.add(a);
    }
    if (!dev.ocitrust.client.MediaTypes.isValid(artifactType)) {
      throw new IllegalArgumentException(
          "--artifact-type '" + artifactType + "' is not a media type (type/subtype, RFC 6838)");
    }
    Map<String, String> all = new LinkedHashMap<>();
    all.put(
        Descriptor.ANNOTATION_CREATED,
        DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    all.putAll(Annotations.parse(annotations));
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Target target = spec.target();
      target.push(
          Descriptor.EMPTY_JSON_DESCRIPTOR, Descriptor.EMPTY_JSON_DESCRIPTOR.data().orElseThrow());
      List<Descriptor> layers = new ArrayList<>();
      for (FileArgument a : args) {
        Descriptor layer = describe(a);
        try (InputStream in = Files.newInputStream(a.file())) {
          target.push(layer, in);
        }
        layers.add(layer);
      }
      if (layers.isEmpty()) {
        layers.add(Descriptor.EMPTY_JSON_DESCRIPTOR);
      }
      ImageManifest manifest =
          ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
              .artifactType(artifactType)
              .layers(layers)
              .annotations(all)
              .build();
      Descriptor pushed;
      if (spec.tag().isPresent() && target instanceof Repository repository) {
        pushed = repository.push(manifest, spec.tag().get());
      } else {
        pushed = target.push(manifest);
        if (spec.tag().isPresent()) {
          target.tag(pushed, spec.tag().get());
        }
      }
      System.out.println("Pushed " + spec.display());
      System.out.println("ArtifactType: " + artifactType);
      System.out.println("Digest: " + pushed.digest());
      return 0;
    }
  }

  /** The descriptor of {@code a}'s file, read once to digest it, titled with its file name. */
  static Descriptor describe(FileArgument a) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    long size;
    try (InputStream in = new DigestInputStream(Files.newInputStream(a.file()), sha)) {
      size = in.transferTo(OutputStream.nullOutputStream());
    }
    Descriptor d =
        Descriptor.of(
            a.mediaType(), new Digest(Digest.SHA256, HexFormat.of().formatHex(sha.digest())), size);
    return d.withAnnotations(
        Map.of(Descriptor.ANNOTATION_TITLE, String.valueOf(a.file().getFileName())));
  }
}
