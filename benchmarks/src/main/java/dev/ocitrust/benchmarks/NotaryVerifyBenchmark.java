package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Reference;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.client.Target;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.VerificationResult;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Harness (not JMH, not a test): one artifact in an OCI image layout, signed by the real notation
 * CLI ({@code notation cert generate-test}, {@code notation sign --oci-layout --signature-format
 * cose}), verified end to end (open the layout, resolve the tag, list the signature referrers,
 * fetch manifest and envelope, verify integrity, anchor in the trust store read from disk,
 * identities, expiry, time stamp rules, revocation, descriptor match) by ocitrust warm in-process,
 * and by {@code notation verify --oci-layout} in the same run, against the same notation
 * configuration. Prints the median per verification of each and the ratio. With {@code --registry}
 * the artifact is in a local docker-registry 2.8 (started for the run; signatures found through the
 * referrers fallback tag) instead, verified through {@code Repository} and by {@code notation
 * verify --insecure-registry}.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * PATH=$OCITRUST_PEERS:$PATH java -cp benchmarks/target/ocitrust-benchmarks.jar \
 *     dev.ocitrust.benchmarks.NotaryVerifyBenchmark [--registry] [ocitrustRuns] [notationRuns]
 * </pre>
 */
public final class NotaryVerifyBenchmark {
  private NotaryVerifyBenchmark() {}

  /** Runs the comparison; arguments: ocitrust runs (default 500), notation runs (default 30). */
  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean registry = rest.remove("--registry");
    int ours = rest.size() > 0 ? Integer.parseInt(rest.get(0)) : 500;
    int theirs = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 30;
    Path notation = findNotation();
    Path dir = Files.createTempDirectory("ocitrust-verify-bench-");
    try {
      if (registry) {
        try (RegistryServer server = RegistryServer.builder().parentDir(dir).start();
            RegistryClient client =
                RegistryClient.builder().insecurePlainHttp(server.host()).build()) {
          runRegistry(notation, dir, server.host(), client, ours, theirs);
        }
      } else {
        run(notation, dir, ours, theirs);
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static Descriptor pushImage(Target target) throws IOException {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "net-monitor v1".getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    target.push(c, config);
    target.push(l, layer);
    Descriptor image = target.push(ImageManifest.builder(c).layer(l).build());
    target.tag(image, "v1");
    return image;
  }

  private static void writePolicy(Path notationDir, String scope) throws IOException {
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"bench\","
            + "\"registryScopes\":[\""
            + scope
            + "\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:bench.example\"],\"trustedIdentities\":[\"*\"]}]}");
  }

  private static void runRegistry(
      Path notation, Path dir, String host, RegistryClient client, int ours, int theirs)
      throws Exception {
    Path xdg = dir.resolve("xdg");
    Repository repo = client.repository(host + "/net-monitor");
    Descriptor image = pushImage(repo);
    String ref = host + "/net-monitor@" + image.digest();
    exec(notation, xdg, "cert", "generate-test", "--default", "bench.example");
    exec(notation, xdg, "sign", "--insecure-registry", "--signature-format", "cose", ref);
    Path notationDir = xdg.resolve("notation");
    writePolicy(notationDir, host + "/net-monitor");
    NotaryVerifier verifier =
        NotaryVerifier.builder(
                OciTrustPolicy.load(NotationPaths.of(notationDir)),
                DirectoryTrustStore.atConfigDirectory(notationDir))
            .build();
    Reference reference = Reference.parse(host + "/net-monitor:v1");
    Check once =
        () -> {
          VerificationResult r = verifier.verify(client.repository(reference), reference);
          if (!r.isVerified() || !r.artifact().orElseThrow().equals(image)) {
            throw new IllegalStateException("not verified: " + r);
          }
        };
    report(
        "a local docker-registry 2.8 at " + host + " (referrers fallback tag)",
        image,
        measure(once, ours),
        measure(() -> exec(notation, xdg, "verify", "--insecure-registry", ref), theirs),
        ours,
        theirs);
  }

  /** One timed action. */
  private interface Check {
    void run() throws Exception;
  }

  private static List<Long> measure(Check c, int runs) throws Exception {
    for (int i = 0; i < Math.max(runs / 2, 1); i++) {
      c.run();
    }
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      c.run();
      times.add(System.nanoTime() - t0);
    }
    return times;
  }

