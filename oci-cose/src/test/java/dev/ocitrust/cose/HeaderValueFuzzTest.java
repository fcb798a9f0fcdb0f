package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Structure-aware fuzzing: byte-level mutations mostly stop at the signature check, so here the
 * headers, CWT claims and payloads get random values of random types and are then <em>properly
 * signed</em>, which drives the semantic checks behind signature verification. Every outcome must
 * be success or a {@link CoseException}.
 */
class HeaderValueFuzzTest {
  private static final int CASES = 2_500;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static CBORObject randomValue(SplittableRandom r, int depth) {
    switch (r.nextInt(depth > 2 ? 9 : 11)) {
      case 0:
        return CBORObject.FromObject(r.nextLong());
      case 1:
        return CBORObject.FromObject(r.nextInt(200) - 100);
      case 2:
        return CBORObject.FromObject(
            List.of(
                    "",
                    "notary.x509",
                    "notary.x509.signingAuthority",
                    "application/vnd.cncf.notary.payload.v1+json",
                    "x",
                    "io.cncf.notary.signingScheme")
                .get(r.nextInt(6)));
      case 3:
        {
          byte[] b = new byte[r.nextInt(40)];
          r.nextBytes(b);
          return CBORObject.FromObject(b);
        }
      case 4:
        return CBORObject.FromObjectAndTag(CBORObject.FromObject(r.nextLong()), 1);
      case 5:
        return CBORObject.FromObjectAndTag(
            CBORObject.FromObject(NOW.getEpochSecond() + r.nextInt(2_000_000) - 1_000_000), 1);
      case 6:
        return CBORObject.FromObjectAndTag(
            CBORObject.FromObject("2026-01-01T00:00:00Z"), r.nextInt(3));
      case 7:
        return List.of(CBORObject.True, CBORObject.Null, CBORObject.FromObject(1.5))
            .get(r.nextInt(3));
      case 8:
        return CBORObject.FromObject(r.nextInt(5) - 40);
      case 9:
        {
          CBORObject a = CBORObject.NewArray();
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            HeaderLabel l = randomLabel(r);
            a.Add(
                r.nextBoolean()
                    ? (l.isText()
                        ? CBORObject.FromObject(l.textValue())
                        : CBORObject.FromObject(l.intValue()))
                    : randomValue(r, depth + 1));
          }
          return a;
        }
      default:
        {
          CBORObject m = CBORObject.NewMap();
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            m.set(CBORObject.FromObject(r.nextInt(8)), randomValue(r, depth + 1));
          }
          return m;
        }
    }
  }

  private static final List<HeaderLabel> LABELS =
      List.of(
          HeaderLabel.CRIT,
          HeaderLabel.CONTENT_TYPE,
          HeaderLabel.KID,
          HeaderLabel.X5CHAIN,
          HeaderLabel.CWT_CLAIMS,
          NotaryHeaders.SIGNING_SCHEME,
          NotaryHeaders.SIGNING_TIME,
          NotaryHeaders.AUTHENTIC_SIGNING_TIME,
          NotaryHeaders.EXPIRY,
          NotaryHeaders.SIGNING_AGENT,
          NotaryHeaders.TIMESTAMP_SIGNATURE,
          HeaderLabel.of("ext"),
          HeaderLabel.of(-70000));

  private static HeaderLabel randomLabel(SplittableRandom r) {
    return LABELS.get(r.nextInt(LABELS.size()));
  }

  private static CoseHeaders.Builder notaryBase(SplittableRandom r) {
    CoseHeaders.Builder b = CoseHeaders.builder();
    if (r.nextInt(4) > 0) {
      b.putLabels(HeaderLabel.CRIT, List.of(NotaryHeaders.SIGNING_SCHEME));
    }
    if (r.nextInt(4) > 0) {
      b.put(HeaderLabel.CONTENT_TYPE, TargetArtifact.PAYLOAD_MEDIA_TYPE);
    }
    if (r.nextInt(4) > 0) {
      b.put(NotaryHeaders.SIGNING_SCHEME, "notary.x509");
    }
    if (r.nextInt(4) > 0) {
      b.putTime(NotaryHeaders.SIGNING_TIME, NOW);
    }
    return b;
  }

  private static byte[] randomPayload(SplittableRandom r) {
    String[] variants = {
      "{\"targetArtifact\":{\"mediaType\":\"m\",\"digest\":\"sha256:00\",\"size\":1}}",
      "{\"targetArtifact\":{\"mediaType\":\"m\",\"digest\":\"sha256:00\",\"size\":-1}}",
      "{\"targetArtifact\":{\"mediaType\":\"m\",\"digest\":\"bad\",\"size\":1}}",
      "{\"targetArtifact\":{\"mediaType\":1,\"digest\":\"sha256:00\",\"size\":1e400}}",
      "{\"targetArtifact\":{\"mediaType\":\"m\",\"digest\":\"sha256:00\",\"size\":99999999999999999999}}",
      "{\"targetArtifact\":{\"mediaType\":\"m\",\"digest\":\"sha256:00\",\"size\":1,"
          + "\"annotations\":{\"a\":[1]}}}",
      "{\"targetArtifact\":[]}",
      "[]",
      "null",
      "",
      "{",
      "\"x\"",
      "{\"targetArtifact\":null}"
    };
    return variants[r.nextInt(variants.length)].getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void randomlyTypedButValidlySignedNotaryEnvelopes() throws Exception {
    // EC leaf (cheap deterministic signing) under RSA CAs (cheap chain verification)
    TestCertificate leaf =
        TestCertificate.leafUnderIntermediate(
            TestCertificate.ecKeyPair("secp256r1"),
            TestCertificate.rsaKeyPair(2048),
            TestCertificate.rsaKeyPair(2048));
    List<byte[]> der = new ArrayList<>();
    for (X509Certificate c : leaf.chain()) {
      der.add(c.getEncoded());
    }
    NotaryEnvelopeVerifier verifier =
        NotaryEnvelopeVerifier.builder().understoodExtendedAttributes(List.of("ext")).build();
    SplittableRandom r = new SplittableRandom(7);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      CoseHeaders.Builder prot = notaryBase(r);
      CoseHeaders.Builder unprot = CoseHeaders.builder();
      if (r.nextInt(5) > 0) {
        unprot.putBytesList(HeaderLabel.X5CHAIN, der);
      }
      int n = r.nextInt(4);
      for (int k = 0; k < n; k++) {
        HeaderLabel l = randomLabel(r);
        byte[] value = randomValue(r, 0).EncodeToBytes();
        (r.nextBoolean() ? prot : unprot).remove(l).putEncoded(l, value);
      }
      byte[] payload =
          r.nextInt(3) == 0
              ? randomPayload(r)
              : TargetArtifact.of("application/x", "sha256:" + "0".repeat(64), 1).payloadJson();
      byte[] envelope;
      try {
        CoseHeaders p = prot.build();
        CoseHeaders u = unprot.build();
        envelope =
            Sign1Signer.builder(leaf.privateKey())
                .protectedHeaders(p)
                .unprotectedHeaders(u)
                .build()
                .sign(payload);
      } catch (IllegalArgumentException e) {
        continue; // the builder refused a header combination: a programming error by design
      }
      try {
        verifier.verify(envelope);
        accepted++;
      } catch (CoseException expected) {
        // allowed
      } catch (Throwable t) {
        fail("case " + i + " threw " + t + " for " + HexFormat.of().formatHex(envelope), t);
      }
    }
    System.out.println("notary header fuzz: " + CASES + " cases, " + accepted + " accepted");
    assertThat(accepted).isPositive().isLessThan(CASES);
  }

  @Test
  void randomlyTypedButValidlySignedScittStatements() throws Exception {
    var keys = TestCertificate.ecKeyPair("secp256r1");
    SplittableRandom r = new SplittableRandom(8);
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      CBORObject claims = CBORObject.NewMap();
      if (r.nextInt(5) > 0) {
        claims.set(
            CBORObject.FromObject(1),
            r.nextInt(3) > 0 ? CBORObject.FromObject("https://issuer.example") : randomValue(r, 1));
      }
      if (r.nextInt(5) > 0) {
        claims.set(
            CBORObject.FromObject(2),
            r.nextInt(3) > 0
                ? CBORObject.FromObject("pkg:oci/x@sha256:" + "0".repeat(64))
                : randomValue(r, 1));
      }
      if (r.nextBoolean()) {
        claims.set(CBORObject.FromObject(6), randomValue(r, 1));
      }
      CoseHeaders.Builder prot =
          CoseHeaders.builder()
              .putEncoded(
                  HeaderLabel.CWT_CLAIMS,
                  r.nextInt(10) > 0 ? claims.EncodeToBytes() : randomValue(r, 0).EncodeToBytes());
      if (r.nextInt(4) > 0) {
        prot.put(HeaderLabel.KID, new byte[] {1});
      }
      int n = r.nextInt(3);
      for (int k = 0; k < n; k++) {
        HeaderLabel l = randomLabel(r);
        prot.remove(l).putEncoded(l, randomValue(r, 0).EncodeToBytes());
      }
      byte[] statement;
      try {
        statement =
            Sign1Signer.builder(keys.getPrivate())
                .protectedHeaders(prot.build())
                .build()
                .sign(new byte[] {1});
      } catch (IllegalArgumentException e) {
        continue;
      }
      try {
        UnverifiedScittStatement s = UnverifiedScittStatement.parse(statement);
        s.contentType();
        s.certificateChain();
        s.verify(keys.getPublic());
        accepted++;
      } catch (CoseException expected) {
        // allowed
      } catch (Throwable t) {
        fail("case " + i + " threw " + t + " for " + HexFormat.of().formatHex(statement), t);
      }
    }
    System.out.println("scitt header fuzz: " + CASES + " cases, " + accepted + " accepted");
    assertThat(accepted).isPositive().isLessThan(CASES);
  }
}
