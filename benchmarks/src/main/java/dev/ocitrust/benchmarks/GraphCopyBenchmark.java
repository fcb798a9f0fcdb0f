package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.graph.ArtifactGraph;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.CopyResult;
import dev.ocitrust.graph.Discovery;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.Peers;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

/**
 * Graph copy with referrers: ocitrust's {@link GraphCopier} (in-process, warm) against {@code oras
 * copy -r} (a process per copy), copying an image (5 layers of 4 MiB) with small referrers (200 by
 * default) between two local docker-registry processes (oci-testkit's {@link RegistryServer}; no
 * referrers API, so both tools use the fallback tag schema on both sides). Harness, not JMH and not
 * a test: never run by the build, nothing asserted about time; a copy that loses a referrer aborts
 * the run.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/ocitrust-benchmarks.jar \
 *     dev.ocitrust.benchmarks.GraphCopyBenchmark [runs [referrers [concurrency]]]
 * </pre>
 *
 * The peers (docker-registry, oras) are looked up on {@code OCITRUST_PEERS} and {@code PATH}.
 * Defaults: 5 runs, 200 referrers, the copier's default concurrency. Each run copies into fresh
 * repositories of the destination registry, ocitrust then oras; one untimed ocitrust copy first
 * warms the JVM, then the source graph is discovered once alone (timed). Prints each run (wall
 * time, requests each tool sent to each registry, from the registries' logs, and the CPU seconds of
 * both registries and of this JVM), the medians and the ratio of the medians ocitrust/oras, and the
 * load average at start and end.
 */
