package dev.ocitrust.cose;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A SCITT signed statement whose signature {@link UnverifiedScittStatement#verify} checked. Only
 * that method creates one.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: the payload, content type, key reference and CWT claims were signed by
 * the key given to {@code verify}. Whether that key (or its x5chain) may speak for {@code iss} is
 * the caller's policy decision.
 *
 * <pre>{@code
 * VerifiedScittStatement v = UnverifiedScittStatement.parse(bytes).verify(key);
 * if (v.claims().subject().equals(expectedSub)) { use(v.payload()); }
 * }</pre>
 */
public final class VerifiedScittStatement {
  private final byte[] statement;
  private final VerifiedSign1 message;
  private final CwtClaims claims;
  private final Optional<String> contentType;
  private final List<X509Certificate> chain;
  private final byte[] kid;

  VerifiedScittStatement(
      byte[] statement,
      VerifiedSign1 message,
      CwtClaims claims,
      Optional<String> contentType,
      List<X509Certificate> chain,
      Optional<byte[]> kid) {
    this.statement = statement.clone();
    this.message = message;
    this.claims = claims;
    this.contentType = contentType;
    this.chain = List.copyOf(chain);
    this.kid = kid.orElse(new byte[0]).clone();
  }

  /** The statement bytes as verified (a copy). */
  public byte[] statement() {
    return statement.clone();
  }

  /** The signed CWT claims. */
  public CwtClaims claims() {
    return claims;
  }

  /** The signed content type, when it is text. */
  public Optional<String> contentType() {
    return contentType;
  }

  /** The payload (a copy). */
  public byte[] payload() {
    return message.payload();
  }

  /** The signed x5chain, leaf first (empty for kid statements). */
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  /** The signed kid, if any (a copy). */
  public Optional<byte[]> keyId() {
    return kid.length == 0 ? Optional.empty() : Optional.of(kid.clone());
  }

  /** The verified COSE message. */
  public VerifiedSign1 message() {
    return message;
  }
}
