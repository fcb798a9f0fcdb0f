package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import java.util.Optional;

/**
 * A statement in the pre-RFC draft format that the archived scitt-api-emulator produced: the CWT
 * claims are a whole signed CWT (a tagged COSE_Sign1) at protected label 14, registration info at
 * 393. It is read for inspection and migration only: it is <em>legacy input</em>, it is never
 * accepted as an RFC 9943 statement, and this class deliberately has no verification method.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * LegacyScittStatement old = LegacyScittStatement.parse(bytes);
 * log.info("legacy statement from {} about {}", old.issuer(), old.subject());
 * }</pre>
 */
public final class LegacyScittStatement {
  private static final HeaderLabel LEGACY_CWT = HeaderLabel.of(14);
  private static final HeaderLabel REG_INFO = HeaderLabel.of(393);

  private final UnverifiedSign1 message;
  private final Optional<String> issuer;
  private final Optional<String> subject;

  private LegacyScittStatement(
      UnverifiedSign1 message, Optional<String> issuer, Optional<String> subject) {
    this.message = message;
    this.issuer = issuer;
    this.subject = subject;
  }

  static boolean looksLegacy(CoseHeaders prot) {
    return prot.contains(LEGACY_CWT) || prot.contains(REG_INFO);
  }

  /**
   * Parses a legacy draft statement.
   *
   * @throws CoseFormatException if the bytes are not a COSE_Sign1 in the legacy format
   */
  public static LegacyScittStatement parse(byte[] statement) throws CoseFormatException {
    UnverifiedSign1 m = UnverifiedSign1.parse(statement);
    CoseHeaders prot = m.protectedHeaders();
    if (!looksLegacy(prot)) {
      throw new CoseFormatException("not a legacy draft statement (no label 14 or 393)");
    }
    Optional<String> iss = Optional.empty();
    Optional<String> sub = Optional.empty();
    Cbor cwt = prot.raw(LEGACY_CWT);
    if (cwt instanceof Cbor.Bytes b) {
      UnverifiedSign1 inner = UnverifiedSign1.parse(b.value());
      byte[] claims =
          inner
              .payload()
              .orElseThrow(() -> new CoseFormatException("legacy CWT at label 14 has no payload"));
      Cbor map = dev.ocitrust.cose.internal.CborDecoder.decode(claims);
      if (map instanceof Cbor.MapItem mi) {
        if (mi.get(new Cbor.Int(1)) instanceof Cbor.Text t) {
          iss = Optional.of(t.value());
        }
        if (mi.get(new Cbor.Int(2)) instanceof Cbor.Text t) {
          sub = Optional.of(t.value());
        }
      }
    } else if (cwt != null) {
      throw new CoseFormatException(
          "legacy label 14 must hold an encoded CWT, found "
              + Cbor.kind(cwt)
              + " of "
              + CborEncoder.encode(cwt).length
              + " bytes");
    }
    return new LegacyScittStatement(m, iss, sub);
  }

  /** Always false: a legacy statement is never a current (RFC 9943) signed statement. */
  public boolean isCurrent() {
    return false;
  }

  /** The issuer from the embedded CWT, if present (unverified). */
  public Optional<String> issuer() {
    return issuer;
  }

  /** The subject from the embedded CWT, if present (unverified). */
  public Optional<String> subject() {
    return subject;
  }

  /** The (unverified) algorithm. */
  public Optional<CoseAlgorithm> algorithm() throws CoseFormatException {
    return message.algorithm();
  }

  /** The (unverified) payload. */
  public Optional<byte[]> payload() {
    return message.payload();
  }

  /** The (unverified) kid. */
  public Optional<byte[]> keyId() throws CoseFormatException {
    return message.protectedHeaders().bytes(HeaderLabel.KID);
  }
}
