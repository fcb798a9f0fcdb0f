package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
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
 * ScittStatement s = ScittStatement.parse(bytes);
 * PublicKey key = keysByIssuer.get(s.claims().issuer());
 * VerifiedScittStatement v = s.verify(key);
 * }</pre>
 */
public final class ScittStatement {
  private final byte[] bytes;
  private final UnverifiedSign1 message;
  private final CwtClaims claims;
  private final List<X509Certificate> chain;

  private ScittStatement(
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
  public static ScittStatement parse(byte[] statement) throws CoseFormatException {
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
    return new ScittStatement(statement, m, claims, chain);
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
   * Verifies with the key of the protected x5chain's leaf. Whether that chain is trusted is the
   * caller's decision.
   *
   * @throws CoseFormatException if the statement has no x5chain
   */
  public VerifiedScittStatement verifyWithCertificateChain(Sign1VerifyOptions options)
      throws CoseException {
    if (chain.isEmpty()) {
      throw new CoseFormatException("the statement has no x5chain");
    }
    return verify(chain.get(0).getPublicKey(), options);
  }
}
