package dev.ocitrust.cose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.cose.internal.JwsFlattened;
import dev.ocitrust.cose.internal.SignatureOps;
import dev.ocitrust.cose.internal.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Notary Project JWS envelope ({@code signature-envelope-jws.md}) on top of the flattened
 * serialization: the protected header's rules, the signature over the JWS signing input, and the
 * header this SDK writes. Package-private: {@link NotaryEnvelopeVerifier} and {@link
 * NotaryEnvelopeSigner} are the API.
 *
 * <p>Thread-safe: stateless.
 */
final class JwsEnvelopeCodec {
  static final String ALG = "alg";
  static final String CTY = "cty";
  static final String CRIT = "crit";
  static final String SIGNING_SCHEME = NotaryHeaders.SIGNING_SCHEME.textValue();
  static final String SIGNING_TIME = NotaryHeaders.SIGNING_TIME.textValue();
  static final String AUTHENTIC_SIGNING_TIME = NotaryHeaders.AUTHENTIC_SIGNING_TIME.textValue();
  static final String EXPIRY = NotaryHeaders.EXPIRY.textValue();

  /** The JWS algorithms of the spec's table: no other {@code alg} is accepted. */
  static final List<CoseAlgorithm> ALGORITHMS =
      List.of(
          CoseAlgorithm.PS256,
          CoseAlgorithm.PS384,
          CoseAlgorithm.PS512,
          CoseAlgorithm.ES256,
          CoseAlgorithm.ES384,
          CoseAlgorithm.ES512);

  /** Header names registered for JWS (RFC 7515 §4.1, RFC 7797): never extended attributes. */
  private static final Set<String> REGISTERED =
      Set.of(ALG, "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", CTY, CRIT, "b64");

  /** The Notary headers this codec processes itself. */
  private static final Set<String> NOTARY =
      Set.of(SIGNING_SCHEME, SIGNING_TIME, AUTHENTIC_SIGNING_TIME, EXPIRY);

  /** RFC 3339 date-time, upper-case T and Z as Go writes them; fractional seconds allowed. */
  private static final Pattern RFC3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  private JwsEnvelopeCodec() {}

