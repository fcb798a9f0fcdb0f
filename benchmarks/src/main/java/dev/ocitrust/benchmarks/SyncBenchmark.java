package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.Peers;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Update sync: 50 artifacts, each with 200 referrers, already copied from a publisher's registry to
 * a consumer's; then 5 new referrers on 10 of them. {@code ocitrust sync --all-tags} (the command
 * line, one process, JVM start included) brings them over, beside re-running {@code oras copy -r}
 * for each artifact (a process per artifact), each into its own pre-filled repository of the
 * consumer's registry; then {@code ocitrust sync} once more with nothing new. Two local
 * docker-registry processes (no referrers API: the fallback tag schema on both sides). Prints the
 * wall time and the requests each registry served for each (from its access log, every request
 * including those no route matches), the ratios ocitrust/oras, and the load average at start and
 * end. Harness, not a test: nothing asserted about time; a sync that misses a referrer aborts.
 *
 * <pre>
 * ./mvnw -q -pl oci-cli,benchmarks -am package -DskipTests
 * java -cp benchmarks/target/ocitrust-benchmarks.jar dev.ocitrust.benchmarks.SyncBenchmark \
 *     [artifacts [referrers [updated [new]]]]      # defaults: 50 200 10 5
 * </pre>
 *
 * The peers (docker-registry, oras) are looked up on {@code OCITRUST_PEERS} and {@code PATH}; the
 * command line is this checkout's {@code bin/ocitrust} (which needs {@code
 * oci-cli/target/ocitrust.jar}).
 */
public final class SyncBenchmark {
  private static final String TYPE = "application/vnd.example.claim+json";

  private SyncBenchmark() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int artifacts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int referrers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int updated = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int added = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Path launcher = launcher();
    PeerCli oras =
        PeerCli.at(
            Peers.find("oras")
                .orElseThrow(
                    () -> new IllegalStateException("oras not found on OCITRUST_PEERS or PATH")));
    System.out.println("load average at start: " + ClaimsBenchmark.loadAverage());
    System.out.println(
        "cores: "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + System.getProperty("java.version"));
    try (RegistryServer a = RegistryServer.builder().start();
        RegistryServer b = RegistryServer.builder().start();
        RegistryClient client =
            RegistryClient.builder()
                .insecurePlainHttp(a.host())
                .insecurePlainHttp(b.host())
                .build();
        GraphCopier copier = GraphCopier.create()) {
      String src = a.host() + "/bench/app";
      String ours = b.host() + "/bench/ocitrust";
      String theirs = b.host() + "/bench/oras";
      long t0 = System.nanoTime();
      MemoryStore staging = new MemoryStore();
      List<Descriptor> roots = new ArrayList<>();
      for (int i = 0; i < artifacts; i++) {
        roots.add(populate(staging, i, referrers, 0, client.repository(src), copier));
      }
      CopyOptions all = CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).build();
      for (int i = 0; i < artifacts; i++) {
        for (String dst : List.of(ours, theirs)) {
          CopyOptions tagged = all.toBuilder().tag(tag(i)).build();
          copier.copy(client.repository(src), tag(i), client.repository(dst), tagged);
        }
      }
      for (int i = 0; i < updated; i++) {
        populate(staging, i, referrers, added, client.repository(src), copier);
      }
      System.out.printf(
          "setup: %d artifacts x %d referrers in %s, copied to %s and %s; %d new referrers on"
              + " %d of them; %.1f s%n",
          artifacts, referrers, src, ours, theirs, added, updated, (System.nanoTime() - t0) / 1e9);

