package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.testkit.Peers;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The command line as a process, the way people run it, beside the Go tools in one run: two local
 * docker-registry 2.8 processes (oci-testkit's {@link RegistryServer}, plain HTTP, no referrers
 * API), and, for each piece of work, {@code bin/ocitrust} of this checkout and its peers run as
 * processes under {@code /usr/bin/time}, interleaved, N times each:
 *
 * <ul>
 *   <li>{@code copy}: one 256 MiB blob from A to a fresh repository of B; against {@code oras
 *       copy}, {@code crane copy} and {@code skopeo copy --preserve-digests};
 *   <li>{@code copy -r}: an image (5 layers of 4 MiB) with 200 referrers; against {@code oras copy
 *       -r};
 *   <li>{@code verify}: a Notary COSE signature made by {@code notation sign}, verified against the
 *       same notation configuration (trust policy and trust store); against {@code notation
 *       verify};
 *   <li>{@code discover}: the 200 referrers of that image as a tree; against {@code oras discover}.
 * </ul>
 *
 * Prints every run, then per work and tool the medians of wall time, CPU seconds and peak RSS, and
 * the ratio of ocitrust's median wall time to the first peer's. Not a test: nothing is asserted
 * about time; a copy that changes a digest or loses a referrer, or a failed verification, aborts.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests   # also builds bin/ocitrust's jar and archive
 * java -cp benchmarks/target/ocitrust-benchmarks.jar dev.ocitrust.benchmarks.CliBenchmark [runs]
 * </pre>
 */
public final class CliBenchmark {
  private static final String ARTIFACT_TYPE = "application/vnd.ocitrust.bench";

  private CliBenchmark() {}

  /** One tool's runs of one piece of work. */
  private record Tool(String name, IntFunction<List<String>> command) {}

