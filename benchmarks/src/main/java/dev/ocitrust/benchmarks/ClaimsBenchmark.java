package dev.ocitrust.benchmarks;

import dev.ocitrust.claims.ClaimDecision;
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.ClaimStatus;
import dev.ocitrust.claims.ClaimVerifier;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The claim decision: for an artifact with 200 claims from 3 issuers, 50 of them superseded (see
 * {@link ClaimSet}), in a local docker-registry 2.8 (fallback tag schema) and in an OCI image
 * layout copied from it, ocitrust's {@link ClaimVerifier#evaluate} (in-process, warm, on a pool of
 * {@code jobs} threads) beside the peers' pipeline (oras discover --depth 1, then per claim oras
 * manifest fetch + jq + oras blob fetch, {@code jobs} at a time, then one node process that
 * verifies every statement with {@code @transmute/cose}; {@link PeerClaimPipeline}). Harness, not
 * JMH and not a test: never run by the build, nothing asserted about time; a decision or a pipeline
 * that does not find, verify and supersede exactly the claims issued aborts the run.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/ocitrust-benchmarks.jar \
 *     dev.ocitrust.benchmarks.ClaimsBenchmark [rounds [ocitrustRunsPerRound [jobs]]]
 * </pre>
 *
 * Defaults: 5 rounds, 5 ocitrust runs per round, 8 jobs. Each round runs ocitrust, then the
 * pipeline once, so load changes hit both; untimed warm-up first. Prints per round the times and
 * the requests each side sent to the registry (from its log), then the medians and their ratio; for
 * the layout the store reads instead; the load average at start and end. When the command line has
 * a claims command ({@code bin/ocitrust claim list}, {@code verify --environment}), its time as a
 * process per decision is printed too (see {@link OcitrustCli}).
 */
