package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.testkit.Peers;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Registry-to-registry copy of a single-blob artifact with ocitrust beside {@code oras copy},
 * {@code crane copy} and {@code skopeo copy --preserve-digests}: two local docker-registry
 * processes (oci-testkit's {@link RegistryServer}), the source filled once, a fresh destination for
 * every run, tools interleaved, {@code sync} before each run. Prints per size and tool the best and
 * median wall time, the ratio of the best to oras's best, the CPU seconds of the tool and of both
 * registries, and ocitrust's peak heap. ocitrust runs twice per round: in-process with a warm JIT
 * and a shared client (what embedding users get), and as a child JVM with {@code -Xmx64m} (wall
 * time including JVM start, and the copy alone). The machine's load average is printed at start and
 * end: figures taken under load are not comparable.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/ocitrust-benchmarks.jar dev.ocitrust.benchmarks.RegistryCopyBenchmark \
 *     --sizes 256,1024 --repeats 3 [--tools ocitrust,ocitrust-64m,oras,crane,skopeo]
 * </pre>
 *
 * The peers are looked up on {@code OCITRUST_PEERS} and {@code PATH}. Not a test: nothing is
 * asserted about time; a copy that changes the digest aborts the run.
 */
public final class RegistryCopyBenchmark {
  private static final String TAG = "v1";
  private static final List<String> ALL_TOOLS =
      List.of("ocitrust", "ocitrust-64m", "oras", "crane", "skopeo");
  private static final Duration LIMIT = Duration.ofMinutes(10);

  private RegistryCopyBenchmark() {}

  /** One timed run. */
  record Run(double wall, double cpu, double registriesCpu, String note) {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(256, 1024);
    int repeats = 3;
    List<String> tools = ALL_TOOLS;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes" -> sizes = parseSizes(args[i + 1]);
        case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
        case "--tools" -> tools = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("arguments come in pairs: --sizes, --repeats, --tools");
    }
    System.out.println("load average at start: " + loadAverage());
    System.out.println(
        "cores: "
            + Runtime.getRuntime().availableProcessors()
            + ", java "
            + System.getProperty("java.version"));
    List<String> table = new ArrayList<>();
    try (RegistryServer source = RegistryServer.builder().start();
        RegistryClient client =
            RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
      for (int mib : sizes) {
        fill(client, repo(source, mib), mib);
      }
      if (tools.contains("ocitrust")) { // warm the JIT and the client once, untimed
        try (RegistryServer scratch = RegistryServer.builder().start()) {
          MeasuredRegistryCopy.copy(
              client, repo(source, sizes.get(0)), scratch.host() + "/bench/warm", TAG);
        }
      }
      for (int mib : sizes) {
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int rep = 0; rep < repeats; rep++) {
          for (int t = 0; t < tools.size(); t++) {
            String tool = tools.get((t + rep) % tools.size()); // rotate who goes first
            Run run = timed(client, tool, source, mib);
            runs.computeIfAbsent(tool, k -> new ArrayList<>()).add(run);
            System.out.printf(
                "  %5d MiB %-13s run %d: %6.2f s  %s%n",
                mib, tool, rep + 1, run.wall(), run.note());
          }
        }
        table.addAll(rows(mib, tools, runs));
      }
    }
    System.out.println();
    System.out.printf(
        "%6s %-13s %7s %7s %7s %7s %8s  %s%n",
        "MiB", "tool", "best s", "median", "vs oras", "CPU s", "reg CPU", "notes (best run)");
    table.forEach(System.out::println);
    System.out.println("load average at end: " + loadAverage());
  }

  private static List<String> rows(int mib, List<String> tools, Map<String, List<Run>> runs) {
    double oras = runs.containsKey("oras") ? best(runs.get("oras")).wall() : Double.NaN;
    List<String> rows = new ArrayList<>();
    for (String tool : tools) {
      List<Run> all = runs.get(tool);
      Run best = best(all);
      List<Double> walls = all.stream().map(Run::wall).sorted().toList();
      double median = walls.get(walls.size() / 2);
      rows.add(
          String.format(
              "%6d %-13s %7.2f %7.2f %7.2f %7.2f %8.2f  %s",
              mib,
              tool,
              best.wall(),
              median,
              best.wall() / oras,
              best.cpu(),
              best.registriesCpu(),
              best.note()));
    }
    return rows;
  }

  private static Run best(List<Run> runs) {
    return runs.stream().min((a, b) -> Double.compare(a.wall(), b.wall())).orElseThrow();
  }

  private static Run timed(RegistryClient client, String tool, RegistryServer source, int mib)
      throws Exception {
    try (RegistryServer destination = RegistryServer.builder().start()) {
      String from = repo(source, mib);
      String to = destination.host() + "/bench/copy" + mib;
      sync();
      double registries = cpuSeconds(source) + cpuSeconds(destination);
      Run run =
          switch (tool) {
            case "ocitrust" -> {
              long start = System.nanoTime();
              MeasuredRegistryCopy.Figures f = MeasuredRegistryCopy.measure(client, from, to, TAG);
              double wall = (System.nanoTime() - start) / 1e9;
              yield new Run(
                  wall,
                  f.cpuMillis() / 1e3,
                  0,
                  "in-process, peak heap " + f.peakHeapMib() + " MiB");
            }
            case "ocitrust-64m" -> child(from, to);
            case "oras" ->
                external(
                    List.of(
                        peer("oras").toString(),
                        "copy",
                        "--from-plain-http",
                        "--to-plain-http",
                        from + ":" + TAG,
                        to + ":" + TAG));
            case "crane" ->
                external(
                    List.of(
                        peer("crane").toString(),
                        "copy",
                        "--insecure",
                        from + ":" + TAG,
                        to + ":" + TAG));
            case "skopeo" ->
                external(
                    List.of(
                        peer("skopeo").toString(),
                        "copy",
                        "--preserve-digests",
                        "--src-tls-verify=false",
                        "--dest-tls-verify=false",
                        "docker://" + from + ":" + TAG,
                        "docker://" + to + ":" + TAG));
            default -> throw new IllegalArgumentException("unknown tool " + tool);
          };
      registries = cpuSeconds(source) + cpuSeconds(destination) - registries;
      check(client, from, to);
      return new Run(run.wall(), run.cpu(), registries, run.note());
    }
  }

  /** ocitrust in a child JVM with {@code -Xmx64m}. */
  private static Run child(String from, String to) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Run run =
        external(
            List.of(
                java,
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                MeasuredRegistryCopy.class.getName(),
                from,
                to,
                TAG));
    String out = run.note();
    return new Run(
        run.wall(),
        run.cpu(),
        0,
        String.format(
            "-Xmx64m child: copy %.2f s, copy CPU %.2f s, peak heap %s MiB, %s",
            Long.parseLong(field(out, "copy-ms")) / 1e3,
            Long.parseLong(field(out, "cpu-ms")) / 1e3,
            field(out, "peak-heap-mib"),
            out.lines().filter(l -> l.startsWith("max RSS")).findFirst().orElse("")));
  }

  /** Runs {@code command} under {@code /usr/bin/time}; the note holds its output and max RSS. */
  private static Run external(List<String> command) throws Exception {
    Path times = Files.createTempFile("ocitrust-bench-time", ".txt");
    Path log = Files.createTempFile("ocitrust-bench", ".log");
    try {
      List<String> timed =
          new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S %M", "-o", times.toString()));
      timed.addAll(command);
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      double wall = (System.nanoTime() - start) / 1e9;
      String output = Files.readString(log);
      if (p.exitValue() != 0) {
        throw new IOException(
            "failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
      }
      String[] t =
          Files.readString(times).trim().lines().reduce((a, b) -> b).orElseThrow().split(" ", -1);
      double cpu = Double.parseDouble(t[0]) + Double.parseDouble(t[1]);
      String rss = "max RSS " + Long.parseLong(t[2]) / 1024 + " MiB";
      return new Run(wall, cpu, 0, command.get(0).endsWith("java") ? output + rss : rss);
    } finally {
      Files.deleteIfExists(times);
      Files.deleteIfExists(log);
    }
  }

  private static String field(String output, String name) {
    return output
        .lines()
        .filter(l -> l.startsWith(name + "="))
        .findFirst()
        .map(l -> l.substring(name.length() + 1))
        .orElseThrow(() -> new IllegalStateException("no " + name + " in:\n" + output));
  }

  private static Path peer(String name) {
    return Peers.find(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    name + " not found on OCITRUST_PEERS or PATH (scripts/install-peers.sh)"));
  }

  private static double cpuSeconds(RegistryServer registry) {
    return registry
        .processHandle()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  private static String repo(RegistryServer source, int mib) {
    return source.host() + "/bench/blob" + mib;
  }

  /** Pushes a {@code mib} MiB single-blob artifact tagged {@link #TAG} and reads it once. */
  static void fill(RegistryClient client, String repository, int mib) throws IOException {
    Repository repo = client.repository(repository);
    Descriptor blob =
        repo.pushBlob("application/octet-stream", new RandomContent(mib * 1024L * 1024L, mib));
    repo.push(Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(StandardCharsets.UTF_8));
    repo.push(
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType("application/vnd.ocitrust.bench")
            .layer(blob)
            .build(),
        TAG);
    try (InputStream in = repo.fetch(blob)) { // warm the source's page cache
      in.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static void check(RegistryClient client, String from, String to) throws IOException {
    Descriptor a = client.repository(from).resolve(TAG);
    Descriptor b = client.repository(to).resolve(TAG);
    if (!a.digest().equals(b.digest())) {
      throw new IOException("copy changed the digest: " + a.digest() + " -> " + b.digest());
    }
    Descriptor layer = ((ImageManifest) client.repository(to).fetchManifest(b)).layers().get(0);
    if (!client.repository(to).exists(layer)) {
      throw new IOException("copy did not store the layer " + layer.digest());
    }
  }

  private static void sync() throws Exception {
    Process p = new ProcessBuilder("sync").inheritIO().start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static List<Integer> parseSizes(String csv) {
    List<Integer> sizes = new ArrayList<>();
    for (String s : csv.split(",", -1)) {
      sizes.add(Integer.parseInt(s.trim()));
    }
    return sizes;
  }
}