      Measured sync = measure(a, b, () -> ocitrustSync(launcher, src, ours));
      System.out.printf(
          "ocitrust sync --all-tags: %.3f s, requests src %d, dst %d%n  %s%n",
          sync.seconds, sync.src, sync.dst, sync.note);
      Measured copies =
          measure(
              a,
              b,
              () -> {
                for (int i = 0; i < artifacts; i++) {
                  oras.runOk(
                      "copy",
                      "-r",
                      "--from-plain-http",
                      "--to-plain-http",
                      src + ":" + tag(i),
                      theirs + ":" + tag(i));
                }
                return artifacts + " processes";
              });
      System.out.printf(
          "oras copy -r per artifact: %.3f s, requests src %d, dst %d (%s)%n",
          copies.seconds, copies.src, copies.dst, copies.note);
      System.out.printf(
          "ratio ocitrust/oras: wall %.3f, requests %.4f%n",
          sync.seconds / copies.seconds,
          (double) (sync.src + sync.dst) / (copies.src + copies.dst));
      for (int i = 0; i < artifacts; i++) {
        int expected = referrers + (i < updated ? added : 0);
        for (String dst : List.of(ours, theirs)) {
          Repository r = client.repository(dst);
          int found = r.referrers(roots.get(i), null).size();
          if (found != expected) {
            throw new IllegalStateException(
                dst + ":" + tag(i) + ": expected " + expected + " referrers, found " + found);
          }
        }
      }
      int marksA = RegistryLog.count(a);
      int marksB = RegistryLog.count(b);
      Measured again = measure(a, b, () -> ocitrustSync(launcher, src, ours));
      long writes =
          RegistryLog.since(a, marksA).stream()
                  .filter(r -> !r.method().equals("GET") && !r.method().equals("HEAD"))
                  .count()
              + RegistryLog.since(b, marksB).stream()
                  .filter(r -> !r.method().equals("GET") && !r.method().equals("HEAD"))
                  .count();
      long blobs =
          RegistryLog.since(a, marksA).stream().filter(r -> r.uri().contains("/blobs/")).count()
              + RegistryLog.since(b, marksB).stream()
                  .filter(r -> r.uri().contains("/blobs/"))
                  .count();
      System.out.printf(
          "ocitrust sync again, nothing new: %.3f s, requests src %d, dst %d (%.2f per artifact;"
              + " %d writes, %d blob requests)%n  %s%n",
          again.seconds,
          again.src,
          again.dst,
          (again.src + again.dst) / (double) artifacts,
          writes,
          blobs,
          again.note);
    }
    System.out.println("load average at end: " + ClaimsBenchmark.loadAverage());
  }

  /** Wall time and requests of one step. */
  private record Measured(double seconds, int src, int dst, String note) {}

  private interface Step {
    String run() throws Exception;
  }

  private static Measured measure(RegistryServer a, RegistryServer b, Step step) throws Exception {
    int beforeA = RegistryLog.count(a);
    int beforeB = RegistryLog.count(b);
    long t0 = System.nanoTime();
    String note = step.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Measured(
        seconds, RegistryLog.count(a) - beforeA, RegistryLog.count(b) - beforeB, note);
  }

  /** Runs the command line's sync; returns its last line (the summary). */
  private static String ocitrustSync(Path launcher, String src, String dst) throws Exception {
    String out =
        PeerClaimPipeline.exec(
            List.of(
                launcher.toString(),
                "sync",
                "--from-plain-http",
                "--to-plain-http",
                "--all-tags",
                src,
                dst),
            launcher.getParent(),
            System.getenv("PATH"),
            600);
    List<String> lines = out.strip().lines().toList();
    return lines.get(lines.size() - 1);
  }

  private static String tag(int i) {
    return String.format("a%02d", i);
  }

  /**
   * Artifact {@code i} (a small image) with referrers {@code 0 .. referrers + extra - 1}, pushed to
   * {@code repo} and tagged; referrers already there are not pushed again.
   */
  private static Descriptor populate(
      MemoryStore staging, int i, int referrers, int extra, Repository repo, GraphCopier copier)
      throws Exception {
    byte[] configBytes =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + i + "}")
            .getBytes(StandardCharsets.UTF_8);
    Descriptor config = Descriptor.of(MediaTypes.OCI_CONFIG, configBytes);
    staging.push(config, configBytes);
    byte[] layer = ("layer of artifact " + i).getBytes(StandardCharsets.UTF_8);
    Descriptor layerD = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    staging.push(layerD, layer);
    ImageManifest image = ImageManifest.builder(config).layer(layerD).build();
    staging.push(image);
    staging.push(Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(StandardCharsets.UTF_8));
    for (int r = 0; r < referrers + extra; r++) {
      byte[] body =
          ("{\"artifact\":" + i + ",\"claim\":" + r + "}").getBytes(StandardCharsets.UTF_8);
      Descriptor d = Descriptor.of(TYPE, body);
      staging.push(d, body);
      staging.push(
          ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
              .artifactType(TYPE)
              .layer(d)
              .subject(image.descriptor())
              .annotations(Map.of("org.opencontainers.image.created", "2026-12-02T00:00:00Z"))
              .build());
    }
    copier.copy(
        staging,
        image.descriptor(),
        repo,
        CopyOptions.builder().referrerDepth(1).tag(tag(i)).build());
    return image.descriptor();
  }

  /** This checkout's bin/ocitrust, with its jar built. */
  private static Path launcher() throws Exception {
    Path target =
        Path.of(SyncBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toAbsolutePath()
            .getParent();
    Path root = target.getParent().getParent();
    Path launcher = root.resolve("bin/ocitrust");
    if (!Files.isExecutable(launcher)
        || !Files.exists(root.resolve("oci-cli/target/ocitrust.jar"))) {
      throw new IllegalStateException(
          "bin/ocitrust and oci-cli/target/ocitrust.jar are needed:"
              + " ./mvnw -q -pl oci-cli,benchmarks -am package -DskipTests");
    }
    return launcher;
  }
}
