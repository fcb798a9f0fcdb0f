package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, not yet verified SCITT signed statement (RFC 9943). Parsing requires a tagged
 * COSE_Sign1 with {@code alg}, CWT claims (15) holding text {@code iss} and {@code sub} (and an
 * integer {@code iat} if present) and a key reference ({@code kid}, {@code x5chain} or {@code x5t})
 * in the protected header; with an X.509 reference, {@code iss} must be a URI. Statements in the
 * pre-RFC draft format (CWT at label 14, Reg_Info at 393) are refused: read them with {@link
 * LegacyScittStatement}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * UnverifiedScittStatement s = UnverifiedScittStatement.parse(bytes);
 * PublicKey key = keysByIssuer.get(s.claims().issuer());
 * VerifiedScittStatement v = s.verify(key);
 * }</pre>
 */
public final class UnverifiedScittStatement {
  private final byte[] bytes;
  private final UnverifiedSign1 message;
  private final CwtClaims claims;
  private final List<X509Certificate> chain;

  private UnverifiedScittStatement(
      byte[] bytes, UnverifiedSign1 message, CwtClaims claims, List<X509Certificate> chain) {
    this.bytes = bytes.clone();
    this.message = message;
    this.claims = claims;
    this.chain = chain;
  }

  /**
   * Parses a signed statement.
   *
   * @throws CoseFormatException if it is not a well-formed RFC 9943 signed statement, or its
   *     protected x5chain does not parse as DER certificates
   */
  public static UnverifiedScittStatement parse(byte[] statement) throws CoseFormatException {
    UnverifiedSign1 m = UnverifiedSign1.parse(statement);
    CoseHeaders prot = m.protectedHeaders();
    if (LegacyScittStatement.looksLegacy(prot)) {
      throw new CoseFormatException(
          "this is a legacy draft SCITT statement (CWT at label 14 or"
              + " Reg_Info at 393), not an RFC 9943 signed statement");
    }
    if (m.algorithm().isEmpty()) {
      throw new CoseFormatException("alg (1) is missing");
    }
    Cbor cwtClaims = prot.raw(HeaderLabel.CWT_CLAIMS);
    if (cwtClaims == null) {
      throw new CoseFormatException("CWT claims (15) are missing from the protected header");
    }
    CwtClaims claims = CwtClaims.fromCbor(cwtClaims);
    boolean x509 = prot.contains(HeaderLabel.X5CHAIN) || prot.contains(HeaderLabel.X5T);
    if (!x509 && !prot.contains(HeaderLabel.KID)) {
      throw new CoseFormatException(
          "a signed statement needs kid (4), x5chain (33) or x5t (34) in the protected header");
    }
    if (x509 && !ScittStatementSigner.isUri(claims.issuer())) {
      throw new CoseFormatException(
          "with an X.509 key reference iss must be a URI, found \"" + claims.issuer() + "\"");
    }
    Optional<List<byte[]>> x5 = prot.bytesList(HeaderLabel.X5CHAIN);
    List<X509Certificate> chain;
    try {
      chain = x5.isEmpty() ? List.of() : NotaryCertificates.parse(x5.get());
    } catch (CertificateChainException e) {
      throw new CoseFormatException("x5chain (33): " + e.getMessage(), e);
    }
    return new UnverifiedScittStatement(statement, m, claims, chain);
  }

  /** The (unverified) CWT claims. */
  public CwtClaims claims() {
    return claims;
  }

  /** The (unverified) content type, when it is text. */
  public Optional<String> contentType() throws CoseFormatException {
    CoseHeaders prot = message.protectedHeaders();
    return prot.raw(HeaderLabel.CONTENT_TYPE) instanceof dev.ocitrust.cose.internal.Cbor.Int
        ? Optional.empty()
        : prot.text(HeaderLabel.CONTENT_TYPE);
  }

  /** The key identifier, if the statement names its key by kid. */
  public Optional<byte[]> keyId() throws CoseFormatException {
    return message.protectedHeaders().bytes(HeaderLabel.KID);
  }

  /** The protected x5chain, parsed, leaf first (empty if the statement uses kid). */
  public List<X509Certificate> certificateChain() throws CoseException {
    return chain;
  }

