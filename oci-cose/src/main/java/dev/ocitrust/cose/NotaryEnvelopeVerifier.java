package dev.ocitrust.cose;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the integrity of a Notary Project signature envelope, COSE or JWS: every rule of {@code
 * signature-envelope-cose.md} (or {@code signature-envelope-jws.md}) and of the signature
 * specification that depends only on the envelope. Trust (which roots, which identities), expiry
 * against the current time and time stamp verification are separate steps on {@link
 * VerifiedNotaryEnvelope}, because they depend on a trust policy and a clock.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: a returned {@link VerifiedNotaryEnvelope} was a tagged COSE_Sign1 whose
 * signature verifies with the key of x5chain[0] under the algorithm that key implies (a header
 * {@code alg} naming another is rejected); cty is the Notary payload type; crit is present, lists
 * the signing scheme, the authentic signing time (signingAuthority scheme) and the expiry (when
 * present), and every critical extended attribute is one the caller declared understood; the
 * scheme's signing-time header is a tag-1 time and the expiry (if any) is after it; the payload is
 * a valid {@code targetArtifact}; the x5chain satisfies the code-signing certificate rules. Nothing
 * is said about whether the chain is trusted. A JWS envelope gives the same guarantees for its
 * headers (RFC 3339 times instead of tag-1 times), and in addition: its JSON had no duplicate key
 * and no member outside the flattened serialization, every base64 value was canonical (one text per
 * byte string), and the signature covers {@code protected '.' payload} exactly as received.
 *
 * <pre>{@code
 * NotaryEnvelopeVerifier verifier = NotaryEnvelopeVerifier.builder().build();
 * VerifiedNotaryEnvelope env = verifier.verify(envelopeBytes);
 * env.checkNotExpired(clock);
 * TargetArtifact target = env.targetArtifact();
 * }</pre>
 */
public final class NotaryEnvelopeVerifier {
  private final Set<String> understood;

