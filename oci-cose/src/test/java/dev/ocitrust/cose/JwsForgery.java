package dev.ocitrust.cose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.cose.internal.SignatureOps;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Test support: rewrites parts of a JWS envelope and signs the result again with the real key, so
 * that a rule of the parser is the only thing between the forgery and a valid envelope.
 */
final class JwsForgery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ObjectNode root;
  private final PrivateKey key;
  private final CoseAlgorithm algorithm;

  JwsForgery(byte[] envelope, PrivateKey key, CoseAlgorithm algorithm) throws Exception {
    this.root = (ObjectNode) JSON.readTree(envelope);
    this.key = key;
    this.algorithm = algorithm;
  }

  static String url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String url(String s) {
    return url(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] fromUrl(String s) {
    return Base64.getUrlDecoder().decode(s);
  }

  /** The decoded protected header. */
  ObjectNode protectedHeader() throws Exception {
    return (ObjectNode) JSON.readTree(fromUrl(root.get("protected").asText()));
  }

  /** The whole envelope as a mutable tree. */
  ObjectNode root() {
    return root;
  }

  /** Changes the protected header and signs again. */
  JwsForgery header(Consumer<ObjectNode> change) throws Exception {
    ObjectNode h = protectedHeader();
    change.accept(h);
    return protectedText(h.toString());
  }

  /** Sets the protected header to exactly {@code json} and signs again. */
  JwsForgery protectedText(String json) throws Exception {
    return signed(url(json), root.get("payload").asText());
  }

  /** Sets the payload to exactly {@code json} and signs again. */
  JwsForgery payloadText(String json) throws Exception {
    return signed(root.get("protected").asText(), url(json));
  }

  /** Sets the base64url members as given and signs {@code protected.payload} as given. */
  JwsForgery signed(String protectedB64, String payloadB64) throws Exception {
    byte[] input = (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
    byte[] sig = SignatureOps.sign(algorithm, key, input, new SecureRandom());
    root.put("protected", protectedB64);
    root.put("payload", payloadB64);
    root.put("signature", url(sig));
    return this;
  }

  byte[] bytes() {
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
