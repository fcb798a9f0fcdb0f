package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Sign1CodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.UTF_8);
  private static final KeyPair P256 = TestCertificate.ecKeyPair("secp256r1");

  private static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  @ParameterizedTest
  @CsvSource({
    "secp256r1, ES256",
    "secp384r1, ES384",
    "secp521r1, ES512",
    "rsa2048, PS256",
    "rsa3072, PS384",
    "rsa4096, PS512",
    "ed25519, EdDSA"
  })
  void signsAndVerifiesEveryAlgorithm(String kind, String algorithm) throws Exception {
    KeyPair kp =
        kind.startsWith("rsa")
            ? TestCertificate.rsaKeyPair(Integer.parseInt(kind.substring(3)))
            : kind.equals("ed25519")
                ? TestCertificate.ed25519KeyPair()
                : TestCertificate.ecKeyPair(kind);
    byte[] msg = Sign1Signer.builder(kp.getPrivate()).build().sign(PAYLOAD);
    VerifiedSign1 v = UnverifiedSign1.parse(msg).verify(kp.getPublic());
    assertThat(v.payload()).isEqualTo(PAYLOAD);
    assertThat(v.algorithm().name()).isEqualTo(algorithm);
    byte[] tampered = msg.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> UnverifiedSign1.parse(tampered).verify(kp.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void encodingMatchesAnIndependentCborLibrary() throws Exception {
    byte[] msg =
        Sign1Signer.builder(P256.getPrivate())
            .protectedHeaders(
                CoseHeaders.builder()
                    .put(HeaderLabel.of("zz"), "x")
                    .put(HeaderLabel.of("a"), 1)
                    .put(HeaderLabel.CONTENT_TYPE, "text/plain")
                    .build())
            .unprotectedHeaders(CoseHeaders.builder().put(HeaderLabel.KID, new byte[] {1}).build())
            .build()
            .sign(PAYLOAD);
    CBORObject o = CBORObject.DecodeFromBytes(msg);
    assertThat(o.getMostInnerTag().ToInt32Checked()).isEqualTo(18);
    byte[] prot = o.get(0).GetByteString();
    // RFC 8949 deterministic: keys sorted bytewise on their encoding: 1, 3, "a", "zz"
    assertThat(HEX.formatHex(prot))
        .isEqualTo("a4" + "0126" + "036a746578742f706c61696e" + "616101" + "627a7a6178");
    assertThat(CBORObject.DecodeFromBytes(prot).size()).isEqualTo(4);
    assertThat(o.get(2).GetByteString()).isEqualTo(PAYLOAD);
  }

  @Test
  void headerAlgThatDisagreesWithTheKeyIsRejected() throws Exception {
    KeyPair p384 = TestCertificate.ecKeyPair("secp384r1");
    byte[] msg = Sign1Signer.builder(P256.getPrivate()).build().sign(PAYLOAD);
    assertThatThrownBy(() -> UnverifiedSign1.parse(msg).verify(p384.getPublic()))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("ES256");
    KeyPair rsa = TestCertificate.rsaKeyPair(3072);
    byte[] ps256 =
        Sign1Signer.builder(rsa.getPrivate()).algorithm(CoseAlgorithm.PS256).build().sign(PAYLOAD);
    assertThatThrownBy(() -> UnverifiedSign1.parse(ps256).verify(rsa.getPublic()))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("PS384");
    Sign1VerifyOptions explicit =
        Sign1VerifyOptions.builder().algorithm(CoseAlgorithm.PS256).build();
    assertThat(UnverifiedSign1.parse(ps256).verify(rsa.getPublic(), explicit).payload())
        .isEqualTo(PAYLOAD);
    Sign1VerifyOptions wrongFamily =
        Sign1VerifyOptions.builder().algorithm(CoseAlgorithm.ES256).build();
    assertThatThrownBy(() -> UnverifiedSign1.parse(ps256).verify(rsa.getPublic(), wrongFamily))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void signerRefusesAKeyThatDoesNotFitTheAlgorithm() {
    assertThatThrownBy(
            () -> Sign1Signer.builder(P256.getPrivate()).algorithm(CoseAlgorithm.ES384).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Sign1Signer.builder(P256.getPrivate()).algorithm(CoseAlgorithm.PS256).build())
        .isInstanceOf(IllegalArgumentException.class);
    KeyPair k1 = TestCertificate.ecKeyPair("secp256k1");
    assertThatThrownBy(
            () -> Sign1Signer.builder(k1.getPrivate()).algorithm(CoseAlgorithm.ES256).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingAlgIsRejected() throws Exception {
    // 18([h'', {}, h'68656c6c6f', h'00'])
    byte[] msg = hex("d2 84 40 a0 45 68656c6c6f 41 00");
    assertThatThrownBy(() -> UnverifiedSign1.parse(msg).verify(P256.getPublic()))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("alg");
  }

  @Test
  void criticalHeadersMustBeUnderstood() throws Exception {
    HeaderLabel mine = HeaderLabel.of("my.critical");
    byte[] msg =
        Sign1Signer.builder(P256.getPrivate())
            .protectedHeaders(
                CoseHeaders.builder()
                    .put(mine, "v")
                    .putLabels(HeaderLabel.CRIT, List.of(mine))
                    .build())
            .build()
            .sign(PAYLOAD);
    UnverifiedSign1 parsed = UnverifiedSign1.parse(msg);
    assertThatThrownBy(() -> parsed.verify(P256.getPublic()))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("not understood");
    Sign1VerifyOptions ok =
        Sign1VerifyOptions.builder().understoodCriticalLabels(Set.of(mine)).build();
    assertThat(parsed.verify(P256.getPublic(), ok).payload()).isEqualTo(PAYLOAD);
  }

  @Test
  void critMustNameProtectedLabelsAndLiveInTheProtectedBucket() {
    // protected {1:-7, 2:[99]}: 99 absent
    byte[] absent = hex("d2 84 47 a2 0126 0281 1863 a0 45 68656c6c6f 41 00");
    assertThatThrownBy(() -> UnverifiedSign1.parse(absent))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("does not contain");
    // unprotected {2:[1]}
    byte[] unprot = hex("d2 84 43 a1 0126 a1 02 81 01 45 68656c6c6f 41 00");
    assertThatThrownBy(() -> UnverifiedSign1.parse(unprot))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("protected");
    // protected {1:-7, 2:[]}
    byte[] empty = hex("d2 84 45 a2 0126 0280 a0 45 68656c6c6f 41 00");
    assertThatThrownBy(() -> UnverifiedSign1.parse(empty))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("wrong type");
  }

  @Test
  void detachedPayloadAndExternalAad() throws Exception {
    byte[] aad = {9, 9};
    byte[] msg =
        Sign1Signer.builder(P256.getPrivate())
            .detached(true)
            .externalAad(aad)
            .build()
            .sign(PAYLOAD);
    UnverifiedSign1 parsed = UnverifiedSign1.parse(msg);
    assertThat(parsed.payload()).isEmpty();
    Sign1VerifyOptions opts =
        Sign1VerifyOptions.builder().externalAad(aad).detachedPayload(PAYLOAD).build();
    VerifiedSign1 v = parsed.verify(P256.getPublic(), opts);
    assertThat(v.isDetached()).isTrue();
    assertThat(v.payload()).isEqualTo(PAYLOAD);
    assertThatThrownBy(() -> parsed.verify(P256.getPublic()))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("detached");
    Sign1VerifyOptions wrongAad = Sign1VerifyOptions.builder().detachedPayload(PAYLOAD).build();
    assertThatThrownBy(() -> parsed.verify(P256.getPublic(), wrongAad))
        .isInstanceOf(CoseSignatureException.class);
    Sign1VerifyOptions wrongPayload =
        Sign1VerifyOptions.builder().externalAad(aad).detachedPayload(new byte[] {1}).build();
    assertThatThrownBy(() -> parsed.verify(P256.getPublic(), wrongPayload))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void protectedHeaderBytesAreKeptVerbatim() throws Exception {
    byte[] msg =
        Sign1Signer.builder(P256.getPrivate())
            .protectedHeaders(CoseHeaders.builder().put(HeaderLabel.CONTENT_TYPE, 0).build())
            .build()
            .sign(PAYLOAD);
    UnverifiedSign1 parsed = UnverifiedSign1.parse(msg);
    assertThat(parsed.protectedBytes()).isEqualTo(hex("a2 0126 0300"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // nothing
        "d2", // tag without content
        "d2 83 40 a0 40", // 3-element array
        "d2 85 40 a0 40 40 40", // 5-element array
        "d3 84 40 a0 40 40", // tag 19
        "84 40 a0 40 40", // untagged
        "d2 a0", // map instead of array
        "d2 84 a0 a0 40 40", // protected is a map, not bstr
        "d2 84 40 80 40 40", // unprotected is an array
        "d2 84 40 a0 01 40", // payload is an int
        "d2 84 40 a0 40 f6", // signature nil
        "d2 84 40 a0 40 40 00", // trailing byte
        "d2 9f 40 a0 40 40 ff", // indefinite array
        "d2 84 5f 40 ff a0 40 40", // indefinite bstr
        "d2 84 40 a2 0401 0401 40 40", // duplicate key
        "d2 84 40 a1 04 01 40 40", // kid not bstr
        "d2 84 40 a1 f5 01 40 40", // label is true
        "d2 84 41 01 a0 40 40", // protected is not a map
        "d2 84 42 a0 a0 a0 40 40", // protected has trailing bytes
        "d2 84 40 a0 5a 7fffffff 40", // 2 GB byte string prefix
        "d2 84 40 a0 40 5b ffffffffffffffff", // 2^64 byte string prefix
        "d2 9b 0000000100000000", // 2^32 items
        "d2 84 40 a0 58 01 00 40", // non-shortest length
        "d2 84 40 a1 18 04 40 40 40", // non-shortest label
        "d2 84 40 a0 40 f8 10", // simple value 16
        "d2 84 40 a0 40 fc", // reserved AI
        "d2 84 40 a1 63 ff fe fd 01 40 40", // invalid UTF-8 label
        "d2 84 40 a1 3b ffffffffffffffff 01 40 40", // int below -2^63
        "d2 84 41 a0 a1 0126 40 40", // alg in both? (protected empty map + unprot)
      })
  void malformedInputIsAFormatException(String hexInput) {
    assertThatThrownBy(() -> UnverifiedSign1.parse(hex(hexInput)).verify(P256.getPublic()))
        .isInstanceOf(CoseException.class);
  }

  @Test
  void deepNestingIsRejectedWithoutStackOverflow() {
    byte[] deep = new byte[200_000];
    deep[0] = (byte) 0xd2;
    java.util.Arrays.fill(deep, 1, deep.length, (byte) 0x81);
    assertThatThrownBy(() -> UnverifiedSign1.parse(deep))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("nesting");
    byte[] tags = new byte[200_000];
    java.util.Arrays.fill(tags, (byte) 0xc1);
    assertThatThrownBy(() -> UnverifiedSign1.parse(tags)).isInstanceOf(CoseFormatException.class);
  }

  @Test
  void hugeNumbersOfTinyItemsAreRejectedCheaply() {
    byte[] many = new byte[CoseParseOptions.DEFAULT_MAX_BYTES - 16];
    many[0] = (byte) 0xd2;
    many[1] = (byte) 0x9a; // array of 2^24 items, each a one-byte integer 0
    many[2] = 0x01;
    assertThatThrownBy(() -> UnverifiedSign1.parse(many))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("data items");
  }

  @Test
  void outOfRangeTimesAreFormatErrors() throws Exception {
    HeaderLabel t = HeaderLabel.of("t");
    // {"t": 1(2^62)}
    CoseHeaders h = CoseHeaders.builder().putEncoded(t, hex("c1 1b 4000000000000000")).build();
    assertThatThrownBy(() -> h.time(t))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("out of range");
    CoseHeaders ok = CoseHeaders.builder().putEncoded(t, hex("c1 1a 5f5e1000")).build();
    assertThat(ok.time(t)).contains(java.time.Instant.ofEpochSecond(0x5f5e1000L));
    CoseHeaders tag0 = CoseHeaders.builder().putEncoded(t, hex("c0 61 78")).build();
    assertThatThrownBy(() -> tag0.time(t)).isInstanceOf(CoseFormatException.class);
  }

  @Test
  void untaggedOnlyWhenOptedIn() throws Exception {
    byte[] msg = Sign1Signer.builder(P256.getPrivate()).tagged(false).build().sign(PAYLOAD);
    assertThatThrownBy(() -> UnverifiedSign1.parse(msg)).isInstanceOf(CoseFormatException.class);
    CoseParseOptions opts = CoseParseOptions.builder().allowUntagged(true).build();
    assertThat(UnverifiedSign1.parse(msg, opts).verify(P256.getPublic()).payload())
        .isEqualTo(PAYLOAD);
  }

  @Test
  void oversizedInputIsRejectedBeforeDecoding() throws Exception {
    byte[] msg = Sign1Signer.builder(P256.getPrivate()).build().sign(new byte[1000]);
    CoseParseOptions small = CoseParseOptions.builder().maxBytes(100).build();
    assertThatThrownBy(() -> UnverifiedSign1.parse(msg, small))
        .isInstanceOf(CoseFormatException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void unsupportedKeysAreRejected() {
    KeyPair rsa1024 = TestCertificate.rsaKeyPair(1024);
    assertThatThrownBy(() -> CoseAlgorithm.forKey(rsa1024.getPublic()))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("1024");
    KeyPair p224 = TestCertificate.ecKeyPair("secp224r1");
    assertThatThrownBy(() -> CoseAlgorithm.forKey(p224.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
    // same field size as P-256, but not P-256: must not pass as ES256
    KeyPair k1 = TestCertificate.ecKeyPair("secp256k1");
    assertThatThrownBy(() -> CoseAlgorithm.forKey(k1.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
    KeyPair brainpool = TestCertificate.ecKeyPair("brainpoolP256r1");
    assertThatThrownBy(() -> CoseAlgorithm.forKey(brainpool.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void wrongLengthEcdsaSignatureIsRejected() throws Exception {
    byte[] msg = Sign1Signer.builder(P256.getPrivate()).build().sign(PAYLOAD);
    UnverifiedSign1 p = UnverifiedSign1.parse(msg);
    // re-wrap with a 63-byte signature
    byte[] prot = p.protectedBytes();
    String h =
        "d284"
            + "43"
            + HEX.formatHex(prot)
            + "a0"
            + "45"
            + HEX.formatHex(PAYLOAD)
            + "583f"
            + HEX.formatHex(java.util.Arrays.copyOf(p.signature(), 63));
    assertThatThrownBy(() -> UnverifiedSign1.parse(hex(h)).verify(P256.getPublic()))
        .isInstanceOf(CoseSignatureException.class)
        .hasMessageContaining("64 bytes");
  }
}
