package dev.ocitrust.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate process that writes into a store another process writes at the same time, for the
 * concurrent-writer ITs: {@code layout DIR PREFIX N} pushes N small images into the OCI layout DIR,
 * each tagged {@code PREFIX-i}; {@code attach HOST REPO SUBJECT-DIGEST SUBJECT-SIZE PREFIX N}
 * attaches N referrers, one push each (as {@code oras attach} does), to the subject in a registry
 * without the referrers API. Prints the digests it wrote, one a line.
 */
final class ConcurrentWriter {
  private ConcurrentWriter() {}

  public static void main(String[] args) throws IOException {
    List<Digest> written =
        switch (args[0]) {
          case "layout" -> layout(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
          case "attach" ->
              attach(
                  args[1],
                  args[2],
                  Descriptor.of(
                      MediaTypes.OCI_MANIFEST, Digest.parse(args[3]), Long.parseLong(args[4])),
                  args[5],
                  Integer.parseInt(args[6]));
          default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
    written.forEach(System.out::println);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Digest> layout(Path dir, String prefix, int n) throws IOException {
    OciLayout layout = OciLayout.open(dir);
    List<Digest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] config = utf8("{\"writer\":\"" + prefix + "\",\"n\":" + i + "}");
      byte[] layer = utf8("layer " + prefix + " " + i);
      Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
      Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
      layout.push(c, config);
      layout.push(l, layer);
      ImageManifest m = ImageManifest.builder(c).layer(l).build();
      layout.push(m);
      layout.tag(m.descriptor(), prefix + "-" + i);
      out.add(m.descriptor().digest());
    }
    return out;
  }

  private static List<Digest> attach(
      String host, String repo, Descriptor subject, String prefix, int n) throws IOException {
    try (RegistryClient client = RegistryClient.builder().insecurePlainHttp(host).build()) {
      Repository repository = client.repository(host + "/" + repo);
      repository.push(Descriptor.EMPTY_JSON_DESCRIPTOR, utf8("{}"));
      List<Digest> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] body = utf8("{\"writer\":\"" + prefix + "\",\"n\":" + i + "}");
        Descriptor layer = Descriptor.of("application/vnd.example.claim+json", body);
        repository.push(layer, body);
        ImageManifest m =
            ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
                .artifactType("application/vnd.example.claim+json")
                .layer(layer)
                .subject(subject)
                .build();
        repository.push(m);
        out.add(m.descriptor().digest());
      }
      return out;
    }
  }

  /** Starts this class as a child JVM with the test's class path. */
  static Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ConcurrentWriter.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(false)
        .redirectError(log.toFile())
        .start();
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Waits for {@code p} (at most {@code seconds}) and returns the digests it printed. */
  static List<Digest> await(Process p, Path log, int seconds) {
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "writer " + p.pid() + " did not finish in " + seconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "writer exited " + p.exitValue() + ": " + tail(java.nio.file.Files.readString(log)));
      }
      List<Digest> digests = new ArrayList<>();
      for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          digests.add(Digest.parse(line.strip()));
        }
      }
      return digests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
