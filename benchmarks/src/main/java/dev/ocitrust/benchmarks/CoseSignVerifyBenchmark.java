package dev.ocitrust.benchmarks;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.Sign1Signer;
import dev.ocitrust.cose.Sign1VerifyOptions;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.UnverifiedSign1;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.cose.VerifiedSign1;
import dev.ocitrust.testkit.TestCertificate;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
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

/**
 * COSE sign and verify throughput against the bare JCA {@link Signature} operation on the same key
 * and the same to-be-signed bytes, in one run.
 *
 * <ul>
 *   <li>{@code bareVerify} / {@code bareSign}: JCA alone over the COSE Sig_structure bytes.
 *   <li>{@code sign1Verify}: parse the COSE_Sign1 message, rebuild Sig_structure, verify.
 *   <li>{@code sign1Sign}: build Sig_structure, sign, encode.
 *   <li>{@code notaryEnvelopeVerify}: the whole Notary Project integrity check (parse, headers,
 *       payload, x5chain certificate rules incl. the self-signed leaf's own signature, verify).
 *   <li>{@code notaryEnvelopeSign}: chain checks, sign and the signer's own verify of the result.
 * </ul>
 *
 * The codec's cost is {@code sign1Verify} against {@code bareVerify} (target: at least 0.9).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoseSignVerifyBenchmark {
  /** ES256 (P-256) or PS256 (RSA 2048). */
  @Param({"ES256", "PS256"})
  public String algorithm;

  private KeyPair keys;
  private Signature bareSigner;
  private Signature bareVerifier;
  private byte[] toBeSigned;
  private byte[] bareSignature;
  private byte[] sign1Message;
  private Sign1Signer sign1Signer;
  private NotaryEnvelopeSigner envelopeSigner;
  private NotaryEnvelopeVerifier envelopeVerifier;
  private byte[] envelope;
  private TargetArtifact target;
  private PublicKey publicKey;

  /** Keys, a self-signed code-signing certificate, and one message of each kind. */
  @Setup
  public void setUp() throws Exception {
    boolean ec = algorithm.equals("ES256");
    keys = ec ? TestCertificate.ecKeyPair("secp256r1") : TestCertificate.rsaKeyPair(2048);
    publicKey = keys.getPublic();
    target =
        TargetArtifact.of(
            "application/vnd.oci.image.manifest.v1+json",
            "sha256:19dbd2e48e921426ee8ace4dc892edfb2ecdc1d1a72d5416c83670c30acecef0",
            481);
    byte[] payload = target.payloadJson();

    sign1Signer = Sign1Signer.builder(keys.getPrivate()).build();
    sign1Message = sign1Signer.sign(payload);
    toBeSigned = UnverifiedSign1.parse(sign1Message).toBeSigned(Sign1VerifyOptions.defaults());

    bareSigner = jcaSignature(ec);
    bareVerifier = jcaSignature(ec);
    bareSigner.initSign(keys.getPrivate());
    bareSigner.update(toBeSigned);
    bareSignature = bareSigner.sign();

    X509Certificate leaf =
        TestCertificate.builder()
            .subject("CN=bench,O=ocitrust,ST=WA,C=US")
            .keyPair(keys)
            .build()
            .certificate();
    envelopeSigner = NotaryEnvelopeSigner.builder(keys.getPrivate(), List.of(leaf)).build();
    envelopeVerifier = NotaryEnvelopeVerifier.builder().build();
    envelope = envelopeSigner.sign(target);
    if (!CoseAlgorithm.forKey(keys.getPublic()).name().equals(algorithm)) {
      throw new IllegalStateException("key does not imply " + algorithm);
    }
  }

  /** Bare JCA verify of the Sig_structure bytes. */
  @Benchmark
  public boolean bareVerify() throws Exception {
    bareVerifier.initVerify(publicKey);
    bareVerifier.update(toBeSigned);
    return bareVerifier.verify(bareSignature);
  }

  /** Bare JCA sign of the Sig_structure bytes. */
  @Benchmark
  public byte[] bareSign() throws Exception {
    bareSigner.initSign(keys.getPrivate());
    bareSigner.update(toBeSigned);
    return bareSigner.sign();
  }

  /** Parse and verify a COSE_Sign1 message. */
  @Benchmark
  public VerifiedSign1 sign1Verify() throws Exception {
    return UnverifiedSign1.parse(sign1Message).verify(publicKey);
  }

  /** Sign and encode a COSE_Sign1 message. */
  @Benchmark
  public byte[] sign1Sign() throws Exception {
    return sign1Signer.sign(target.payloadJson());
  }

  /** Full Notary Project envelope integrity verification. */
  @Benchmark
  public VerifiedNotaryEnvelope notaryEnvelopeVerify() throws Exception {
    return envelopeVerifier.verify(envelope);
  }

  /** Full Notary Project envelope signing. */
  @Benchmark
  public byte[] notaryEnvelopeSign() throws Exception {
    return envelopeSigner.sign(target);
  }

  private static Signature jcaSignature(boolean ec) throws Exception {
    if (ec) {
      return Signature.getInstance("SHA256withECDSA");
    }
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    return pss;
  }
}