  /** Checks and verifies a JWS envelope; see {@link NotaryEnvelopeVerifier#verify}. */
  static VerifiedNotaryEnvelope verify(byte[] envelope, Set<String> understood)
      throws CoseException {
    JwsFlattened jws = JwsFlattened.parse(envelope);
    ObjectNode prot = jws.protectedHeader();
    List<X509Certificate> chain = NotaryCertificates.parse(jws.x5c());
    for (Map.Entry<String, JsonNode> e : prot.properties()) {
      String name = e.getKey();
      if (REGISTERED.contains(name)
          && !name.equals(ALG)
          && !name.equals(CTY)
          && !name.equals(CRIT)) {
        throw new JwsFormatException(
            "the protected header has the JOSE header \""
                + name
                + "\"; a Notary JWS envelope uses only alg, cty and crit of those");
      }
    }
    List<String> crit = crit(prot, understood);
    String algName = text(prot, ALG).orElseThrow(() -> missing(ALG));
    CoseAlgorithm headerAlg =
        ALGORITHMS.stream()
            .filter(a -> a.name().equals(algName))
            .findFirst()
            .orElseThrow(
                () ->
                    new JwsFormatException(
                        "alg \""
                            + algName
                            + "\" is not one of PS256, PS384, PS512, ES256, ES384, ES512"));
    CoseAlgorithm keyAlg = CoseAlgorithm.forKey(chain.get(0).getPublicKey());
    if (!keyAlg.equals(headerAlg)) {
      throw new CoseSignatureException(
          "alg "
              + headerAlg
              + " of the protected header is not "
              + keyAlg
              + ", the algorithm of the signing certificate's key");
    }
    SignatureOps.verify(keyAlg, chain.get(0).getPublicKey(), jws.signingInput(), jws.signature());

    String cty = text(prot, CTY).orElseThrow(() -> missing(CTY));
    if (!cty.equals(TargetArtifact.PAYLOAD_MEDIA_TYPE)) {
      throw new JwsFormatException(
          "cty must be " + TargetArtifact.PAYLOAD_MEDIA_TYPE + ", found " + cty);
    }
    String schemeValue = text(prot, SIGNING_SCHEME).orElseThrow(() -> missing(SIGNING_SCHEME));
    NotarySigningScheme scheme =
        NotarySigningScheme.fromValue(schemeValue)
            .orElseThrow(
                () -> new JwsFormatException("unsupported signing scheme \"" + schemeValue + "\""));
    requireCritical(crit, SIGNING_SCHEME);
    Optional<Instant> signingTime = time(prot, SIGNING_TIME);
    Optional<Instant> authentic = time(prot, AUTHENTIC_SIGNING_TIME);
    Instant signedAt;
    if (scheme == NotarySigningScheme.X509) {
      if (authentic.isPresent()) {
        throw new JwsFormatException(AUTHENTIC_SIGNING_TIME + " is not allowed with notary.x509");
      }
      signedAt = signingTime.orElseThrow(() -> missing(SIGNING_TIME));
    } else {
      if (signingTime.isPresent()) {
        throw new JwsFormatException(
            SIGNING_TIME + " is not allowed with notary.x509.signingAuthority");
      }
      signedAt = authentic.orElseThrow(() -> missing(AUTHENTIC_SIGNING_TIME));
      requireCritical(crit, AUTHENTIC_SIGNING_TIME);
    }
    Optional<Instant> expiry = time(prot, EXPIRY);
    if (expiry.isPresent()) {
      requireCritical(crit, EXPIRY);
      if (!expiry.get().isAfter(signedAt)) {
        throw new JwsFormatException(
            "expiry " + expiry.get() + " must be after the signing time " + signedAt);
      }
    }
    Map<String, byte[]> extended = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : prot.properties()) {
      if (!REGISTERED.contains(e.getKey()) && !NOTARY.contains(e.getKey())) {
        extended.put(e.getKey(), e.getValue().toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] payload = jws.payload();
    if (payload.length == 0) {
      throw new JwsFormatException("the payload is empty");
    }
    TargetArtifact target = TargetArtifact.fromPayload(payload);
    NotaryCertificates.validateCodeSigningChain(chain, Optional.empty());
    return new VerifiedNotaryEnvelope(
        NotaryEnvelopeFormat.JWS,
        envelope,
        keyAlg,
        scheme,
        signedAt,
        expiry,
        chain,
        target,
        payload,
        jws.signature(),
        jws.signingAgent(),
        jws.timestampToken(),
        extended,
        crit);
  }

  /**
   * The protected header as this SDK writes it: keys sorted, as notation (Go) writes its map; times
   * in whole seconds, UTC.
   */
  static String protectedHeader(
      CoseAlgorithm algorithm,
      NotarySigningScheme scheme,
      Instant signingTime,
      Optional<Instant> expiry,
      Map<String, String> attributes,
      List<String> criticalAttributes) {
    List<String> crit = new ArrayList<>();
    crit.add(SIGNING_SCHEME);
    TreeMap<String, JsonNode> fields = new TreeMap<>();
    JsonNodeFactory f = JsonNodeFactory.instance;
    fields.put(ALG, f.textNode(algorithm.name()));
    fields.put(CTY, f.textNode(TargetArtifact.PAYLOAD_MEDIA_TYPE));
    fields.put(SIGNING_SCHEME, f.textNode(scheme.value()));
    if (scheme == NotarySigningScheme.X509) {
      fields.put(SIGNING_TIME, f.textNode(format(signingTime)));
    } else {
      fields.put(AUTHENTIC_SIGNING_TIME, f.textNode(format(signingTime)));
      crit.add(AUTHENTIC_SIGNING_TIME);
    }
    if (expiry.isPresent()) {
      fields.put(EXPIRY, f.textNode(format(expiry.get())));
      crit.add(EXPIRY);
    }
    attributes.forEach((k, v) -> fields.put(k, f.textNode(v)));
    crit.addAll(criticalAttributes);
    ArrayNode critNode = f.arrayNode();
    crit.forEach(critNode::add);
    fields.put(CRIT, critNode);
    ObjectNode header = f.objectNode();
    header.setAll(fields);
    return StrictBase64.url(header.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String format(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(t.getEpochSecond()));
  }

  private static List<String> crit(ObjectNode prot, Set<String> understood)
      throws JwsFormatException {
    JsonNode node = prot.get(CRIT);
    if (node == null) {
      throw missing(CRIT);
    }
    if (!node.isArray() || node.isEmpty()) {
      throw new JwsFormatException("crit must be a non-empty array of header names");
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw new JwsFormatException("crit must list strings, found " + n.getNodeType());
      }
      String name = n.asText();
      if (!seen.add(name)) {
        throw new JwsFormatException("crit lists \"" + name + "\" twice");
      }
      if (REGISTERED.contains(name)) {
        throw new JwsFormatException(
            "crit lists the registered header \"" + name + "\"; it must list only extensions");
      }
      if (!prot.has(name)) {
        throw new JwsFormatException(
            "\"" + name + "\" is marked critical but not present in the protected header");
      }
      if (!NOTARY.contains(name) && !understood.contains(name)) {
        throw new JwsFormatException("unknown critical header \"" + name + "\"");
      }
      out.add(name);
    }
    return out;
  }

  private static void requireCritical(List<String> crit, String name) throws JwsFormatException {
    if (!crit.contains(name)) {
      throw new JwsFormatException("crit must list " + name);
    }
  }

  private static Optional<String> text(ObjectNode prot, String name) throws JwsFormatException {
    JsonNode v = prot.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new JwsFormatException(
          "protected header " + name + " must be a string, found " + v.getNodeType());
    }
    return Optional.of(v.asText());
  }

  private static Optional<Instant> time(ObjectNode prot, String name) throws JwsFormatException {
    Optional<String> v = text(prot, name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!RFC3339.matcher(v.get()).matches()) {
      throw new JwsFormatException(
          "protected header " + name + " \"" + v.get() + "\" is not an RFC 3339 date-time");
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.get()).toInstant());
    } catch (DateTimeParseException e) {
      throw new JwsFormatException(
          "protected header " + name + " \"" + v.get() + "\" is not an RFC 3339 date-time", e);
    }
  }

  private static JwsFormatException missing(String name) {
    return new JwsFormatException("protected header " + name + " is missing");
  }
}