  private NotaryEnvelopeVerifier(Set<String> understood) {
    this.understood = Set.copyOf(understood);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies the integrity of {@code envelope} in {@code format}: {@link #verify(byte[])} for COSE;
   * for JWS the same rules on the flattened JWS JSON serialization of {@code
   * signature-envelope-jws.md}, parsed strictly: UTF-8 JSON without duplicate keys or trailing
   * content; only the members payload, protected, header (x5c, io.cncf.notary.timestampSignature,
   * io.cncf.notary.signingAgent) and signature; canonical base64url without padding (base64 for x5c
   * and the time stamp token); of the registered headers only alg (PS256/384/512, ES256/384/512,
   * equal to what the leaf key implies), cty and crit (non-empty, no registered or repeated name,
   * each present); RFC 3339 times; the signature over {@code ASCII(protected '.' payload)}.
   *
   * @throws JwsFormatException if a JWS envelope breaks a rule of its serialization or headers
   * @throws CoseFormatException if a COSE envelope is malformed or breaks a header rule
   * @throws CoseSignatureException if the signature does not verify or alg disagrees with the key
   * @throws CertificateChainException if the chain breaks a certificate rule
   */
  public VerifiedNotaryEnvelope verify(NotaryEnvelopeFormat format, byte[] envelope)
      throws CoseException {
    return switch (format) {
      case COSE -> verify(envelope);
      case JWS -> JwsEnvelopeCodec.verify(envelope, understood);
    };
  }

  /**
   * Verifies the integrity of the COSE envelope {@code envelope}.
   *
   * @throws CoseFormatException if the envelope is malformed or breaks a header rule
   * @throws CoseSignatureException if the signature does not verify or alg disagrees with the key
   * @throws CertificateChainException if x5chain breaks a certificate rule
   */
  public VerifiedNotaryEnvelope verify(byte[] envelope) throws CoseException {
    UnverifiedSign1 msg = UnverifiedSign1.parse(envelope);
    CoseHeaders prot = msg.protectedHeaders();
    CoseHeaders unprot = msg.unprotectedHeaders();
    Optional<List<byte[]>> x5 = unprot.bytesList(HeaderLabel.X5CHAIN);
    if (x5.isEmpty()) {
      x5 = prot.bytesList(HeaderLabel.X5CHAIN);
    }
    List<X509Certificate> chain =
        NotaryCertificates.parse(
            x5.orElseThrow(() -> new CoseFormatException("x5chain (33) is missing")));

    List<HeaderLabel> crit =
        prot.labelList(HeaderLabel.CRIT)
            .orElseThrow(
                () -> new CoseFormatException("crit (2) is missing from the protected header"));
    Set<HeaderLabel> understoodLabels = new HashSet<>();
    for (HeaderLabel l : crit) {
      if (!l.isText()) {
        throw new CoseFormatException("crit must not list integer label " + l);
      }
      if (NotaryHeaders.RESERVED_PROTECTED.contains(l) || understood.contains(l.textValue())) {
        understoodLabels.add(l);
      } else {
        throw new CoseFormatException("unknown critical extended attribute " + l);
      }
    }
    // the algorithm is the one the leaf key implies; without a detached payload, a nil payload
    // fails here
    VerifiedSign1 v =
        msg.verify(
            chain.get(0).getPublicKey(),
            Sign1VerifyOptions.builder().understoodCriticalLabels(understoodLabels).build());

    String cty =
        prot.text(HeaderLabel.CONTENT_TYPE)
            .orElseThrow(() -> new CoseFormatException("content type (3) is missing"));
    if (!cty.equals(TargetArtifact.PAYLOAD_MEDIA_TYPE)) {
      throw new CoseFormatException(
          "content type must be " + TargetArtifact.PAYLOAD_MEDIA_TYPE + ", found " + cty);
    }
    String schemeValue =
        prot.text(NotaryHeaders.SIGNING_SCHEME)
            .orElseThrow(() -> new CoseFormatException("io.cncf.notary.signingScheme is missing"));
    NotarySigningScheme scheme =
        NotarySigningScheme.fromValue(schemeValue)
            .orElseThrow(
                () ->
                    new CoseFormatException("unsupported signing scheme \"" + schemeValue + "\""));
    requireCritical(crit, NotaryHeaders.SIGNING_SCHEME);
    Instant signingTime;
    if (scheme == NotarySigningScheme.X509) {
      if (prot.contains(NotaryHeaders.AUTHENTIC_SIGNING_TIME)) {
        throw new CoseFormatException("authenticSigningTime is not allowed with notary.x509");
      }
      signingTime =
          prot.time(NotaryHeaders.SIGNING_TIME)
              .orElseThrow(() -> new CoseFormatException("io.cncf.notary.signingTime is missing"));
    } else {
      if (prot.contains(NotaryHeaders.SIGNING_TIME)) {
        throw new CoseFormatException(
            "signingTime is not allowed with notary.x509.signingAuthority");
      }
      signingTime =
          prot.time(NotaryHeaders.AUTHENTIC_SIGNING_TIME)
              .orElseThrow(
                  () -> new CoseFormatException("io.cncf.notary.authenticSigningTime is missing"));
      requireCritical(crit, NotaryHeaders.AUTHENTIC_SIGNING_TIME);
    }
    Optional<Instant> expiry = prot.time(NotaryHeaders.EXPIRY);
    if (expiry.isPresent()) {
      requireCritical(crit, NotaryHeaders.EXPIRY);
      if (!expiry.get().isAfter(signingTime)) {
        throw new CoseFormatException(
            "expiry " + expiry.get() + " must be after the signing time " + signingTime);
      }
    }
    Map<String, byte[]> extended = new LinkedHashMap<>();
    for (HeaderLabel l : prot.labels()) {
      if (!NotaryHeaders.RESERVED_PROTECTED.contains(l) && l.isText()) {
        extended.put(l.textValue(), prot.encoded(l).orElseThrow());
      }
    }
    Optional<String> agent = unprot.text(NotaryHeaders.SIGNING_AGENT);
    Optional<byte[]> token = unprot.bytes(NotaryHeaders.TIMESTAMP_SIGNATURE);
    byte[] payload = v.payload();
    if (payload.length == 0) {
      throw new CoseFormatException("the payload is empty");
    }
    TargetArtifact target = TargetArtifact.fromPayload(payload);
    byte[] signature = msg.signature();
    NotaryCertificates.validateCodeSigningChain(chain, Optional.empty());
    List<String> critNames = new ArrayList<>();
    crit.forEach(l -> critNames.add(l.textValue()));
    return new VerifiedNotaryEnvelope(
        NotaryEnvelopeFormat.COSE,
        envelope,
        v.algorithm(),
        scheme,
        signingTime,
        expiry,
        chain,
        target,
        payload,
        signature,
        agent,
        token,
        extended,
        critNames);
  }

  private static void requireCritical(List<HeaderLabel> crit, HeaderLabel label)
      throws CoseFormatException {
    if (!crit.contains(label)) {
      throw new CoseFormatException("crit must list " + label);
    }
  }

  /** Builds a {@link NotaryEnvelopeVerifier}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> understood = new HashSet<>();

    private Builder() {}

    /**
     * Critical extended attributes the caller processes after verification (for example {@code
     * io.cncf.notary.verificationPlugin} when a plugin is run). Any other critical extended
     * attribute makes verification fail.
     */
    public Builder understoodExtendedAttributes(Collection<String> names) {
      understood.addAll(names);
      return this;
    }

    /** The verifier. */
    public NotaryEnvelopeVerifier build() {
      return new NotaryEnvelopeVerifier(understood);
    }
  }
}
