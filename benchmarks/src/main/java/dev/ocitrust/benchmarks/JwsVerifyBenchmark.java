package dev.ocitrust.benchmarks;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseHeaders;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.NotaryHeaders;
import dev.ocitrust.cose.Sign1VerifyOptions;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.UnverifiedSign1;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.cose.VerifiedSign1;
import dev.ocitrust.cose.internal.JwsFlattened;
import dev.ocitrust.cose.internal.SignatureOps;
import dev.ocitrust.testkit.TestCertificate;
import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Notary JWS envelope verification beside COSE verification and the bare JCA {@link Signature} on
 * the same key, in one run; {@link #main} prints the ratios.
 *
 * <ul>
 *   <li>{@code bareVerify}: JCA alone over the JWS signing input ({@code protected.payload}) with a
 *       signature already in JCA's form.
 *   <li>{@code jwsParseVerify}: from the envelope bytes: strict parse of the flattened JWS JSON
 *       (Jackson, duplicate keys, members, canonical base64url), the leaf certificate from {@code
 *       x5c}, {@code alg} against the leaf key, the signature over the signing input.
 *   <li>{@code coseParseVerify}: the same for the COSE envelope of the same target: parse the
 *       COSE_Sign1, the leaf from {@code x5chain}, verify.
 *   <li>{@code jwsNotaryVerify} / {@code coseNotaryVerify}: the whole Notary Project integrity
 *       check of {@link NotaryEnvelopeVerifier} (headers, crit, times, payload, every x5c
 *       certificate and the code-signing chain rules, which verify the certificate signatures too).
 * </ul>
 *
 * The JWS codec's cost is {@code jwsParseVerify} against {@code bareVerify} (target: at least 0.8).
 * The leaf is issued by a CA of the same key type, as in real chains.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwsVerifyBenchmark {
  /** ES256 (P-256) or PS256 (RSA 2048). */
  @Param({"ES256", "PS256"})
  public String algorithm;

  private CoseAlgorithm alg;
  private PublicKey publicKey;
  private Signature bareVerifier;
  private byte[] signingInput;
  private byte[] jcaSignature;
  private byte[] jws;
  private byte[] cose;
  private NotaryEnvelopeVerifier verifier;
  private Sign1VerifyOptions coseOptions;

  /** Keys, a CA-issued code-signing leaf, one JWS and one COSE envelope of the same target. */
  @Setup
  public void setUp() throws Exception {
    boolean ec = algorithm.equals("ES256");
    KeyPair keys = ec ? TestCertificate.ecKeyPair("secp256r1") : TestCertificate.rsaKeyPair(2048);
    TestCertificate ca =
        TestCertificate.builder()
            .subject("CN=bench CA,O=ocitrust,C=US")
            .keyPair(ec ? TestCertificate.ecKeyPair("secp256r1") : TestCertificate.rsaKeyPair(2048))
            .certificateAuthority(0)
            .build();
    TestCertificate leaf =
        TestCertificate.builder()
            .subject("CN=bench,O=ocitrust,ST=WA,C=US")
            .keyPair(keys)
            .signedBy(ca)
            .build();
    publicKey = keys.getPublic();
    alg = CoseAlgorithm.forKey(publicKey);
    if (!alg.name().equals(algorithm)) {
      throw new IllegalStateException("key does not imply " + algorithm);
    }
    TargetArtifact target =
        TargetArtifact.of(
            "application/vnd.oci.image.manifest.v1+json",
            "sha256:19dbd2e48e921426ee8ace4dc892edfb2ecdc1d1a72d5416c83670c30acecef0",
            481);
    NotaryEnvelopeSigner.Builder signer =
        NotaryEnvelopeSigner.builder(keys.getPrivate(), leaf.chain()).signingAgent("bench/1");
    jws = signer.format(NotaryEnvelopeFormat.JWS).build().sign(target);
    cose = signer.format(NotaryEnvelopeFormat.COSE).build().sign(target);
    verifier = NotaryEnvelopeVerifier.builder().build();
    coseOptions =
        Sign1VerifyOptions.builder()
            .understoodCriticalLabels(List.of(NotaryHeaders.SIGNING_SCHEME, NotaryHeaders.EXPIRY))
            .build();

    JwsFlattened parsed = JwsFlattened.parse(jws);
    signingInput = parsed.signingInput();
    byte[] raw = parsed.signature();
    jcaSignature = ec ? SignatureOps.rawToDer(raw, alg.ecCoordinateBytes()) : raw;
    bareVerifier = jcaSignature(ec);
    if (!bareVerify()) {
      throw new IllegalStateException("the bare signature does not verify");
    }
    jwsParseVerify();
    coseParseVerify();
  }

  /** Bare JCA verify of the JWS signing input. */
  @Benchmark
  public boolean bareVerify() throws Exception {
    bareVerifier.initVerify(publicKey);
    bareVerifier.update(signingInput);
    return bareVerifier.verify(jcaSignature);
  }

  /** Strict JWS parse, leaf from x5c, alg check, signature verify. */
  @Benchmark
  public JwsFlattened jwsParseVerify() throws Exception {
    JwsFlattened parsed = JwsFlattened.parse(jws);
    PublicKey key = leaf(parsed.leafCertificate()).getPublicKey();
    CoseAlgorithm keyAlg = CoseAlgorithm.forKey(key);
    if (!parsed.alg().orElse("").equals(keyAlg.name())) {
      throw new IllegalStateException("alg disagrees with the key");
    }
    SignatureOps.verify(keyAlg, key, parsed.signingInput(), parsed.signature());
    return parsed;
  }

  /** COSE_Sign1 parse, leaf from x5chain, signature verify. */
  @Benchmark
  public VerifiedSign1 coseParseVerify() throws Exception {
    UnverifiedSign1 msg = UnverifiedSign1.parse(cose);
    CoseHeaders unprot = msg.unprotectedHeaders();
    byte[] der = unprot.bytesList(HeaderLabel.X5CHAIN).orElseThrow().get(0);
    return msg.verify(leaf(der).getPublicKey(), coseOptions);
  }

  /** The whole Notary integrity check of the JWS envelope. */
  @Benchmark
  public VerifiedNotaryEnvelope jwsNotaryVerify() throws Exception {
    return verifier.verify(NotaryEnvelopeFormat.JWS, jws);
  }

  /** The whole Notary integrity check of the COSE envelope. */
  @Benchmark
  public VerifiedNotaryEnvelope coseNotaryVerify() throws Exception {
    return verifier.verify(NotaryEnvelopeFormat.COSE, cose);
  }

  private static X509Certificate leaf(byte[] der) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static Signature jcaSignature(boolean ec) throws Exception {
    if (ec) {
      return Signature.getInstance("SHA256withECDSA");
    }
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    return pss;
  }

  /**
   * Runs the benchmark and prints, per algorithm, ops/s of each method and its ratio to {@code
   * bareVerify}. Other arguments are passed to JMH's options (none needed). With {@code
   * --interleaved SECONDS} instead of JMH: per algorithm, batches of bare, JWS and COSE parse +
   * verify alternate for that long, each batch timed in the thread's CPU time, and the medians of
   * the per-batch ratios are printed; on a busy machine that ratio is steadier than JMH's, whose
   * methods run one after the other in wall-clock time.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--interleaved")) {
      for (String a : List.of("ES256", "PS256")) {
        interleaved(a, Double.parseDouble(args[1]));
      }
      return;
    }
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .include(JwsVerifyBenchmark.class.getName() + ".")
                    .parent(new org.openjdk.jmh.runner.options.CommandLineOptions(args))
                    .build())
            .run();
    Map<String, Map<String, Double>> byAlg = new LinkedHashMap<>();
    for (RunResult r : results) {
      String a = r.getParams().getParam("algorithm");
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      byAlg
          .computeIfAbsent(a, k -> new LinkedHashMap<>())
          .put(method, r.getPrimaryResult().getScore());
    }
    System.out.println();
    System.out.println("ops/s, and the ratio to bare JCA verify on the same key:");
    for (Map.Entry<String, Map<String, Double>> e : byAlg.entrySet()) {
      double bare = e.getValue().getOrDefault("bareVerify", Double.NaN);
      for (Map.Entry<String, Double> m : e.getValue().entrySet()) {
        System.out.println(
            String.format(
                Locale.ROOT,
                "%-6s %-16s %12.0f  %.2f",
                e.getKey(),
                m.getKey(),
                m.getValue(),
                m.getValue() / bare));
      }
      double jwsRatio = e.getValue().getOrDefault("jwsParseVerify", Double.NaN) / bare;
      System.out.println(
          String.format(
              Locale.ROOT,
              "%-6s JWS parse + verify / bare JCA verify = %.2f (target >= 0.80: %s)",
              e.getKey(),
              jwsRatio,
              jwsRatio >= 0.8 ? "met" : "not met"));
    }
  }

  private static void interleaved(String algorithm, double seconds) throws Exception {
    JwsVerifyBenchmark b = new JwsVerifyBenchmark();
    b.algorithm = algorithm;
    b.setUp();
    int batch = algorithm.equals("ES256") ? 20 : 200;
    List<Double> jwsRatios = new java.util.ArrayList<>();
    List<Double> coseRatios = new java.util.ArrayList<>();
    long[] total = new long[3];
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    if (!cpu.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure thread CPU time");
    }
    long start = System.nanoTime();
    long warm = start + (long) (seconds * 1e9 / 3); // the first third warms up, untimed
    long end = start + (long) (seconds * 1e9);
    int rounds = 0;
    int warmRounds = 0;
    while (System.nanoTime() < end || rounds - warmRounds < 10) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        b.bareVerify();
      }
      long t1 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        b.jwsParseVerify();
      }
      long t2 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        b.coseParseVerify();
      }
      long t3 = cpu.getCurrentThreadCpuTime();
      rounds++;
      if (System.nanoTime() < warm) {
        warmRounds = rounds;
        continue;
      }
      total[0] += t1 - t0;
      total[1] += t2 - t1;
      total[2] += t3 - t2;
      jwsRatios.add((double) (t1 - t0) / (t2 - t1));
      coseRatios.add((double) (t1 - t0) / (t3 - t2));
    }
    long n = (long) (rounds - warmRounds) * batch;
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s interleaved, %d batches of %d, per CPU-second: bare %.0f ops, JWS parse + verify %.0f"
                + " (ratio %.2f), COSE parse + verify %.0f (ratio %.2f); target JWS >= 0.80:"
                + " %s",
            algorithm,
            rounds - warmRounds,
            batch,
            n / (total[0] / 1e9),
            n / (total[1] / 1e9),
            median(jwsRatios),
            n / (total[2] / 1e9),
            median(coseRatios),
            median(jwsRatios) >= 0.8 ? "met" : "not met"));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