public final class GraphCopyBenchmark {
  private GraphCopyBenchmark() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    System.out.println("load average at start: " + loadAverage());
    System.out.println(
        "cores: "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + System.getProperty("java.version"));
    int runs = Math.max(1, args.length > 0 ? Integer.parseInt(args[0]) : 5);
    int referrers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    GraphCopier.Builder copierBuilder = GraphCopier.builder();
    if (args.length > 2) {
      copierBuilder.concurrency(Integer.parseInt(args[2]));
    }
    try (RegistryServer a = RegistryServer.builder().start();
        RegistryServer b = RegistryServer.builder().start();
        RegistryClient client =
            RegistryClient.builder()
                .insecurePlainHttp(a.host())
                .insecurePlainHttp(b.host())
                .build();
        GraphCopier copier = copierBuilder.build()) {
      String src = a.host() + "/bench/app";
      Descriptor root = populate(client.repository(src), referrers, copier);
      System.out.printf(
          "source %s:v1 %s, 5 layers x 4 MiB, %d referrers; ocitrust concurrency %d%n",
          src, root.digest(), referrers, copier.concurrency());
      CopyOptions options =
          CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build();
      copier.copy(
          client.repository(src), "v1", client.repository(b.host() + "/bench/warmup"), options);
      long d0 = System.nanoTime();
      ArtifactGraph g =
          Discovery.builder(client.repository(src))
              .executor(ForkJoinPool.commonPool())
              .concurrency(copier.concurrency())
              .build()
              .discover("v1");
      System.out.printf(
          "discovery alone: %d nodes in %.3f s%n", g.size(), (System.nanoTime() - d0) / 1e9);
      List<Double> ours = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      PeerCli oras = PeerCli.at(peer("oras"));
      for (int i = 1; i <= runs; i++) {
        Repository dst = client.repository(b.host() + "/bench/ocitrust" + i);
        int before = requests(b);
        int beforeSrc = requests(a);
        double[] cpu0 = cpu(a, b);
        long t0 = System.nanoTime();
        CopyResult r = copier.copy(client.repository(src), "v1", dst, options);
        double oursSeconds = (System.nanoTime() - t0) / 1e9;
        double[] cpu1 = cpu(a, b);
        int oursRequests = requests(b) - before;
        int oursSrcRequests = requests(a) - beforeSrc;
        check(dst, r.root(), referrers);

        before = requests(b);
        beforeSrc = requests(a);
        double[] cpu2 = cpu(a, b);
        t0 = System.nanoTime();
        oras.runOk(
            "copy",
            "-r",
            "--from-plain-http",
            "--to-plain-http",
            src + ":v1",
            b.host() + "/bench/oras" + i + ":v1");
        double orasSeconds = (System.nanoTime() - t0) / 1e9;
        int orasRequests = requests(b) - before;
        int orasSrcRequests = requests(a) - beforeSrc;
        double[] cpu3 = cpu(a, b);
        check(client.repository(b.host() + "/bench/oras" + i), r.root(), referrers);
        ours.add(oursSeconds);
        theirs.add(orasSeconds);
        System.out.printf(
            "run %d: ocitrust %.3f s (%d nodes; requests src %d, dst %d; cpu s: "
                + "src registry %.2f, dst registry %.2f, jvm %.2f)%n"
                + "       oras     %.3f s (requests src %d, dst %d; cpu s: src registry %.2f, "
                + "dst registry %.2f)  ratio %.2f%n",
            i,
            oursSeconds,
            r.nodesCopied(),
            oursSrcRequests,
            oursRequests,
            cpu1[0] - cpu0[0],
            cpu1[1] - cpu0[1],
            cpu1[2] - cpu0[2],
            orasSeconds,
            orasSrcRequests,
            orasRequests,
            cpu3[0] - cpu2[0],
            cpu3[1] - cpu2[1],
            oursSeconds / orasSeconds);
      }
      double m1 = median(ours);
      double m2 = median(theirs);
      System.out.printf(
          "median: ocitrust %.3f s, oras %.3f s, ratio ocitrust/oras %.2f%n", m1, m2, m1 / m2);
    }
    System.out.println("load average at end: " + loadAverage());
  }

  static Descriptor populate(Repository repo, int referrers, GraphCopier copier) throws Exception {
    MemoryStore staging = new MemoryStore();
    Random random = new Random(42);
    byte[] configBytes =
        "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Descriptor config = Descriptor.of(MediaTypes.OCI_CONFIG, configBytes);
    staging.push(config, configBytes);
    ImageManifest.Builder image = ImageManifest.builder(config);
    for (int i = 0; i < 5; i++) {
      byte[] layer = new byte[4 * 1024 * 1024];
      random.nextBytes(layer);
      Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
      staging.push(d, layer);
      image.layer(d);
    }
    ImageManifest manifest = image.build();
    staging.push(manifest);
    staging.push(Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < referrers; i++) {
      byte[] body = ("{\"claim\":" + i + ",\"verdict\":\"pass\"}").getBytes(StandardCharsets.UTF_8);
      Descriptor layer = Descriptor.of("application/vnd.example.claim+json", body);
      staging.push(layer, body);
      staging.push(
          ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
              .artifactType("application/vnd.example.claim+json")
              .layer(layer)
              .subject(manifest.descriptor())
              .annotations(Map.of("org.opencontainers.image.created", "2026-11-28T00:00:00Z"))
              .build());
    }
    copier.copy(
        staging,
        manifest.descriptor(),
        repo,
        CopyOptions.builder().referrerDepth(1).tag("v1").build());
    return manifest.descriptor();
  }

  private static void check(Repository dst, Descriptor root, int referrers) throws Exception {
    int found = dst.referrers(dst.resolve("v1"), null).size();
    if (!dst.resolve("v1").digest().equals(root.digest()) || found != referrers) {
      throw new IllegalStateException(
          dst + ": expected " + referrers + " referrers of " + root.digest() + ", found " + found);
    }
  }

  private static Path peer(String name) {
    return Peers.find(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name + " not found on OCITRUST_PEERS or PATH (scripts/install-peers.sh)"));
  }

  /** CPU seconds used so far by registry a, registry b and this JVM. */
  private static double[] cpu(RegistryServer a, RegistryServer b) {
    return new double[] {
      cpuOf(a.processHandle()), cpuOf(b.processHandle()), cpuOf(ProcessHandle.current())
    };
  }

  private static double cpuOf(ProcessHandle p) {
    return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /** Requests the registry has logged so far. */
  private static int requests(RegistryServer server) {
    int n = 0;
    for (String line : server.log().split("\n", -1)) {
      if (line.contains("response completed")) {
        n++;
      }
    }
    return n;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
