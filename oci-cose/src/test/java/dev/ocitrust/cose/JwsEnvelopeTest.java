package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JWS envelope: round trips, and one test per strictness rule (each fails without it). */
class JwsEnvelopeTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TargetArtifact TARGET =
      new TargetArtifact(
          "application/vnd.oci.image.manifest.v1+json",
          "sha256:" + "ab".repeat(32),
          1234,
          Map.of("env", "prod"),
          Optional.empty());
  private static final TestCertificate EC_LEAF =
      TestCertificate.leafUnderIntermediate(TestCertificate.ecKeyPair("secp256r1"));
  private static final NotaryEnvelopeVerifier VERIFIER = NotaryEnvelopeVerifier.builder().build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static NotaryEnvelopeSigner.Builder signer(TestCertificate leaf) {
    return NotaryEnvelopeSigner.builder(leaf.privateKey(), leaf.chain())
        .clock(CLOCK)
        .format(NotaryEnvelopeFormat.JWS);
  }

  private static byte[] valid() throws Exception {
    return signer(EC_LEAF)
        .expiry(Duration.ofDays(1))
        .signingAgent("ocitrust/test")
        .build()
        .sign(TARGET);
  }

  private static JwsForgery forge() throws Exception {
    return new JwsForgery(valid(), EC_LEAF.privateKey(), CoseAlgorithm.ES256);
  }

  private static VerifiedNotaryEnvelope verify(byte[] envelope) throws CoseException {
    return VERIFIER.verify(NotaryEnvelopeFormat.JWS, envelope);
  }

  private static void rejects(byte[] envelope, Class<? extends Exception> type, String message) {
    assertThatThrownBy(() -> verify(envelope)).isInstanceOf(type).hasMessageContaining(message);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------ round trips

  @Test
  void rsaAndEcRoundTrip() throws Exception {
    for (Map.Entry<java.security.KeyPair, CoseAlgorithm> c :
        List.of(
            Map.entry(TestCertificate.rsaKeyPair(2048), CoseAlgorithm.PS256),
            Map.entry(TestCertificate.rsaKeyPair(3072), CoseAlgorithm.PS384),
            Map.entry(TestCertificate.ecKeyPair("secp256r1"), CoseAlgorithm.ES256),
            Map.entry(TestCertificate.ecKeyPair("secp384r1"), CoseAlgorithm.ES384),
            Map.entry(TestCertificate.ecKeyPair("secp521r1"), CoseAlgorithm.ES512))) {
      TestCertificate leaf = TestCertificate.leafUnderIntermediate(c.getKey());
      byte[] env =
          signer(leaf).expiry(Duration.ofDays(1)).signingAgent("ocitrust/t").build().sign(TARGET);
      VerifiedNotaryEnvelope v = verify(env);
      assertThat(v.format()).isEqualTo(NotaryEnvelopeFormat.JWS);
      assertThat(v.algorithm()).isEqualTo(c.getValue());
      assertThat(v.targetArtifact()).isEqualTo(TARGET);
      assertThat(v.signingScheme()).isEqualTo(NotarySigningScheme.X509);
      assertThat(v.signingTime()).isEqualTo(NOW);
      assertThat(v.expiry()).contains(NOW.plus(Duration.ofDays(1)));
      assertThat(v.certificateChain()).isEqualTo(leaf.chain());
      assertThat(v.signingAgent()).contains("ocitrust/t");
      assertThat(v.criticalHeaders())
          .containsExactly("io.cncf.notary.signingScheme", "io.cncf.notary.expiry");
    }
  }

  @Test
  void writesTheProtectedHeaderAsNotationDoes() throws Exception {
    ObjectNode h =
        new JwsForgery(valid(), EC_LEAF.privateKey(), CoseAlgorithm.ES256).protectedHeader();
    List<String> names = new ArrayList<>();
    h.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "alg",
            "crit",
            "cty",
            "io.cncf.notary.expiry",
            "io.cncf.notary.signingScheme",
            "io.cncf.notary.signingTime");
    assertThat(h.get("io.cncf.notary.signingTime").asText()).isEqualTo("2026-06-01T12:00:00Z");
    assertThat(h.get("alg").asText()).isEqualTo("ES256");
    ObjectNode root = (ObjectNode) JSON.readTree(valid());
    List<String> members = new ArrayList<>();
    root.fieldNames().forEachRemaining(members::add);
    assertThat(members).containsExactly("payload", "protected", "header", "signature");
  }

  @Test
  void signingAuthorityAndExtendedAttributesRoundTrip() throws Exception {
    byte[] env =
        signer(EC_LEAF)
            .signingScheme(NotarySigningScheme.X509_SIGNING_AUTHORITY)
            .extendedAttribute("io.example.build", "42", false)
            .extendedAttribute("io.example.critical", "yes", true)
            .build()
            .sign(TARGET);
    VerifiedNotaryEnvelope v =
        NotaryEnvelopeVerifier.builder()
            .understoodExtendedAttributes(List.of("io.example.critical"))
            .build()
            .verify(NotaryEnvelopeFormat.JWS, env);
    assertThat(v.signingScheme()).isEqualTo(NotarySigningScheme.X509_SIGNING_AUTHORITY);
    assertThat(v.signingTime()).isEqualTo(NOW);
    assertThat(new String(v.extendedAttributes().get("io.example.build"), StandardCharsets.UTF_8))
        .isEqualTo("\"42\"");
    assertThat(v.criticalHeaders()).contains("io.cncf.notary.authenticSigningTime");
    // a verifier that does not understand the critical attribute rejects the envelope
    rejects(env, JwsFormatException.class, "unknown critical header \"io.example.critical\"");
  }

  @Test
  void timesWithFractionsAndOffsetsAreRfc3339() throws Exception {
    byte[] env =
        forge()
            .header(h -> h.put("io.cncf.notary.signingTime", "2026-06-01T14:00:00.5+02:00"))
            .bytes();
    assertThat(verify(env).signingTime()).isEqualTo(Instant.parse("2026-06-01T12:00:00.5Z"));
  }

  @Test
  void theCoseVerifierDoesNotTakeJws() throws Exception {
    assertThatThrownBy(() -> VERIFIER.verify(valid())).isInstanceOf(CoseFormatException.class);
    byte[] cose = signer(EC_LEAF).format(NotaryEnvelopeFormat.COSE).build().sign(TARGET);
    assertThatThrownBy(() -> verify(cose)).isInstanceOf(JwsFormatException.class);
  }

  // ------------------------------------------------------------ JSON and serialization

  @Test
  void rejectsDuplicateKeysAtTheTop() throws Exception {
    String env = new String(valid(), StandardCharsets.UTF_8);
    String dup = env.replaceFirst("^\\{", "{\"payload\":\"e30\",");
    rejects(utf8(dup), JwsFormatException.class, "Duplicate field 'payload'");
  }

  @Test
  void rejectsDuplicateKeysInTheProtectedHeader() throws Exception {
    String h = forge().protectedHeader().toString();
    String dup = h.replaceFirst("^\\{", "{\"alg\":\"ES256\",");
    rejects(forge().protectedText(dup).bytes(), JwsFormatException.class, "Duplicate field 'alg'");
  }

  @Test
  void rejectsDuplicateKeysInTheUnprotectedHeader() throws Exception {
    String env = new String(valid(), StandardCharsets.UTF_8);
    String dup = env.replace("\"header\":{", "\"header\":{\"io.cncf.notary.signingAgent\":\"x\",");
    rejects(utf8(dup), JwsFormatException.class, "Duplicate field 'io.cncf.notary.signingAgent'");
  }

  @Test
  void rejectsDuplicateKeysInThePayload() throws Exception {
    String p =
        "{\"targetArtifact\":{\"mediaType\":\"a/b\",\"digest\":\"sha256:"
            + "ab".repeat(32)
            + "\",\"size\":1,\"size\":2}}";
    rejects(forge().payloadText(p).bytes(), CoseFormatException.class, "Duplicate field 'size'");
  }

  @Test
  void rejectsTrailingContentInvalidUtf8AndByteOrderMarks() throws Exception {
    byte[] env = valid();
    byte[] trailing =
        (new String(env, StandardCharsets.UTF_8) + "{}").getBytes(StandardCharsets.UTF_8);
    rejects(trailing, JwsFormatException.class, "not valid JSON");
    byte[] bad = env.clone();
    bad[bad.length - 3] = (byte) 0xff;
    rejects(bad, JwsFormatException.class, "not valid UTF-8");
    byte[] bom = new byte[env.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(env, 0, bom, 3, env.length);
    rejects(bom, JwsFormatException.class, "byte order mark");
    rejects(utf8("[]"), JwsFormatException.class, "must be a JSON object");
    // UTF-16: Jackson would detect it from the zero bytes; JSON is UTF-8 here
    byte[] utf16 = new String(env, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);
    rejects(utf16, JwsFormatException.class, "contains the control character 0x00");
    // the same non-ASCII envelope text goes through the strict decoder and still parses
    JwsForgery f = forge();
    ((ObjectNode) f.root().get("header")).put("io.cncf.notary.signingAgent", "ocitrust/é");
    assertThat(verify(f.bytes()).signingAgent()).contains("ocitrust/é");
  }

  @Test
  void rejectsExtraTopLevelMembers() throws Exception {
    JwsForgery f = forge();
    f.root().put("unprotected", "x");
    rejects(f.bytes(), JwsFormatException.class, "has the member \"unprotected\"");
    JwsForgery general = forge();
    general.root().putArray("signatures");
    rejects(general.bytes(), JwsFormatException.class, "has the member \"signatures\"");
  }

  @Test
  void rejectsUnknownUnprotectedHeaders() throws Exception {
    JwsForgery f = forge();
    ((ObjectNode) f.root().get("header")).put("kid", "k1");
    rejects(f.bytes(), JwsFormatException.class, "unprotected header has \"kid\"");
  }

  @Test
  void rejectsANameInBothHeaders() throws Exception {
    byte[] env =
        forge().header(h -> h.put("io.cncf.notary.signingAgent", "protected agent")).bytes();
    rejects(env, JwsFormatException.class, "in both the protected and the unprotected header");
    rejects(
        forge().header(h -> h.putArray("x5c").add("AA==")).bytes(),
        JwsFormatException.class,
        "\"x5c\" is in both the protected and the unprotected header");
  }

  @Test
  void requiresTheHeaderAndX5c() throws Exception {
    JwsForgery noHeader = forge();
    noHeader.root().remove("header");
    rejects(noHeader.bytes(), JwsFormatException.class, "needs the unprotected \"header\"");
    JwsForgery noChain = forge();
    ((ObjectNode) noChain.root().get("header")).remove("x5c");
    rejects(noChain.bytes(), JwsFormatException.class, "header.x5c must be a non-empty array");
    JwsForgery emptyChain = forge();
    ((ObjectNode) emptyChain.root().get("header")).putArray("x5c");
    rejects(emptyChain.bytes(), JwsFormatException.class, "header.x5c must be a non-empty array");
  }

  // ------------------------------------------------------------ base64

  @Test
  void rejectsBase64urlWithPadding() throws Exception {
    JwsForgery f = forge();
    String prot = f.root().get("protected").asText();
    String payload = f.root().get("payload").asText();
    // pick headers whose length needs padding
    while (prot.length() % 4 == 0) {
      JwsForgery g = forge();
      prot =
          g.header(h -> h.put("io.example.pad" + h.size(), "x")).root().get("protected").asText();
    }
    String padded = prot + "=".repeat(4 - prot.length() % 4);
    rejects(
        f.signed(padded, payload).bytes(),
        JwsFormatException.class,
        "\"protected\" is base64url with padding");
  }

  @Test
  void rejectsPaddingOnThePayloadAndTheSignature() throws Exception {
    JwsForgery f = forge();
    String payload = f.root().get("payload").asText();
    String padded =
        payload.length() % 4 == 0 ? payload : payload + "=".repeat(4 - payload.length() % 4);
    if (padded.equals(payload)) {
      padded = payload + "=="; // still padding, and invalid: rejected before decoding
    }
    rejects(
        forge().signed(f.root().get("protected").asText(), padded).bytes(),
        JwsFormatException.class,
        "\"payload\" is base64url with padding");
    JwsForgery s = forge();
    String sig = s.root().get("signature").asText(); // ES256: 64 bytes, 86 characters
    s.root().put("signature", sig + "==");
    rejects(s.bytes(), JwsFormatException.class, "\"signature\" is base64url with padding");
  }

  @Test
  void rejectsTheStandardAlphabetAndNonCanonicalBits() throws Exception {
    JwsForgery f = forge();
    String sig = f.root().get("signature").asText();
    f.root()
        .put(
            "signature",
            sig.replace('-', '+').replace('_', '/')
                + (sig.contains("-") || sig.contains("_") ? "" : "+A"));
    rejects(f.bytes(), JwsFormatException.class, "\"signature\" is not base64url");
    // 86 characters for 64 bytes: the last character carries 2 unused bits; set one
    JwsForgery g = forge();
    String s = g.root().get("signature").asText();
    char last = s.charAt(s.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char other = alphabet.charAt(alphabet.indexOf(last) | 1);
    g.root().put("signature", s.substring(0, s.length() - 1) + other);
    rejects(g.bytes(), JwsFormatException.class, "\"signature\" is not canonical base64url");
  }

  @Test
  void x5cIsCanonicalStandardBase64() throws Exception {
    JwsForgery f = forge();
    ObjectNode header = (ObjectNode) f.root().get("header");
    String leaf = header.get("x5c").get(0).asText();
    byte[] der = Base64.getDecoder().decode(leaf);
    header.putArray("x5c").add(Base64.getUrlEncoder().withoutPadding().encodeToString(der));
    String url = header.get("x5c").get(0).asText();
    if (url.equals(leaf)) {
      return; // no '+', '/' or padding in this certificate: nothing to tell apart
    }
    rejects(f.bytes(), JwsFormatException.class, "header.x5c[0] is not");
  }

  @Test
  void rejectsANonStringX5cEntry() throws Exception {
    JwsForgery f = forge();
    ((ObjectNode) f.root().get("header")).putArray("x5c").add(1);
    rejects(f.bytes(), JwsFormatException.class, "header.x5c[0] must be a string");
  }

  // ------------------------------------------------------------ protected header rules

  @Test
  void rejectsAlgOutsideTheSpecSet() throws Exception {
    for (String alg : List.of("none", "HS256", "RS256", "EdDSA", "es256")) {
      rejects(
          forge().header(h -> h.put("alg", alg)).bytes(),
          JwsFormatException.class,
          "alg \"" + alg + "\" is not one of PS256, PS384, PS512, ES256, ES384, ES512");
    }
  }

  @Test
  void rejectsAlgOtherThanTheKeys() throws Exception {
    rejects(
        forge().header(h -> h.put("alg", "ES384")).bytes(),
        CoseSignatureException.class,
        "alg ES384 of the protected header is not ES256");
    rejects(
        forge().header(h -> h.put("alg", "PS256")).bytes(),
        CoseSignatureException.class,
        "alg PS256 of the protected header is not ES256");
  }

  @Test
  void requiresAlg() throws Exception {
    rejects(
        forge().header(h -> h.remove("alg")).bytes(), JwsFormatException.class, "alg is missing");
  }

  @Test
  void rejectsOtherRegisteredHeaders() throws Exception {
    for (String name : List.of("kid", "jwk", "jku", "x5u", "x5t", "typ", "b64")) {
      rejects(
          forge().header(h -> h.put(name, "x")).bytes(),
          JwsFormatException.class,
          "the JOSE header \"" + name + "\"");
    }
  }

  @Test
  void rejectsUnknownCriticalHeaders() throws Exception {
    byte[] env =
        forge()
            .header(
                h -> {
                  h.put("io.example.policy", "v2");
                  h.withArray("crit").add("io.example.policy");
                })
            .bytes();
    rejects(env, JwsFormatException.class, "unknown critical header \"io.example.policy\"");
    // the same attribute, not critical, is an extended attribute
    byte[] plain = forge().header(h -> h.put("io.example.policy", "v2")).bytes();
    assertThat(verify(plain).extendedAttributes()).containsKey("io.example.policy");
  }

  @Test
  void critRules() throws Exception {
    rejects(
        forge().header(h -> h.remove("crit")).bytes(), JwsFormatException.class, "crit is missing");
    rejects(
        forge().header(h -> h.putArray("crit")).bytes(),
        JwsFormatException.class,
        "non-empty array");
    rejects(
        forge().header(h -> h.put("crit", "io.cncf.notary.signingScheme")).bytes(),
        JwsFormatException.class,
        "non-empty array");
    rejects(
        forge().header(h -> h.withArray("crit").add(7)).bytes(),
        JwsFormatException.class,
        "crit must list strings");
    rejects(
        forge().header(h -> h.withArray("crit").add("io.cncf.notary.signingScheme")).bytes(),
        JwsFormatException.class,
        "twice");
    rejects(
        forge().header(h -> h.withArray("crit").add("alg")).bytes(),
        JwsFormatException.class,
        "registered header \"alg\"");
    rejects(
        forge().header(h -> h.withArray("crit").add("io.example.absent")).bytes(),
        JwsFormatException.class,
        "marked critical but not present");
  }

  @Test
  void critMustListTheRequiredHeaders() throws Exception {
    rejects(
        forge().header(h -> h.putArray("crit").add("io.cncf.notary.expiry")).bytes(),
        JwsFormatException.class,
        "crit must list io.cncf.notary.signingScheme");
    rejects(
        forge().header(h -> h.putArray("crit").add("io.cncf.notary.signingScheme")).bytes(),
        JwsFormatException.class,
        "crit must list io.cncf.notary.expiry");
    byte[] authority =
        signer(EC_LEAF)
            .signingScheme(NotarySigningScheme.X509_SIGNING_AUTHORITY)
            .build()
            .sign(TARGET);
    byte[] notCritical =
        new JwsForgery(authority, EC_LEAF.privateKey(), CoseAlgorithm.ES256)
            .header(h -> h.putArray("crit").add("io.cncf.notary.signingScheme"))
            .bytes();
    rejects(
        notCritical,
        JwsFormatException.class,
        "crit must list io.cncf.notary.authenticSigningTime");
  }

  @Test
  void ctyRules() throws Exception {
    rejects(
        forge().header(h -> h.remove("cty")).bytes(), JwsFormatException.class, "cty is missing");
    rejects(
        forge().header(h -> h.put("cty", "application/json")).bytes(),
        JwsFormatException.class,
        "cty must be application/vnd.cncf.notary.payload.v1+json");
    rejects(
        forge().header(h -> h.put("cty", 1)).bytes(),
        JwsFormatException.class,
        "cty must be a string");
  }

  @Test
  void signingSchemeRules() throws Exception {
    rejects(
        forge().header(h -> h.put("io.cncf.notary.signingScheme", "notary.default.x509")).bytes(),
        JwsFormatException.class,
        "unsupported signing scheme \"notary.default.x509\"");
    rejects(
        forge()
            .header(
                h -> {
                  h.remove("io.cncf.notary.signingScheme");
                  h.putArray("crit").add("io.cncf.notary.expiry");
                })
            .bytes(),
        JwsFormatException.class,
        "io.cncf.notary.signingScheme is missing");
  }

  @Test
  void signingTimeRules() throws Exception {
    rejects(
        forge().header(h -> h.remove("io.cncf.notary.signingTime")).bytes(),
        JwsFormatException.class,
        "io.cncf.notary.signingTime is missing");
    for (String bad :
        List.of(
            "2026-06-01 12:00:00Z",
            "2026-06-01T12:00Z",
            "2026-06-01T12:00:00",
            "2026-06-01t12:00:00z",
            "1780315200")) {
      rejects(
          forge().header(h -> h.put("io.cncf.notary.signingTime", bad)).bytes(),
          JwsFormatException.class,
          "is not an RFC 3339 date-time");
    }
    rejects(
        forge().header(h -> h.put("io.cncf.notary.signingTime", 1780315200)).bytes(),
        JwsFormatException.class,
        "io.cncf.notary.signingTime must be a string");
    rejects(
        forge().header(h -> h.put("io.cncf.notary.signingTime", "2026-02-30T12:00:00Z")).bytes(),
        JwsFormatException.class,
        "is not an RFC 3339 date-time");
  }

  @Test
  void schemeTimesAreExclusive() throws Exception {
    rejects(
        forge()
            .header(h -> h.put("io.cncf.notary.authenticSigningTime", "2026-06-01T12:00:00Z"))
            .bytes(),
        JwsFormatException.class,
        "io.cncf.notary.authenticSigningTime is not allowed with notary.x509");
    byte[] authority =
        signer(EC_LEAF)
            .signingScheme(NotarySigningScheme.X509_SIGNING_AUTHORITY)
            .build()
            .sign(TARGET);
    JwsForgery f = new JwsForgery(authority, EC_LEAF.privateKey(), CoseAlgorithm.ES256);
    rejects(
        f.header(h -> h.put("io.cncf.notary.signingTime", "2026-06-01T12:00:00Z")).bytes(),
        JwsFormatException.class,
        "io.cncf.notary.signingTime is not allowed with notary.x509.signingAuthority");
  }

  @Test
  void expiryMustFollowTheSigningTime() throws Exception {
    rejects(
        forge().header(h -> h.put("io.cncf.notary.expiry", "2026-06-01T12:00:00Z")).bytes(),
        JwsFormatException.class,
        "must be after the signing time");
  }

  // ------------------------------------------------------------ signature and payload

  @Test
  void rejectsATamperedPayloadOrSignature() throws Exception {
    JwsForgery f = forge();
    String other =
        TargetArtifact.of("a/b", "sha256:" + "cd".repeat(32), 9).payloadJson().length > 0
            ? JwsForgery.url(TargetArtifact.of("a/b", "sha256:" + "cd".repeat(32), 9).payloadJson())
            : "";
    f.root().put("payload", other); // not signed again
    rejects(f.bytes(), CoseSignatureException.class, "signature does not verify");
    JwsForgery g = forge();
    ObjectNode h = g.protectedHeader();
    h.put("io.cncf.notary.signingTime", "2026-06-01T12:00:01Z");
    g.root().put("protected", JwsForgery.url(h.toString()));
    rejects(g.bytes(), CoseSignatureException.class, "signature does not verify");
  }

  @Test
  void unprotectedChangesKeepTheSignatureButNotTheChainRules() throws Exception {
    JwsForgery f = forge();
    ((ObjectNode) f.root().get("header")).put("io.cncf.notary.signingAgent", "someone else");
    assertThat(verify(f.bytes()).signingAgent()).contains("someone else");
    JwsForgery g = forge();
    ((ObjectNode) g.root().get("header"))
        .putArray("x5c")
        .add(Base64.getEncoder().encodeToString(EC_LEAF.certificate().getEncoded()));
    rejects(g.bytes(), CertificateChainException.class, "");
  }

  @Test
  void rejectsAnEmptyPayloadOrSignature() throws Exception {
    rejects(
        forge().signed(forge().root().get("protected").asText(), "").bytes(),
        JwsFormatException.class,
        "the payload is empty");
    JwsForgery f = forge();
    f.root().put("signature", "");
    rejects(f.bytes(), JwsFormatException.class, "\"signature\" is empty");
  }

  @Test
  void timeStampTokenIsCanonicalBase64AndNotEmpty() throws Exception {
    JwsForgery f = forge();
    ((ObjectNode) f.root().get("header")).put("io.cncf.notary.timestampSignature", "");
    rejects(f.bytes(), JwsFormatException.class, "io.cncf.notary.timestampSignature is empty");
    JwsForgery g = forge();
    ((ObjectNode) g.root().get("header")).put("io.cncf.notary.timestampSignature", "MA");
    rejects(g.bytes(), JwsFormatException.class, "io.cncf.notary.timestampSignature is not");
    JwsForgery ok = forge();
    ((ObjectNode) ok.root().get("header")).put("io.cncf.notary.timestampSignature", "MAA=");
    assertThat(verify(ok.bytes()).timestampToken())
        .hasValueSatisfying(t -> assertThat(t).hasSize(2));
  }
}