public final class ClaimsBenchmark {
  private ClaimsBenchmark() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    System.out.println("load average at start: " + loadAverage());
    int rounds = Math.max(1, args.length > 0 ? Integer.parseInt(args[0]) : 5);
    int perRound = Math.max(1, args.length > 1 ? Integer.parseInt(args[1]) : 5);
    int jobs = Math.max(1, args.length > 2 ? Integer.parseInt(args[2]) : 8);
    Path targetDir = targetDirectory();
    Path work = Files.createTempDirectory("ocitrust-claims-bench-");
    ExecutorService pool =
        Executors.newFixedThreadPool(
            jobs,
            r -> {
              Thread t = new Thread(r, "claims-bench");
              t.setDaemon(true);
              return t;
            });
    try (RegistryServer registry = RegistryServer.builder().parentDir(work).start();
        RegistryClient client =
            RegistryClient.builder().insecurePlainHttp(registry.host()).build()) {
      PeerClaimPipeline pipeline =
          PeerClaimPipeline.prepare(targetDir.resolve("claims-node"), work);
      System.out.println(
          "cores: "
              + Runtime.getRuntime().availableProcessors()
              + ", java "
              + System.getProperty("java.version")
              + "; "
              + pipeline.versions());
      String name = registry.host() + "/bench/net-monitor";
      Path config = Files.createDirectories(work.resolve("config"));
      long t0 = System.nanoTime();
      ClaimSet set = ClaimSet.create(client.repository(name), config);
      double issued = (System.nanoTime() - t0) / 1e9;
      Path layoutDir = work.resolve("net-monitor");
      t0 = System.nanoTime();
      try (GraphCopier copier = GraphCopier.create()) {
        copier.copy(
            client.repository(name),
            "v1",
            OciLayout.open(layoutDir),
            CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
      }
      double copied = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "artifact %s:v1 %s: %d claims from %d issuers (%d superseded), %d claim types, and a"
              + " Notary signature; issued in %.1f s, copied into an OCI layout in %.1f s%n",
          name,
          set.image.digest(),
          set.claims(),
          set.parties.size(),
          set.superseded,
          set.types.size(),
          issued,
          copied);
      Path anchors = Files.writeString(work.resolve("anchors.json"), set.anchorsJson());
      Path types = Files.writeString(work.resolve("types.json"), set.typesJson());
      ClaimVerifier verifier =
          ClaimVerifier.builder(
                  ClaimPolicy.read(config.resolve(ClaimPolicy.FILE_NAME)),
                  DirectoryTrustStore.atConfigDirectory(config))
              .executor(pool, jobs)
              .build();
      OcitrustCli cli = OcitrustCli.find(targetDir, config);
      Variant reg =
          new Variant(
              "local docker-registry 2.8 (fallback tag schema)",
              () -> client.repository(name),
              name,
              "--plain-http",
              name);
      Variant lay =
          new Variant(
              "OCI image layout",
              () -> OciLayout.open(layoutDir),
              "local/net-monitor",
              "--oci-layout",
              layoutDir.toString());
      for (Variant v : List.of(reg, lay)) {
        System.out.println("--- " + v.label + ", " + jobs + " claims at a time on both sides");
        run(
            v,
            v.equals(reg) ? registry : null,
            set,
            verifier,
            pipeline,
            cli,
            work,
            anchors,
            types,
            rounds,
            perRound,
            jobs);
      }
    } finally {
      pool.shutdownNow();
      deleteTree(work);
    }
    System.out.println("load average at end: " + loadAverage());
  }

  /** Where the decision is made: a registry repository or a layout. */
  private record Variant(
      String label, Store store, String scope, String pipelineMode, String pipelineName) {}

  /** Opens the variant's target afresh for each decision. */
  private interface Store {
    Target open() throws Exception;
  }

  /** Warm-up, then the rounds of one variant; {@code registry} is null for the layout. */
  private static void run(
      Variant v,
      RegistryServer registry,
      ClaimSet set,
      ClaimVerifier verifier,
      PeerClaimPipeline pipeline,
      OcitrustCli cli,
      Path work,
      Path anchors,
      Path types,
      int rounds,
      int perRound,
      int jobs)
      throws Exception {
    for (int i = 0; i < 10; i++) {
      check(set, verifier.evaluate(v.store.open(), v.scope, "v1", ClaimSet.ENVIRONMENT));
    }
    check(
        set,
        pipeline.run(
            v.pipelineMode, v.pipelineName, work.resolve("pipeline"), jobs, anchors, types));
    List<Double> ours = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      List<Double> round = new ArrayList<>();
      String oursRequests = "";
      for (int i = 0; i < perRound; i++) {
        int mark = registry == null ? 0 : RegistryLog.count(registry);
        Target target = v.store.open();
        long t0 = System.nanoTime();
        ClaimDecision d = verifier.evaluate(target, v.scope, "v1", ClaimSet.ENVIRONMENT);
        round.add((System.nanoTime() - t0) / 1e9);
        check(set, d);
        if (registry != null) {
          oursRequests =
              RegistryLog.Breakdown.of(
                      RegistryLog.since(registry, mark), set.claimManifests, set.statements)
                  .describe(set.claims());
        }
      }
      if (registry == null) {
        CountingStore counted = new CountingStore(v.store.open());
        check(set, verifier.evaluate(counted, v.scope, "v1", ClaimSet.ENVIRONMENT));
        oursRequests = "store reads " + counted.describe(set.claims());
      } else {
        oursRequests = "requests " + oursRequests;
      }
      int mark = registry == null ? 0 : RegistryLog.count(registry);
      PeerClaimPipeline.Run p =
          pipeline.run(
              v.pipelineMode, v.pipelineName, work.resolve("pipeline"), jobs, anchors, types);
      check(set, p);
      String processes =
          String.format(
              "%d processes, %d of them oras", 6 + 4 * set.claims(), 1 + 2 * set.claims());
      String theirRequests =
          registry == null
              ? processes
              : processes
                  + "; requests "
                  + RegistryLog.Breakdown.of(
                          RegistryLog.since(registry, mark), set.claimManifests, set.statements)
                      .describe(set.claims());
      ours.addAll(round);
      theirs.add(p.seconds());
      System.out.printf(
          "round %d: ocitrust  median %.3f s of %d (%s)%n"
              + "         pipeline %.3f s (%s; %s)  ratio %.3f%n",
          r,
          median(round),
          perRound,
          oursRequests,
          p.seconds(),
          p.stages(),
          theirRequests,
          median(round) / p.seconds());
    }
    double m1 = median(ours);
    double m2 = median(theirs);
    System.out.printf(
        "median: ocitrust ClaimVerifier.evaluate (in-process, warm) %.3f s, peer pipeline %.3f s,"
            + " ratio ocitrust/pipeline %.3f (target <= 0.1)%n",
        m1, m2, m1 / m2);
    cli.measure(v.pipelineMode, v.pipelineName, rounds, m2);
  }

  private static void check(ClaimSet set, ClaimDecision d) {
    int superseded = d.claims(ClaimStatus.SUPERSEDED).size();
    int effective = d.claims(ClaimStatus.EFFECTIVE).size();
    if (d.verdict() != ClaimDecision.Verdict.ALLOW
        || d.claims().size() != set.claims()
        || superseded != set.superseded
        || effective != set.claims() - set.superseded) {
      throw new IllegalStateException(
          "ocitrust decided wrongly: expected ALLOW with "
              + set.claims()
              + " claims ("
              + set.superseded
              + " superseded), found\n"
              + d.text());
    }
  }

  private static void check(ClaimSet set, PeerClaimPipeline.Run p) {
    if (p.verified() != set.claims() || p.failed() != 0 || p.superseded() != set.superseded) {
      throw new IllegalStateException(
          "the peer pipeline verified "
              + p.verified()
              + " claims ("
              + p.failed()
              + " failed, "
              + p.superseded()
              + " superseded), expected "
              + set.claims()
              + " ("
              + set.superseded
              + " superseded)");
    }
  }

  /** benchmarks/target: the folder of the jar (or of the classes folder) this class runs from. */
  private static Path targetDirectory() throws Exception {
    Path code =
        Path.of(ClaimsBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return code.toAbsolutePath().getParent();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
