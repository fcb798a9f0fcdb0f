package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestVectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid COSE_Sign1 messages and Notary envelopes, COSE and JWS (bit flips, truncations,
 * insertions, deletions, length-prefix inflation, extra nesting, special CBOR bytes) and checks
 * that every outcome is either success or a {@link CoseException}: never another exception, an
 * OutOfMemoryError or a StackOverflowError. The seed is fixed so a failure reproduces; the message
 * names the seed and case.
 */
class MutationFuzzTest {
  private static final long SEED = 0x0c17_2057L;
  private static final int SIGN1_CASES = 70_000;
  private static final int NOTARY_CASES = 30_000;
  private static final int TOKEN_CASES = 3_000;

  private interface Target {
    void run(byte[] input) throws Exception;
  }

  @Test
  void mutatedInputsFailOnlyWithCoseExceptions() throws Exception {
    byte[] payload = "fuzz me".getBytes(StandardCharsets.UTF_8);
    HeaderLabel crit = HeaderLabel.of("c");
    Sign1VerifyOptions opts =
        Sign1VerifyOptions.builder().understoodCriticalLabels(List.of(crit)).build();
    CoseParseOptions untagged = CoseParseOptions.builder().allowUntagged(true).build();
    int ok1 = 0;
    // RSA-PSS verification is cheap, so most cases use it; ES256 covers the r||s conversions.
    int[] counts = {SIGN1_CASES * 6 / 7, SIGN1_CASES / 7};
    KeyPair[] keys = {TestCertificate.rsaKeyPair(2048), TestCertificate.ecKeyPair("secp256r1")};
    for (int k = 0; k < keys.length; k++) {
      byte[] sign1 =
          Sign1Signer.builder(keys[k].getPrivate())
              .protectedHeaders(
                  CoseHeaders.builder()
                      .put(HeaderLabel.CONTENT_TYPE, "text/plain")
                      .put(crit, 7)
                      .putLabels(HeaderLabel.CRIT, List.of(crit))
                      .build())
              .unprotectedHeaders(
                  CoseHeaders.builder()
                      .put(HeaderLabel.KID, new byte[] {1, 2})
                      .putBytesList(HeaderLabel.X5CHAIN, List.of(new byte[] {3}))
                      .build())
              .build()
              .sign(payload);
      PublicKey key = keys[k].getPublic();
      Target sign1Target =
          in -> {
            UnverifiedSign1 m = UnverifiedSign1.parse(in, untagged);
            m.protectedHeaders().labelList(HeaderLabel.CRIT);
            m.unprotectedHeaders().bytesList(HeaderLabel.X5CHAIN);
            m.verify(key, opts);
          };
      ok1 += run("sign1-" + key.getAlgorithm(), sign1, sign1Target, counts[k], SEED + 10 + k);
    }

    // some mutations (e.g. in the unprotected header) leave a valid message: the valid path
    // is exercised too, and most mutations are rejected
    assertThat(ok1).isPositive().isLessThan(SIGN1_CASES / 2);
  }

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static final NotaryEnvelopeVerifier VERIFIER = NotaryEnvelopeVerifier.builder().build();

  private static final Target NOTARY_ENVELOPE =
      in -> {
        VerifiedNotaryEnvelope env = VERIFIER.verify(in);
        env.checkNotExpired(CLOCK);
        env.targetArtifact().payloadJson();
      };

