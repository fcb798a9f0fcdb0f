package dev.ocitrust.benchmarks;

import dev.ocitrust.cose.ScittStatementSigner;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.transparency.InclusionProof;
import dev.ocitrust.transparency.MerkleLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transparency log (oci-transparency's {@link MerkleLog}) as its service uses it: appends of
 * 100,000 signed statements (group commits of 1,000, and 1,000 single appends, each forced to
 * disk), then, for trees of 2^10, 2^15 and 2^20 leaves, inclusion proof generation and verification
 * per proof, with the same proofs verified by @transmute/cose (npm, through {@code
 * transmute-receipts bench}) in the same run, and the ratio ocitrust/transmute of the verification
 * times. Not a test: it prints figures and asserts only that every proof verifies.
 *
 * <pre>
 * java -cp benchmarks/target/ocitrust-benchmarks.jar dev.ocitrust.benchmarks.TransparencyLogBenchmark [DIR]
 * </pre>
 */
public final class TransparencyLogBenchmark {
  private static final int PROOFS = 1000;
  private static final int PASSES = 9;

  private TransparencyLogBenchmark() {}

  /** Runs the benchmark in {@code args[0]} (default: a new temporary folder, left in place). */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ts-bench");
    PeerCli transmute = PeerCli.of("transmute-receipts");
    System.out.printf("load average at start: %s%n", loadAverage());
    appends(dir.resolve("appends"));
    System.out.println();
    System.out.println(
        "| leaves | proof length | generate (ns/proof) | verify ocitrust (ns/proof) | verify @transmute/cose (ns/proof) | ratio |");
    System.out.println("|---|---|---|---|---|---|");
    for (int bits : new int[] {10, 15, 20}) {
      proofs(dir.resolve("tree-" + bits), bits, transmute);
    }
    System.out.printf("load average at end: %s%n", loadAverage());
  }

  private static void appends(Path dir) throws Exception {
    TestCertificate signer =
        TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
    List<byte[]> statements = new ArrayList<>();
    long sign = System.nanoTime();
    for (int i = 0; i < 100_000; i++) {
      statements.add(
          ScittStatementSigner.builder(signer.privateKey())
              .certificateChain(signer.chain())
              .issuer("https://wabbit-networks.example")
              .subject("pkg:oci/net-monitor@sha256%3A" + String.format("%064x", i))
              .contentType("application/sarif+json")
              .build()
              .sign(("{\"run\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
    double signS = (System.nanoTime() - sign) / 1e9;
    long bytes = statements.stream().mapToLong(s -> s.length).sum();
    try (MerkleLog log = MerkleLog.open(dir)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < statements.size(); i += 1000) {
        log.appendAll(statements.subList(i, i + 1000));
      }
      double grouped = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        log.append(statements.get(i));
      }
      double single = (System.nanoTime() - t1) / 1e9;
      System.out.printf(
          "signed 100,000 statements (%d bytes on average) in %.1f s (not timed below)%n",
          bytes / statements.size(), signS);
      System.out.printf(
          "append 100,000 in group commits of 1,000: %.2f s, %,.0f appends/s%n",
          grouped, 100_000 / grouped);
      System.out.printf(
          "append 1,000 one by one (each forced to disk): %.2f s, %,.0f appends/s%n",
          single, 1000 / single);
      long r0 = System.nanoTime();
      byte[] root = log.root();
      System.out.printf(
          "tree head of %,d leaves: %.1f µs; log files %,d bytes%n",
          log.size(), (System.nanoTime() - r0) / 1e3, folderSize(dir));
      if (root.length != 32) {
        throw new IllegalStateException("no tree head");
      }
    }
    long o0 = System.nanoTime();
    try (MerkleLog log = MerkleLog.openReadOnly(dir)) {
      System.out.printf(
          "reopen (read the leaf records, rebuild the tree): %.0f ms for %,d leaves%n",
          (System.nanoTime() - o0) / 1e6, log.size());
    }
  }

  private static void proofs(Path dir, int bits, PeerCli transmute) throws Exception {
    long n = 1L << bits;
    try (MerkleLog log = MerkleLog.open(dir)) {
      List<byte[]> batch = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        batch.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        if (batch.size() == 8192 || i == n - 1) {
          log.appendAll(batch);
          batch.clear();
        }
      }
      Random random = new Random(bits);
      long[] indices = new long[PROOFS];
      for (int i = 0; i < PROOFS; i++) {
        indices[i] = Math.floorMod(random.nextLong(), n);
      }
      byte[] root = log.root();
      InclusionProof[] proofs = new InclusionProof[PROOFS];
      byte[][] leaves = new byte[PROOFS][];
      long[] generate = new long[PASSES];
      for (int pass = -3; pass < PASSES; pass++) {
        long t = System.nanoTime();
        for (int i = 0; i < PROOFS; i++) {
          proofs[i] = log.inclusionProof(indices[i], n);
        }
        if (pass >= 0) {
          generate[pass] = System.nanoTime() - t;
        }
      }
      for (int i = 0; i < PROOFS; i++) {
        leaves[i] = log.leafHash(indices[i]);
      }
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      long[] verify = new long[PASSES];
      for (int pass = -3; pass < PASSES; pass++) {
        long t = System.nanoTime();
        for (int i = 0; i < PROOFS; i++) {
          if (!Arrays.equals(rootFromInclusion(md, leaves[i], proofs[i]), root)) {
            throw new IllegalStateException("the proof of leaf " + indices[i] + " does not verify");
          }
        }
        if (pass >= 0) {
          verify[pass] = System.nanoTime() - t;
        }
      }
      Path file = dir.resolve("proofs.cbor");
      Files.write(file, encode(leaves, proofs));
      PeerResult r =
          transmute.run(
              "bench", file.toString(), HexFormat.of().formatHex(root), Integer.toString(PASSES));
      Matcher m = Pattern.compile("median (\\d+) ns per proof").matcher(r.stdout());
      if (!r.ok() || !m.find()) {
        throw new IllegalStateException("transmute-receipts bench failed: " + r.describe());
      }
      long ours = median(verify) / PROOFS;
      long theirs = Long.parseLong(m.group(1));
      System.out.printf(
          "| 2^%d | %d | %,d | %,d | %,d | %.3f |%n",
          bits,
          proofs[0].path().size(),
          median(generate) / PROOFS,
          ours,
          theirs,
          (double) ours / theirs);
    }
  }

  /** RFC 9162 §2.1.3.2: the root an inclusion proof leads to from {@code leaf}. */
  private static byte[] rootFromInclusion(MessageDigest md, byte[] leaf, InclusionProof p) {
    long fn = p.leafIndex();
    long sn = p.treeSize() - 1;
    byte[] r = leaf;
    for (byte[] h : p.path()) {
      if (sn == 0) {
        throw new IllegalStateException("the path is too long");
      }
      md.update((byte) 1);
      if ((fn & 1) == 1 || fn == sn) {
        md.update(h);
        md.update(r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        md.update(r);
        md.update(h);
      }
      r = md.digest();
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalStateException("the path is too short");
    }
    return r;
  }

  private static byte[] encode(byte[][] leaves, InclusionProof[] proofs) {
    List<Cbor> all = new ArrayList<>();
    for (int i = 0; i < proofs.length; i++) {
      List<Cbor> path = new ArrayList<>();
      proofs[i].path().forEach(h -> path.add(new Cbor.Bytes(h)));
      all.add(
          Cbor.array(
              new Cbor.Bytes(leaves[i]),
              new Cbor.Int(proofs[i].treeSize()),
              new Cbor.Int(proofs[i].leafIndex()),
              new Cbor.Array(path)));
    }
    return CborEncoder.encode(new Cbor.Array(all));
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static long folderSize(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