  /**
   * The RFC 3161 time stamp token over the signature, from the unprotected header ({@link
   * HeaderLabel#TIMESTAMP_AFTER_SIGNATURE}), if the statement carries one.
   *
   * @throws CoseFormatException if the header is there but not a byte string
   */
  public Optional<byte[]> timestampToken() throws CoseFormatException {
    return message.unprotectedHeaders().bytes(HeaderLabel.TIMESTAMP_AFTER_SIGNATURE);
  }

  /**
   * Verifies the time stamp token over this statement's signature bytes with {@code verifier} (the
   * TSA roots the caller trusts), and that every x5chain certificate was valid over the whole
   * interval {@code [genTime - accuracy, genTime + accuracy]}. The token proves the signature
   * existed at that time; whether the signature itself verifies is {@link
   * #verifyWithCertificateChain}'s business.
   *
   * @throws TimestampException if there is no token, it does not verify, or the chain was not valid
   *     at the stamped time
   * @throws CoseFormatException if the time stamp header is malformed
   */
  public VerifiedTimestamp verifyTimestamp(TimestampVerifier verifier) throws CoseException {
    byte[] token =
        timestampToken()
            .orElseThrow(
                () -> new TimestampException("the statement carries no RFC 3161 time stamp"));
    VerifiedTimestamp ts = verifier.verify(token, message.signature());
    NotaryCertificates.checkTimestampWithinValidity(chain, ts);
    return ts;
  }

  /** The underlying COSE message. */
  public UnverifiedSign1 message() {
    return message;
  }

  /** Verifies an attached-payload statement with {@code key}. */
  public VerifiedScittStatement verify(PublicKey key) throws CoseException {
    return verify(key, Sign1VerifyOptions.defaults());
  }

  /**
   * Verifies with {@code key} and options (e.g. the detached payload).
   *
   * @throws CoseException if the signature does not verify
   */
  public VerifiedScittStatement verify(PublicKey key, Sign1VerifyOptions options)
      throws CoseException {
    // the statement layer itself processes CWT claims and the key references
    VerifiedSign1 v =
        message.verify(
            key,
            options.toBuilder()
                .understoodCriticalLabels(
                    List.of(
                        HeaderLabel.CWT_CLAIMS,
                        HeaderLabel.X5CHAIN,
                        HeaderLabel.KID,
                        HeaderLabel.CONTENT_TYPE))
                .build());
    return new VerifiedScittStatement(bytes, v, claims, contentType(), chain, keyId());
  }

  /**
   * Verifies with the key of the protected x5chain's leaf, once the chain is shown to be trusted:
   * it follows the Notary Project code-signing chain rules (each certificate issued by the next, CA
   * constraints, key usages, no SHA-1, supported keys), every certificate of it is valid at {@code
   * validAt}, and one of its certificates is among {@code trustedCertificates} (compared by their
   * DER encoding, as notation compares a chain with its trust store). Which certificates are
   * trusted and which time applies (the signed {@code iat}, or an authentic time stamp) are the
   * caller's policy; whether the leaf may speak for {@code iss} is too.
   *
   * @throws CoseFormatException if the statement has no x5chain
   * @throws CertificateChainException if the chain breaks a rule, is not valid at {@code validAt}
   *     or holds no trusted certificate
   * @throws CoseSignatureException if the signature does not verify with the leaf's key
   */
  public VerifiedScittStatement verifyWithCertificateChain(
      Collection<X509Certificate> trustedCertificates, Instant validAt, Sign1VerifyOptions options)
      throws CoseException {
    if (chain.isEmpty()) {
      throw new CoseFormatException("the statement has no x5chain");
    }
    NotaryCertificates.validateCodeSigningChain(chain, Optional.of(validAt));
    // Certificate.equals compares the encoded forms
    if (chain.stream().noneMatch(trustedCertificates::contains)) {
      throw new CertificateChainException(
          "no certificate of the statement's x5chain (leaf \""
              + NotaryCertificates.subject(chain.get(0))
              + "\") is trusted");
    }
    return verify(chain.get(0).getPublicKey(), options);
  }
}
