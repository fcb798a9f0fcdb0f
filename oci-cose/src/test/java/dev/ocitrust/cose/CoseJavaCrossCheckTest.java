package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import COSE.AlgorithmID;
import COSE.Attribute;
import COSE.HeaderKeys;
import COSE.Message;
import COSE.MessageTag;
import COSE.OneKey;
import COSE.Sign1Message;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the COSE_Sign1 codec against cose-java 1.1.0, an independent implementation: what we
 * sign, cose-java verifies; what cose-java signs, we verify; a flipped byte fails in both.
 */
class CoseJavaCrossCheckTest {
  private static final byte[] PAYLOAD =
      "{\"targetArtifact\":{\"mediaType\":\"a/b\"}}".getBytes(StandardCharsets.UTF_8);

  @Test
  void coseJavaVerifiesOurEs256Messages() throws Exception {
    KeyPair keys = TestCertificate.ecKeyPair("secp256r1");
    byte[] ours = Sign1Signer.builder(keys.getPrivate()).build().sign(PAYLOAD);
    Sign1Message theirs = (Sign1Message) Message.DecodeFromBytes(ours, MessageTag.Sign1);
    assertThat(theirs.validate(new OneKey(keys.getPublic(), null))).isTrue();
    assertThat(theirs.GetContent()).isEqualTo(PAYLOAD);

    byte[] tampered = ours.clone();
    tampered[tampered.length - 5] ^= 1;
    Sign1Message bad = (Sign1Message) Message.DecodeFromBytes(tampered, MessageTag.Sign1);
    assertThat(bad.validate(new OneKey(keys.getPublic(), null))).isFalse();
  }

  @Test
  void weVerifyEs256MessagesSignedByCoseJava() throws Exception {
    KeyPair keys = TestCertificate.ecKeyPair("secp256r1");
    Sign1Message theirs = new Sign1Message();
    theirs.addAttribute(HeaderKeys.Algorithm, AlgorithmID.ECDSA_256.AsCBOR(), Attribute.PROTECTED);
    theirs.SetContent(PAYLOAD);
    theirs.sign(new OneKey(keys.getPublic(), keys.getPrivate()));
    byte[] bytes = theirs.EncodeToBytes();

    VerifiedSign1 verified = UnverifiedSign1.parse(bytes).verify(keys.getPublic());
    assertThat(verified.payload()).isEqualTo(PAYLOAD);
    assertThat(verified.algorithm()).isEqualTo(CoseAlgorithm.ES256);

    byte[] tampered = bytes.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> UnverifiedSign1.parse(tampered).verify(keys.getPublic()))
        .isInstanceOf(CoseSignatureException.class);
  }
}
