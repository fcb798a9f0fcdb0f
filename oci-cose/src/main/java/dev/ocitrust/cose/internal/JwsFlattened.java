package dev.ocitrust.cose.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.cose.JwsFormatException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flattened JWS JSON serialization (RFC 7515 §7.2.2) of a Notary Project envelope ({@code
 * signature-envelope-jws.md}): exactly the members {@code payload}, {@code protected}, {@code
 * header} and {@code signature}; {@code header} holds only {@code x5c} (required, standard base64
 * DER certificates), {@code io.cncf.notary.timestampSignature} (standard base64 RFC 3161 token) and
 * {@code io.cncf.notary.signingAgent}. The protected header is a JSON object without duplicate
 * keys, and shares no name with the unprotected one.
 *
 * <p>Immutable and thread-safe.
 */
public final class JwsFlattened {
  /** The unprotected header member of the x5chain. */
  public static final String X5C = "x5c";

  /** The unprotected header member of the time stamp token. */
  public static final String TIMESTAMP_SIGNATURE = "io.cncf.notary.timestampSignature";

  /** The unprotected header member of the signing agent. */
  public static final String SIGNING_AGENT = "io.cncf.notary.signingAgent";

  private static final Set<String> MEMBERS = Set.of("payload", "protected", "header", "signature");
  private static final Set<String> UNPROTECTED = Set.of(X5C, TIMESTAMP_SIGNATURE, SIGNING_AGENT);

  private final String protectedText;
  private final String payloadText;
  private final ObjectNode protectedHeader;
  private final byte[] payload;
  private final byte[] signature;
  private final List<byte[]> x5c;
  private final Optional<byte[]> timestampToken;
  private final Optional<String> signingAgent;

  private JwsFlattened(
      String protectedText,
      String payloadText,
      ObjectNode protectedHeader,
      byte[] payload,
      byte[] signature,
      List<byte[]> x5c,
      Optional<byte[]> timestampToken,
      Optional<String> signingAgent) {
    this.protectedText = protectedText;
    this.payloadText = payloadText;
    this.protectedHeader = protectedHeader;
    this.payload = payload;
    this.signature = signature;
    this.x5c = List.copyOf(x5c);
    this.timestampToken = timestampToken;
    this.signingAgent = signingAgent;
  }

  /** The decoded protected header (a copy). */
  public ObjectNode protectedHeader() {
    return protectedHeader.deepCopy();
  }

  /** The decoded payload (a copy). */
  public byte[] payload() {
    return payload.clone();
  }

  /** The decoded signature (a copy). */
  public byte[] signature() {
    return signature.clone();
  }

  /** The DER certificates of {@code x5c}, leaf first (copies). */
  public List<byte[]> x5c() {
    return x5c.stream().map(byte[]::clone).toList();
  }

  /** The RFC 3161 token, if any (a copy). */
  public Optional<byte[]> timestampToken() {
    return timestampToken.map(byte[]::clone);
  }

  /** The signing agent, if any. */
  public Optional<String> signingAgent() {
    return signingAgent;
  }

  /** The JWS signing input, {@code ASCII(protected '.' payload)}. */
  public byte[] signingInput() {
    return signingInput(protectedText, payloadText);
  }

  /** The protected header's {@code alg}, if it is a string (no copy of the header). */
  public Optional<String> alg() {
    JsonNode alg = protectedHeader.get("alg");
    return alg != null && alg.isTextual() ? Optional.of(alg.asText()) : Optional.empty();
  }

  /** The DER bytes of {@code x5c[0]}, the signing certificate (a copy). */
  public byte[] leafCertificate() {
    return x5c.get(0).clone();
  }