  @Test
  void mutatedOwnNotaryEnvelopesFailOnlyWithCoseExceptions() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(
            TestCertificate.rsaKeyPair(2048),
            TestCertificate.rsaKeyPair(2048),
            TestCertificate.rsaKeyPair(2048));
    byte[] ours =
        NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
            .clock(CLOCK)
            .extendedAttribute("x", "y", false)
            .signingAgent("fuzz")
            .build()
            .sign(
                new TargetArtifact(
                    "application/vnd.oci.image.manifest.v1+json",
                    "sha256:" + "0".repeat(64),
                    10,
                    Map.of("k", "v"),
                    Optional.empty()));
    int ok = run("notary-own", ours, NOTARY_ENVELOPE, NOTARY_CASES / 2, SEED + 1);
    assertThat(ok).isLessThan(NOTARY_CASES / 4);
  }

  @Test
  void mutatedJwsEnvelopesFailOnlyWithCoseExceptions() throws Exception {
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(
            TestCertificate.rsaKeyPair(2048),
            TestCertificate.rsaKeyPair(2048),
            TestCertificate.rsaKeyPair(2048));
    byte[] jws =
        NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
            .format(NotaryEnvelopeFormat.JWS)
            .clock(CLOCK)
            .expiry(java.time.Duration.ofDays(1))
            .extendedAttribute("x", "y", false)
            .signingAgent("fuzz")
            .build()
            .sign(
                new TargetArtifact(
                    "application/vnd.oci.image.manifest.v1+json",
                    "sha256:" + "0".repeat(64),
                    10,
                    Map.of("k", "v"),
                    Optional.empty()));
    Target target =
        in -> {
          VerifiedNotaryEnvelope env = VERIFIER.verify(NotaryEnvelopeFormat.JWS, in);
          env.checkNotExpired(CLOCK);
          env.targetArtifact().payloadJson();
        };
    int ok = run("notary-jws", jws, target, NOTARY_CASES / 2, SEED + 3);
    // mutations of the signing agent's text, or of JSON white space, may leave it valid
    assertThat(ok).isLessThan(NOTARY_CASES / 4);
  }

  @Test
  void mutatedNotationEnvelopesAndTimeStampTokensFailOnlyWithCoseExceptions() throws Exception {
    Path notary = TestVectors.require("notary");
    byte[] notation = Files.readAllBytes(notary.resolve("cose/cose_signature.sig"));
    int ok = run("notary-notation", notation, NOTARY_ENVELOPE, NOTARY_CASES / 2, SEED + 2);
    assertThat(ok).isLessThan(NOTARY_CASES / 4);

    Path root = notary.resolve("truststore/x509/tsa/test-timestamp/globalsignRoot.cer");
    TimestampVerifier tsv = TimestampVerifier.create(Pem.certs(root));
    byte[] stamped = "notation".getBytes(StandardCharsets.UTF_8);
    int okTokens =
        run(
            "tst",
            Files.readAllBytes(notary.resolve("timestamp/TimeStampToken.p7s")),
            in -> tsv.verify(in, stamped),
            TOKEN_CASES,
            SEED + 100);
    assertThat(okTokens).isLessThan(TOKEN_CASES / 2);
  }

  private static int run(String name, byte[] valid, Target target, int cases, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long start = System.nanoTime();
    int succeeded = 0;
    for (int i = 0; i < cases; i++) {
      byte[] input = mutate(valid, rnd);
      try {
        target.run(input);
        succeeded++;
      } catch (CoseException expected) {
        // the only allowed failure
      } catch (Throwable t) {
        fail(
            name
                + " case "
                + i
                + " (seed "
                + seed
                + ") threw "
                + t
                + " for input "
                + HexFormat.of().formatHex(input, 0, Math.min(input.length, 512)),
            t);
      }
    }
    System.out.printf(
        "%s: %d cases, %d accepted, %d ms%n",
        name, cases, succeeded, (System.nanoTime() - start) / 1_000_000);
    return succeeded;
  }

  private static final byte[] SPECIAL = {
    (byte) 0xff,
    0x1f,
    0x5f,
    0x7f,
    (byte) 0x9f,
    (byte) 0xbf,
    (byte) 0xf7,
    (byte) 0xf8,
    (byte) 0xf9,
    (byte) 0xfb,
    (byte) 0xfc,
    (byte) 0xc0,
    (byte) 0xc1,
    (byte) 0xd2,
    0x18,
    0x1b,
    0x3b,
    0x00,
    (byte) 0xa0,
    (byte) 0x80,
    0x40,
    0x60,
    (byte) 0xf6
  };

  static byte[] mutate(byte[] in, SplittableRandom rnd) {
    byte[] out = in.clone();
    int rounds = 1 + rnd.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      out = mutateOnce(out, rnd);
    }
    return out;
  }

  private static byte[] mutateOnce(byte[] in, SplittableRandom rnd) {
    if (in.length == 0) {
      return new byte[] {(byte) rnd.nextInt(256)};
    }
    int pos = rnd.nextInt(in.length);
    switch (rnd.nextInt(9)) {
      case 0:
        { // bit flip
          byte[] out = in.clone();
          out[pos] ^= (byte) (1 << rnd.nextInt(8));
          return out;
        }
      case 1: // truncation
        return Arrays.copyOf(in, pos);
      case 2:
        { // insertion of random bytes
          int n = 1 + rnd.nextInt(8);
          byte[] ins = new byte[n];
          for (int i = 0; i < n; i++) {
            ins[i] = (byte) rnd.nextInt(256);
          }
          return splice(in, pos, 0, ins);
        }
      case 3: // deletion
        return splice(in, pos, Math.min(in.length - pos, 1 + rnd.nextInt(16)), new byte[0]);
      case 4:
        { // length-prefix inflation: turn a head into a 4- or 8-byte huge argument
          byte[] out = in.clone();
          int major = (out[pos] & 0xe0);
          boolean eight = rnd.nextBoolean();
          byte[] huge =
              eight
                  ? new byte[] {(byte) (major | 27), 0x7f, -1, -1, -1, -1, -1, -1, -1}
                  : new byte[] {(byte) (major | 26), 0x7f, -1, -1, -1};
          return splice(out, pos, 1, huge);
        }
      case 5:
        { // extra nesting: many single-element arrays or tags
          int depth = 1 + rnd.nextInt(5000);
          byte[] wrap = new byte[depth];
          Arrays.fill(wrap, rnd.nextBoolean() ? (byte) 0x81 : (byte) 0xc1);
          return splice(in, rnd.nextBoolean() ? 0 : pos, 0, wrap);
        }
      case 6:
        { // special CBOR byte
          byte[] out = in.clone();
          out[pos] = SPECIAL[rnd.nextInt(SPECIAL.length)];
          return out;
        }
      case 7:
        { // duplicate a segment
          int len = Math.min(in.length - pos, 1 + rnd.nextInt(32));
          return splice(in, pos, 0, Arrays.copyOfRange(in, pos, pos + len));
        }
      default:
        { // random byte
          byte[] out = in.clone();
          out[pos] = (byte) rnd.nextInt(256);
          return out;
        }
    }
  }

  private static byte[] splice(byte[] in, int pos, int remove, byte[] insert) {
    byte[] out = new byte[in.length - remove + insert.length];
    System.arraycopy(in, 0, out, 0, pos);
    System.arraycopy(insert, 0, out, pos, insert.length);
    System.arraycopy(in, pos + remove, out, pos + insert.length, in.length - pos - remove);
    return out;
  }
}
