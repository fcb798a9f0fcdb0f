package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replication to three registries, the way people would run it, beside the Go tool in one run: four
 * local docker-registry 2.8 processes (oci-testkit's {@link RegistryServer}, plain HTTP, no
 * referrers API), a source holding the 5-layer image (4 MiB layers) with 200 referrers, and for
 * each run: {@code bin/ocitrust replicate SRC DST1 DST2 DST3} as one process, then three sequential
 * {@code oras copy -r} processes (one per destination), each into fresh repositories. Wall time of
 * the ocitrust process against the sum of the three oras processes; the requests the source
 * registry served (counted from its access log, as the other benchmarks do) against one {@code oras
 * copy -r}'s. Prints every run, the medians and the ratios. Not a test: nothing is asserted about
 * time; a destination without the image's digest and its 200 referrers aborts.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests   # also builds bin/ocitrust's jar and archive
 * java -cp benchmarks/target/ocitrust-benchmarks.jar dev.ocitrust.benchmarks.ReplicateBenchmark [runs]
 * </pre>
 */
public final class ReplicateBenchmark {
  private static final int REFERRERS = 200;
  private static final int DESTINATIONS = 3;

  private ReplicateBenchmark() {}

  /** Entry point; the argument is the number of runs (default 3). */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    String ours = CliBenchmark.launcher().toString();
    String oras = CliBenchmark.peer("oras");
    System.out.println("load average at start: " + ClaimsBenchmark.loadAverage());
    Path dir = Files.createTempDirectory("ocitrust-replicate-bench-");
    List<RegistryServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i <= DESTINATIONS; i++) {
        servers.add(RegistryServer.builder().parentDir(dir).start());
      }
      RegistryServer source = servers.get(0);
      RegistryClient.Builder cb = RegistryClient.builder();
      servers.forEach(s -> cb.insecurePlainHttp(s.host()));
      try (RegistryClient client = cb.build();
          GraphCopier copier = GraphCopier.builder().build()) {
        Descriptor app =
            GraphCopyBenchmark.populate(
                client.repository(source.host() + "/bench/app"), REFERRERS, copier);
        String src = source.host() + "/bench/app:v1";
        System.out.printf(
            "source %s: %s, 5 layers of 4 MiB, %d referrers; destinations %s%n",
            src,
            app.digest(),
            REFERRERS,
            servers.subList(1, servers.size()).stream().map(RegistryServer::host).toList());
        List<Double> oursWall = new ArrayList<>();
        List<Double> orasWall = new ArrayList<>();
        List<Double> oursRequests = new ArrayList<>();
        List<Double> orasRequests = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
          List<String> command =
              new ArrayList<>(
                  List.of(ours, "replicate", "--from-plain-http", "--to-plain-http", src));
          for (RegistryServer d : servers.subList(1, servers.size())) {
            command.add(d.host() + "/rep/ocitrust" + run + ":v1");
          }
          int mark = RegistryLog.count(source);
          TimedProcess p = TimedProcess.run(command, Map.of());
          int requests = RegistryLog.count(source) - mark;
          oursWall.add(p.wall());
          oursRequests.add((double) requests);
          System.out.printf(
              "run %d ocitrust replicate: %6.2f s, CPU %5.2f s, RSS %4.0f MiB, %d source requests%n",
              run, p.wall(), p.cpu(), p.rssMib(), requests);
          double wall = 0;
          int orasTotal = 0;
          for (RegistryServer d : servers.subList(1, servers.size())) {
            int m = RegistryLog.count(source);
            TimedProcess o =
                TimedProcess.run(
                    List.of(
                        oras,
                        "copy",
                        "-r",
                        "--from-plain-http",
                        "--to-plain-http",
                        src,
                        d.host() + "/rep/oras" + run + ":v1"),
                    Map.of());
            int n = RegistryLog.count(source) - m;
            wall += o.wall();
            orasTotal += n;
            System.out.printf(
                "run %d oras copy -r to %s: %6.2f s, %d source requests%n",
                run, d.host(), o.wall(), n);
          }
          orasWall.add(wall);
          orasRequests.add((double) orasTotal / DESTINATIONS);
          for (RegistryServer d : servers.subList(1, servers.size())) {
            for (String tool : List.of("ocitrust", "oras")) {
              check(client.repository(d.host() + "/rep/" + tool + run), app);
            }
          }
        }
        double ow = ClaimsBenchmark.median(oursWall);
        double rw = ClaimsBenchmark.median(orasWall);
        double oq = ClaimsBenchmark.median(oursRequests);
        double rq = ClaimsBenchmark.median(orasRequests);
        System.out.println();
        System.out.printf(
            "ocitrust replicate to %d: %.2f s, %.0f source requests%n", DESTINATIONS, ow, oq);
        System.out.printf(
            "%d x oras copy -r: %.2f s; one oras copy -r: %.0f source requests%n",
            DESTINATIONS, rw, rq);
        System.out.printf(
            "ratio (wall) %.2f, source requests against one copy's %.2f (medians of %d)%n",
            ow / rw, oq / rq, runs);
      }
    } finally {
      for (RegistryServer s : servers) {
        s.close();
      }
      NotaryVerifyBenchmark.deleteTree(dir);
    }
    System.out.println("load average at end: " + ClaimsBenchmark.loadAverage());
  }

  private static void check(Repository copy, Descriptor app) throws IOException {
    Descriptor d = copy.resolve("v1");
    int found = copy.referrers(d, null).size();
    if (!d.digest().equals(app.digest()) || found != REFERRERS) {
      throw new IllegalStateException(
          copy
              + ": expected "
              + app.digest()
              + " with "
              + REFERRERS
              + " referrers, found "
              + found);
    }
  }
}