  /** The JWS signing input of the two base64url texts. */
  public static byte[] signingInput(String protectedText, String payloadText) {
    return (protectedText + "." + payloadText).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses and checks the serialization; nothing is verified.
   *
   * @throws JwsFormatException naming the member that breaks a rule
   */
  public static JwsFlattened parse(byte[] envelope) throws JwsFormatException {
    JsonNode root = StrictJsonText.read(envelope, "the JWS envelope");
    if (!root.isObject()) {
      throw new JwsFormatException(
          "the JWS envelope must be a JSON object (the flattened JSON serialization), found "
              + root.getNodeType());
    }
    for (String name : names(root)) {
      if (!MEMBERS.contains(name)) {
        throw new JwsFormatException(
            "the JWS envelope has the member \""
                + name
                + "\"; the flattened serialization of a Notary signature has only payload,"
                + " protected, header and signature");
      }
    }
    String protectedText = text(root, "protected", "the JWS envelope");
    String payloadText = text(root, "payload", "the JWS envelope");
    String signatureText = text(root, "signature", "the JWS envelope");
    byte[] protectedBytes = StrictBase64.fromUrl(protectedText, "\"protected\"");
    JsonNode prot = StrictJsonText.read(protectedBytes, "the JWS protected header");
    if (!(prot instanceof ObjectNode protectedHeader)) {
      throw new JwsFormatException("the JWS protected header must be a JSON object");
    }
    byte[] payload = StrictBase64.fromUrl(payloadText, "\"payload\"");
    byte[] signature = StrictBase64.fromUrl(signatureText, "\"signature\"");
    if (signature.length == 0) {
      throw new JwsFormatException("\"signature\" is empty");
    }
    JsonNode header = root.get("header");
    if (header == null || !header.isObject()) {
      throw new JwsFormatException(
          "the JWS envelope needs the unprotected \"header\" object (it carries x5c)");
    }
    for (String name : names(header)) {
      if (!UNPROTECTED.contains(name)) {
        throw new JwsFormatException(
            "the JWS unprotected header has \""
                + name
                + "\"; a Notary signature's has only "
                + X5C
                + ", "
                + TIMESTAMP_SIGNATURE
                + " and "
                + SIGNING_AGENT);
      }
      if (protectedHeader.has(name)) {
        throw new JwsFormatException(
            "\"" + name + "\" is in both the protected and the unprotected header");
      }
    }
    JsonNode chain = header.get(X5C);
    if (chain == null || !chain.isArray() || chain.isEmpty()) {
      throw new JwsFormatException(
          "header.x5c must be a non-empty array of base64 DER certificates");
    }
    List<byte[]> certificates = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      JsonNode c = chain.get(i);
      String where = "header.x5c[" + i + "]";
      if (!c.isTextual()) {
        throw new JwsFormatException(where + " must be a string, found " + c.getNodeType());
      }
      certificates.add(StrictBase64.fromStd(c.asText(), where));
    }
    Optional<byte[]> token = Optional.empty();
    if (header.has(TIMESTAMP_SIGNATURE)) {
      byte[] t =
          StrictBase64.fromStd(
              text(header, TIMESTAMP_SIGNATURE, "header"), "header." + TIMESTAMP_SIGNATURE);
      if (t.length == 0) {
        throw new JwsFormatException("header." + TIMESTAMP_SIGNATURE + " is empty");
      }
      token = Optional.of(t);
    }
    Optional<String> agent =
        header.has(SIGNING_AGENT)
            ? Optional.of(text(header, SIGNING_AGENT, "header"))
            : Optional.empty();
    return new JwsFlattened(
        protectedText,
        payloadText,
        protectedHeader,
        payload,
        signature,
        certificates,
        token,
        agent);
  }

  /**
   * Encodes the serialization: members in the order payload, protected, header, signature (as
   * notation writes them).
   */
  public static byte[] encode(
      String protectedText,
      String payloadText,
      byte[] signature,
      List<byte[]> x5c,
      Optional<byte[]> timestampToken,
      Optional<String> signingAgent) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("payload", payloadText);
    root.put("protected", protectedText);
    ObjectNode header = root.putObject("header");
    ArrayNode chain = header.putArray(X5C);
    x5c.forEach(c -> chain.add(StrictBase64.std(c)));
    timestampToken.ifPresent(t -> header.put(TIMESTAMP_SIGNATURE, StrictBase64.std(t)));
    signingAgent.ifPresent(a -> header.put(SIGNING_AGENT, a));
    root.put("signature", StrictBase64.url(signature));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.add(e.getKey());
    }
    return out;
  }

  private static String text(JsonNode object, String name, String where) throws JwsFormatException {
    JsonNode v = object.get(name);
    if (v == null) {
      throw new JwsFormatException(where + " has no \"" + name + "\"");
    }
    if (!v.isTextual()) {
      throw new JwsFormatException(
          where + "." + name + " must be a string, found " + v.getNodeType());
    }
    return v.asText();
  }
}