  /** Entry point; the argument is the number of runs per tool (default 5). */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path launcher = launcher();
    System.out.println("load average at start: " + loadAverage());
    System.out.println(
        "cores: "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + System.getProperty("java.version")
            + "; "
            + firstLine(List.of(launcher.toString(), "--version"))
            + "; oras "
            + firstLine(List.of(peer("oras"), "version")).replace("Version:", "").trim()
            + ", notation "
            + firstLine(List.of(peer("notation"), "version")).replace("Version:", "").trim());
    Path dir = Files.createTempDirectory("ocitrust-cli-bench-");
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    List<String> table = new ArrayList<>();
    try (RegistryServer a = RegistryServer.builder().parentDir(dir).start();
        RegistryServer b = RegistryServer.builder().parentDir(dir).start();
        RegistryClient client =
            RegistryClient.builder()
                .insecurePlainHttp(a.host())
                .insecurePlainHttp(b.host())
                .build();
        GraphCopier copier = GraphCopier.builder().build()) {
      String src = a.host();
      String dst = b.host();
      RegistryCopyBenchmark.fill(client, src + "/bench/blob", 256);
      Descriptor app =
          GraphCopyBenchmark.populate(client.repository(src + "/bench/app"), 200, copier);
      Descriptor signed = pushSmallImage(client.repository(src + "/bench/signed"));
      String signedRef = src + "/bench/signed@" + signed.digest();
      TimedProcess.run(
          List.of(peer("notation"), "cert", "generate-test", "--default", "bench.example"), env);
      TimedProcess.run(
          List.of(
              peer("notation"),
              "sign",
              "--insecure-registry",
              "--signature-format",
              "cose",
              signedRef),
          env);
      Path notationDir = dir.resolve("xdg/notation");
      Files.writeString(
          notationDir.resolve("trustpolicy.json"),
          "{\"version\":\"1.0\",\"trustPolicies\":[{\"name\":\"bench\",\"registryScopes\":[\"*\"],"
              + "\"signatureVerification\":{\"level\":\"strict\"},"
              + "\"trustStores\":[\"ca:bench.example\"],\"trustedIdentities\":[\"*\"]}]}");
      System.out.printf(
          "registries %s and %s; blob 256 MiB, image %s with 200 referrers, signed %s%n",
          src, dst, app.digest(), signed.digest());
      String ours = launcher.toString();
      String blob = src + "/bench/blob:v1";
      table.addAll(
          work(
              "copy 256 MiB",
              runs,
              env,
              List.of(
                  new Tool(
                      "ocitrust",
                      i ->
                          List.of(
                              ours,
                              "copy",
                              "--from-plain-http",
                              "--to-plain-http",
                              blob,
                              dst + "/c/ocitrust" + i + ":v1")),
                  new Tool(
                      "oras",
                      i ->
                          List.of(
                              peer("oras"),
                              "copy",
                              "--from-plain-http",
                              "--to-plain-http",
                              blob,
                              dst + "/c/oras" + i + ":v1")),
                  new Tool(
                      "crane",
                      i ->
                          List.of(
                              peer("crane"),
                              "copy",
                              "--insecure",
                              blob,
                              dst + "/c/crane" + i + ":v1")),
                  new Tool(
                      "skopeo",
                      i ->
                          List.of(
                              peer("skopeo"),
                              "copy",
                              "--preserve-digests",
                              "--src-tls-verify=false",
                              "--dest-tls-verify=false",
                              "docker://" + blob,
                              "docker://" + dst + "/c/skopeo" + i + ":v1")))));
      checkCopies(client, blob, dst + "/c/", List.of("ocitrust", "oras", "crane", "skopeo"), runs);
      String appRef = src + "/bench/app:v1";
      table.addAll(
          work(
              "copy -r 200 referrers",
              runs,
              env,
              List.of(
                  new Tool(
                      "ocitrust",
                      i ->
                          List.of(
                              ours,
                              "copy",
                              "-r",
                              "--from-plain-http",
                              "--to-plain-http",
                              appRef,
                              dst + "/r/ocitrust" + i + ":v1")),
                  new Tool(
                      "oras",
                      i ->
                          List.of(
                              peer("oras"),
                              "copy",
                              "-r",
                              "--from-plain-http",
                              "--to-plain-http",
                              appRef,
                              dst + "/r/oras" + i + ":v1")))));
      for (String tool : List.of("ocitrust", "oras")) {
        for (int i = 1; i <= runs; i++) {
          Repository copy = client.repository(dst + "/r/" + tool + i);
          int found = copy.referrers(copy.resolve("v1"), null).size();
          if (!copy.resolve("v1").digest().equals(app.digest()) || found != 200) {
            throw new IllegalStateException(copy + ": expected 200 referrers, found " + found);
          }
        }
      }
      table.addAll(
          work(
              "verify",
              runs,
              env,
              List.of(
                  new Tool(
                      "ocitrust",
                      i ->
                          List.of(
                              ours,
                              "verify",
                              "--plain-http",
                              "--config",
                              notationDir.toString(),
                              signedRef)),
                  new Tool(
                      "notation",
                      i ->
                          List.of(peer("notation"), "verify", "--insecure-registry", signedRef)))));
      table.addAll(
          work(
              "discover 200 referrers",
              runs,
              env,
              List.of(
                  new Tool("ocitrust", i -> List.of(ours, "discover", "--plain-http", appRef)),
                  new Tool(
                      "oras", i -> List.of(peer("oras"), "discover", "--plain-http", appRef)))));
    } finally {
      NotaryVerifyBenchmark.deleteTree(dir);
    }
    System.out.println();
    System.out.printf(
        "%-22s %-9s %8s %8s %8s %9s%n", "work", "tool", "wall s", "CPU s", "RSS MiB", "ratio");
    table.forEach(System.out::println);
    System.out.println("load average at end: " + loadAverage());
  }

  /** Runs each tool {@code runs} times, interleaved; the table rows of their medians. */
  private static List<String> work(String name, int runs, Map<String, String> env, List<Tool> tools)
      throws IOException {
    Map<String, List<TimedProcess>> results = new LinkedHashMap<>();
    for (int i = 1; i <= runs; i++) {
      for (Tool t : tools) {
        TimedProcess p = TimedProcess.run(t.command().apply(i), env);
        results.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(p);
        System.out.printf(
            "%-22s run %d %-9s %6.2f s  CPU %5.2f s  RSS %4.0f MiB%n",
            name, i, t.name(), p.wall(), p.cpu(), p.rssMib());
      }
    }
    double peer =
        median(results.get(tools.get(1).name()).stream().map(TimedProcess::wall).toList());
    List<String> rows = new ArrayList<>();
    for (Tool t : tools) {
      List<TimedProcess> r = results.get(t.name());
      double wall = median(r.stream().map(TimedProcess::wall).toList());
      rows.add(
          String.format(
              "%-22s %-9s %8.2f %8.2f %8.0f",
              name,
              t.name(),
              wall,
              median(r.stream().map(TimedProcess::cpu).toList()),
              median(r.stream().map(TimedProcess::rssMib).toList())));
    }
    double ours =
        median(results.get(tools.get(0).name()).stream().map(TimedProcess::wall).toList());
    rows.set(
        0, rows.get(0) + String.format(" %9.2f  (ocitrust/%s)", ours / peer, tools.get(1).name()));
    return rows;
  }

  private static void checkCopies(
      RegistryClient client, String from, String prefix, List<String> tools, int runs)
      throws IOException {
    Descriptor source = client.repository(from).resolve("v1");
    for (String tool : tools) {
      for (int i = 1; i <= runs; i++) {
        Repository copy = client.repository(prefix + tool + i);
        Descriptor d = copy.resolve("v1");
        Descriptor layer = ((ImageManifest) copy.fetchManifest(d)).layers().get(0);
        if (!d.digest().equals(source.digest()) || !copy.exists(layer)) {
          throw new IllegalStateException(copy + ": not a copy of " + source.digest());
        }
      }
    }
  }

  private static Descriptor pushSmallImage(Repository repo) throws IOException {
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = "net-monitor v1".getBytes(StandardCharsets.UTF_8);
    Descriptor c = Descriptor.of(MediaTypes.OCI_CONFIG, config);
    Descriptor l = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
    repo.push(c, config);
    repo.push(l, layer);
    return repo.push(ImageManifest.builder(c).artifactType(ARTIFACT_TYPE).layer(l).build(), "v1");
  }

  /** {@code bin/ocitrust} of the checkout whose benchmarks jar runs this. */
  static Path launcher() throws Exception {
    Path jar =
        Path.of(CliBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = jar.toAbsolutePath().getParent().getParent().getParent();
    Path launcher = root.resolve("bin/ocitrust");
    if (!Files.isExecutable(launcher)
        || !Files.exists(root.resolve("oci-cli/target/ocitrust.jar"))) {
      throw new IllegalStateException(
          launcher + " or oci-cli/target/ocitrust.jar is missing: build with package first");
    }
    return launcher;
  }

  /** The first line of its output that names a version, else its first line. */
  private static String firstLine(List<String> command) throws IOException {
    List<String> lines = TimedProcess.run(command, Map.of()).output().lines().toList();
    return lines.stream()
        .filter(l -> l.contains("Version:"))
        .findFirst()
        .orElse(lines.isEmpty() ? "" : lines.get(0));
  }

  static String peer(String name) {
    return Peers.find(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name + " not found on OCITRUST_PEERS or PATH (scripts/install-peers.sh)"))
        .toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