  private static void report(
      String where,
      Descriptor image,
      List<Long> ocitrust,
      List<Long> notation,
      int ours,
      int theirs) {
    double oursMs = median(ocitrust) / 1e6;
    double theirsMs = median(notation) / 1e6;
    System.out.printf("artifact: %s in %s, signature by notation (COSE)%n", image.digest(), where);
    System.out.printf(
        "ocitrust NotaryVerifier, warm, in-process: median %.3f ms over %d runs%n", oursMs, ours);
    System.out.printf(
        "notation verify (process):                median %.3f ms over %d runs%n",
        theirsMs, theirs);
    System.out.printf("ratio ocitrust/notation: %.3f%n", oursMs / theirsMs);
  }

  private static void run(Path notation, Path dir, int ours, int theirs) throws Exception {
    Path xdg = dir.resolve("xdg");
    Path layoutDir = dir.resolve("bench");
    OciLayout layout = OciLayout.open(layoutDir);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "net-monitor v1".getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    layout.push(c, config);
    layout.push(l, layer);
    Descriptor image = layout.push(ImageManifest.builder(c).layer(l).build());
    layout.tag(image, "v1");

    exec(notation, xdg, "cert", "generate-test", "--default", "bench.example");
    exec(notation, xdg, "sign", "--oci-layout", layoutDir + ":v1", "--signature-format", "cose");
    Path notationDir = xdg.resolve("notation");
    Files.writeString(
        notationDir.resolve("trustpolicy.json"),
        "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"bench\","
            + "\"registryScopes\":[\"local/bench\"],\"signatureVerification\":{\"level\":\"strict\"},"
            + "\"trustStores\":[\"ca:bench.example\"],\"trustedIdentities\":[\"*\"]}]}");
    String digestRef = layoutDir + "@" + image.digest();

    NotationPaths paths = NotationPaths.of(notationDir);
    NotaryVerifier verifier =
        NotaryVerifier.builder(
                OciTrustPolicy.load(paths), DirectoryTrustStore.atConfigDirectory(notationDir))
            .build();
    // warm-up: JIT, class loading, BouncyCastle/JCA provider initialisation
    for (int i = 0; i < Math.max(200, ours / 2); i++) {
      verifyOnce(verifier, layoutDir, image);
    }
    List<Long> ocitrust = new ArrayList<>();
    for (int i = 0; i < ours; i++) {
      long t0 = System.nanoTime();
      verifyOnce(verifier, layoutDir, image);
      ocitrust.add(System.nanoTime() - t0);
    }
    exec(notation, xdg, "verify", "--oci-layout", digestRef, "--scope", "local/bench");
    List<Long> notationTimes = new ArrayList<>();
    for (int i = 0; i < theirs; i++) {
      long t0 = System.nanoTime();
      exec(notation, xdg, "verify", "--oci-layout", digestRef, "--scope", "local/bench");
      notationTimes.add(System.nanoTime() - t0);
    }
    double oursMs = median(ocitrust) / 1e6;
    double theirsMs = median(notationTimes) / 1e6;
    System.out.printf(
        "artifact: %s in an OCI image layout (%s), signature by notation (COSE)%n",
        image.digest(), layoutDir);
    System.out.printf(
        "ocitrust NotaryVerifier, warm, in-process: median %.3f ms over %d runs%n", oursMs, ours);
    System.out.printf(
        "notation verify --oci-layout (process):   median %.3f ms over %d runs%n",
        theirsMs, theirs);
    System.out.printf("ratio ocitrust/notation: %.3f%n", oursMs / theirsMs);
  }

  private static void verifyOnce(NotaryVerifier verifier, Path layoutDir, Descriptor image)
      throws Exception {
    // a fresh layout instance per run: index.json and the referrers are read from disk each time
    VerificationResult r =
        verifier.verify(OciLayout.open(layoutDir), "local/bench", "v1", Map.of());
    if (!r.isVerified() || !r.artifact().orElseThrow().equals(image)) {
      throw new IllegalStateException("not verified: " + r);
    }
  }

  private static long median(List<Long> xs) {
    List<Long> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static Path findNotation() {
    List<String> dirs = new ArrayList<>();
    String peers = System.getenv("OCITRUST_PEERS");
    if (peers != null) {
      dirs.add(peers);
    }
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
    }
    for (String d : dirs) {
      Path p = Path.of(d, "notation");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException("notation not found on OCITRUST_PEERS or PATH");
  }

  private static void exec(Path notation, Path xdg, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(notation.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("XDG_CONFIG_HOME", xdg.toString());
    pb.environment().put("NOTATION_EXPERIMENTAL", "1");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("notation timed out: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "notation failed ("
              + p.exitValue()
              + "): "
              + cmd
              + "\n"
              + new String(out, StandardCharsets.UTF_8));
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
