package dev.ocitrust.client.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The copy benchmark harness (not a test: no assertion on time, and not matched by the test
 * patterns). Starts a source docker-registry, pushes a single-blob artifact of each size into it,
 * then copies it into a fresh destination registry with ocitrust, {@code oras copy}, {@code crane
 * copy} and {@code skopeo copy --preserve-digests}, printing wall times, the ratio to oras and
 * ocitrust's peak heap. Each tool runs {@code ocitrust.bench.repeats} times (default 2), interleaved,
 * after {@code sync}; the best run counts. Sizes up to 256 MiB copy in-process; larger ones in a child JVM with
 * {@code -Xmx64m}. Run:
 *
 * <pre>
 * ./mvnw -q -pl oci-client -am test -Dtest=CopyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Docitrust.bench=true [-Docitrust.bench.sizes=256,1024]
 * cat oci-client/target/copy-benchmark.txt
 * </pre>
 */
class CopyBenchmark {
  private static final String TAG = "v1";
  private static final int REPEATS = Integer.getInteger("ocitrust.bench.repeats", 2);

  @Test
  void copyBenchmark() throws Exception {
    assumeTrue(Boolean.getBoolean("ocitrust.bench"), "set -Docitrust.bench=true to run");
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-6s %-9s %9s %9s %s", "MiB", "tool", "wall s", "vs oras",
        "ocitrust peak heap"));
    for (String s : System.getProperty("ocitrust.bench.sizes", "256,1024").split(",")) {
      int mib = Integer.parseInt(s.trim());
      try (RegistryServer a = RegistryServer.builder().start()) {
        String source = a.host() + "/bench/blob" + mib;
        push(source, mib);
        Map<String, Double> times = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        // best of REPEATS per tool, tools interleaved, dirty pages flushed before each run, so
        // that no tool pays for the previous one's writes
        for (int rep = 0; rep < REPEATS; rep++) {
          for (String tool : List.of("ocitrust", "oras", "crane", "skopeo")) {
            try (RegistryServer b = RegistryServer.builder().start()) {
              String dest = b.host() + "/bench/copy" + mib;
              sync();
              long start = System.nanoTime();
              String note = run(tool, source, dest, mib);
              double t = (System.nanoTime() - start) / 1e9;
              if (!times.containsKey(tool) || t < times.get(tool)) {
                times.put(tool, t);
                notes.put(tool, note);
              }
              check(source, dest);
            }
          }
        }
        double oras = times.get("oras");
        times.forEach((tool, t) -> lines.add(String.format("%-6d %-9s %9.2f %9.2f %s", mib, tool,
            t, t / oras, notes.get(tool))));
      }
    }
    String table = String.join("\n", lines) + "\n";
    System.out.print(table);
    Path out = Path.of("target", "copy-benchmark.txt");
    Files.writeString(out, table);
    System.err.println("benchmark results in " + out.toAbsolutePath());
  }

  private static String run(String tool, String source, String dest, int mib) throws Exception {
    String from = source + ":" + TAG;
    String to = dest + ":" + TAG;
    switch (tool) {
      case "oras" -> PeerCli.of("oras").withTimeout(Duration.ofMinutes(10))
          .runOk("copy", "--from-plain-http", "--to-plain-http", from, to);
      case "crane" -> PeerCli.of("crane").withTimeout(Duration.ofMinutes(10))
          .runOk("copy", "--insecure", from, to);
      case "skopeo" -> PeerCli.of("skopeo").withTimeout(Duration.ofMinutes(10))
          .runOk("copy", "--preserve-digests", "--src-tls-verify=false",
              "--dest-tls-verify=false", "docker://" + from, "docker://" + to);
      case "ocitrust" -> {
        if (mib <= 256) {
          try (RegistryClient client =
              RegistryClient.newBuilder().insecurePlainHttpForLoopback(true).build()) {
            System.gc();
            CopyMain.resetPeaks();
            CopyMain.copy(client, source, dest, TAG);
            return "in-process, peak heap " + CopyMain.peakHeapMib() + " MiB";
          }
        }
        return child(source, dest);
      }
      default -> throw new IllegalArgumentException(tool);
    }
    return "";
  }

  private static void sync() throws Exception {
    Process p = new ProcessBuilder("sync").inheritIO().start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
  }

  private static String child(String source, String dest) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Files.createTempFile("ocitrust-copy", ".log");
    try {
      Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-Dorg.slf4j.simpleLogger.log.dev.ocitrust.client=info", "-cp",
          System.getProperty("java.class.path"), CopyMain.class.getName(), source, dest, TAG)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("the ocitrust child JVM did not finish");
      }
      String output = Files.readString(log);
      if (p.exitValue() != 0) {
        throw new IOException("the ocitrust child JVM failed:\n" + output);
      }
      String heap = output.lines().filter(l -> l.startsWith("peak-heap-mib=")).findFirst()
          .orElse("peak-heap-mib=?").substring("peak-heap-mib=".length());
      String copy = output.lines().filter(l -> l.startsWith("copy-ms=")).findFirst()
          .orElse("copy-ms=?").substring("copy-ms=".length());
      return "child JVM -Xmx64m, copy " + copy + " ms, peak heap " + heap + " MiB";
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Pushes a {@code mib} MiB single-blob artifact tagged {@link #TAG}. */
  private static void push(String repository, int mib) throws IOException {
    try (RegistryClient client = RegistryClient.newBuilder().insecurePlainHttpForLoopback(true).build()) {
      Repository repo = client.repository(repository);
      Descriptor blob = repo.pushBlob("application/octet-stream",
          new RandomStream(mib * 1024L * 1024L));
      byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
      repo.push(Descriptor.EMPTY_JSON_DESCRIPTOR, empty);
      ImageManifest m = ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
          .artifactType("application/vnd.ocitrust.bench").layer(blob).build();
      repo.push(m, TAG);
      try (InputStream in = repo.fetch(blob)) { // warm the source's page cache
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
  }

  private static void check(String source, String dest) throws IOException {
    try (RegistryClient client = RegistryClient.newBuilder().insecurePlainHttpForLoopback(true).build()) {
      Descriptor a = client.repository(source).resolve(TAG);
      Descriptor b = client.repository(dest).resolve(TAG);
      if (!a.digest().equals(b.digest())) {
        throw new IOException("copy changed the digest: " + a.digest() + " -> " + b.digest());
      }
    }
  }

  /** Pseudo-random bytes, fast. */
  private static final class RandomStream extends InputStream {
    private final SplittableRandom random = new SplittableRandom(42);
    private long left;

    RandomStream(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i += 8) {
        long r = random.nextLong();
        for (int j = 0; j < 8 && i + j < n; j++) {
          b[off + i + j] = (byte) (r >>> (8 * j));
        }
      }
      left -= n;
      return n;
    }
  }
}
