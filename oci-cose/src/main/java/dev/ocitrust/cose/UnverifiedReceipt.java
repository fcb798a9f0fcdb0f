package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed, not yet verified COSE Receipt (RFC 9942): a tagged COSE_Sign1 with {@code alg} and
 * {@code vds} (395) in the protected header, proofs in {@code vdp} (396) in the unprotected header,
 * and a detached ({@code nil}) payload that verification replaces with the root it recomputes.
 * Verify it with a {@link ReceiptVerifier}; nothing read here is authenticated before that.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Parsing requires: tag 18; {@code alg}; an integer {@code vds}; a {@code vdp} map whose {@code
 * -1} (inclusion) and {@code -2} (consistency) entries, when present, are arrays of byte strings,
 * with at least one proof; a {@code nil} payload; CWT claims (15), when present, with text {@code
 * iss}/{@code sub} and an integer or tag-1 {@code iat}. An unknown {@code vds} parses (its proofs
 * stay opaque) so that a Transparent Statement with several receipts can still be read; it never
 * verifies.
 *
 * <pre>{@code
 * UnverifiedReceipt r = UnverifiedReceipt.parse(receiptBytes);
 * Optional<byte[]> kid = r.keyId();          // pick the service key
 * long vds = r.vdsId();                      // 1 = RFC9162_SHA256, 2 = CCF_LEDGER_SHA256
 * }</pre>
 */
public final class UnverifiedReceipt {
  /** The media type of a COSE Receipt (RFC 9943): {@code application/scitt-receipt+cose}. */
  public static final String MEDIA_TYPE = "application/scitt-receipt+cose";

  private final byte[] bytes;
  private final UnverifiedSign1 message;
  private final long vds;
  private final List<byte[]> inclusionProofs;
  private final List<byte[]> consistencyProofs;
  private final Optional<String> issuer;
  private final Optional<String> subject;
  private final Optional<Instant> issuedAt;

  private UnverifiedReceipt(
      byte[] bytes,
      UnverifiedSign1 message,
      long vds,
      List<byte[]> inclusionProofs,
      List<byte[]> consistencyProofs,
      Optional<String> issuer,
      Optional<String> subject,
      Optional<Instant> issuedAt) {
    this.bytes = bytes.clone();
    this.message = message;
    this.vds = vds;
    this.inclusionProofs = inclusionProofs;
    this.consistencyProofs = consistencyProofs;
    this.issuer = issuer;
    this.subject = subject;
    this.issuedAt = issuedAt;
  }

  /**
   * Parses a receipt.
   *
   * @throws CoseFormatException if the bytes are not a well-formed COSE Receipt (for example the
   *     pre-RFC {@code draft-birkholz-scitt-receipts} array, which is not a COSE_Sign1)
   */
  public static UnverifiedReceipt parse(byte[] receipt) throws CoseFormatException {
    UnverifiedSign1 m;
    try {
      m = UnverifiedSign1.parse(receipt);
    } catch (CoseFormatException e) {
      throw new CoseFormatException("not a COSE Receipt: " + e.getMessage(), e);
    }
    CoseHeaders prot = m.protectedHeaders();
    if (m.protectedHeaders().algorithm().isEmpty()) {
      throw new CoseFormatException("receipt: alg (1) is missing from the protected header");
    }
    long vds =
        prot.integer(HeaderLabel.VDS)
            .orElseThrow(
                () ->
                    new CoseFormatException(
                        "receipt: vds (395) is missing from the protected header"));
    if (m.payload().isPresent()) {
      throw new CoseFormatException(
          "receipt: the payload must be detached (nil), found "
              + m.payload().get().length
              + " attached bytes");
    }
    Cbor vdp = m.unprotectedHeaders().raw(HeaderLabel.VDP);
    if (vdp == null) {
      throw new CoseFormatException("receipt: vdp (396) is missing from the unprotected header");
    }
    if (!(vdp instanceof Cbor.MapItem map)) {
      throw new CoseFormatException("receipt: vdp (396) must be a map, found " + Cbor.kind(vdp));
    }
    List<byte[]> inclusion = proofs(map, VerifiableDataStructure.INCLUSION_PROOFS, "inclusion");
    List<byte[]> consistency =
        proofs(map, VerifiableDataStructure.CONSISTENCY_PROOFS, "consistency");
    if (inclusion.isEmpty() && consistency.isEmpty()) {
      throw new CoseFormatException("receipt: vdp (396) holds no proof (-1 or -2)");
    }
    Optional<String> iss = Optional.empty();
    Optional<String> sub = Optional.empty();
    Optional<Instant> iat = Optional.empty();
    Cbor claims = prot.raw(HeaderLabel.CWT_CLAIMS);
    if (claims instanceof Cbor.MapItem c) {
      iss = optionalText(c, 1, "iss");
      sub = optionalText(c, 2, "sub");
      iat = CwtClaims.optionalTime(c.get(new Cbor.Int(6)));
    }
    return new UnverifiedReceipt(receipt, m, vds, inclusion, consistency, iss, sub, iat);
  }

  private static List<byte[]> proofs(Cbor.MapItem vdp, long label, String what)
      throws CoseFormatException {
    Cbor v = vdp.get(new Cbor.Int(label));
    if (v == null) {
      return List.of();
    }
    List<byte[]> out = CborReader.bytesList(v, "receipt vdp " + label + " (" + what + " proofs)");
    if (out.isEmpty()) {
      throw new CoseFormatException("receipt vdp " + label + ": the " + what + " list is empty");
    }
    return List.copyOf(out);
  }

  private static Optional<String> optionalText(Cbor.MapItem map, int key, String name)
      throws CoseFormatException {
    @Nullable Cbor v = map.get(new Cbor.Int(key));
    return v == null
        ? Optional.empty()
        : Optional.of(CborReader.text(v, "receipt CWT claim " + name + " (" + key + ")"));
  }

  /** The receipt bytes as parsed (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The {@code vds} identifier, whether or not this library supports it. */
  public long vdsId() {
    return vds;
  }

  /** The verifiable data structure, when this library supports it. */
  public Optional<VerifiableDataStructure> verifiableDataStructure() {
    return VerifiableDataStructure.fromId(vds);
  }

  /** The {@code kid} of the service key that signed it, if the protected header names one. */
  public Optional<byte[]> keyId() throws CoseFormatException {
    return message.protectedHeaders().bytes(HeaderLabel.KID);
  }

  /** The signature algorithm named by the protected header. */
  public CoseAlgorithm algorithm() throws CoseFormatException {
    return message.protectedHeaders().algorithm().orElseThrow();
  }

  /** CWT claim {@code iss} (the transparency service), unverified. */
  public Optional<String> issuer() {
    return issuer;
  }

  /** CWT claim {@code sub}, unverified. */
  public Optional<String> subject() {
    return subject;
  }

  /** CWT claim {@code iat} (when the service signed it), unverified. */
  public Optional<Instant> issuedAt() {
    return issuedAt;
  }

  /** The encoded inclusion proofs ({@code vdp -1}), copies; empty for a consistency receipt. */
  public List<byte[]> inclusionProofs() {
    return Rfc9162InclusionProof.copy(inclusionProofs);
  }

  /** The encoded consistency proofs ({@code vdp -2}), copies. */
  public List<byte[]> consistencyProofs() {
    return Rfc9162InclusionProof.copy(consistencyProofs);
  }

  /**
   * The inclusion proofs decoded as RFC9162_SHA256 proofs.
   *
   * @throws CoseFormatException if {@code vds} is not 1 or a proof does not parse
   */
  public List<Rfc9162InclusionProof> rfc9162InclusionProofs() throws CoseFormatException {
    requireVds(VerifiableDataStructure.RFC9162_SHA256);
    List<Rfc9162InclusionProof> out = new ArrayList<>();
    for (byte[] p : inclusionProofs) {
      out.add(Rfc9162InclusionProof.parse(p));
    }
    return List.copyOf(out);
  }

  /**
   * The consistency proofs decoded as RFC9162_SHA256 proofs.
   *
   * @throws CoseFormatException if {@code vds} is not 1 or a proof does not parse
   */
  public List<Rfc9162ConsistencyProof> rfc9162ConsistencyProofs() throws CoseFormatException {
    requireVds(VerifiableDataStructure.RFC9162_SHA256);
    List<Rfc9162ConsistencyProof> out = new ArrayList<>();
    for (byte[] p : consistencyProofs) {
      out.add(Rfc9162ConsistencyProof.parse(p));
    }
    return List.copyOf(out);
  }

  /**
   * The inclusion proofs decoded as CCF_LEDGER_SHA256 proofs.
   *
   * @throws CoseFormatException if {@code vds} is not 2 or a proof does not parse
   */
  public List<CcfInclusionProof> ccfInclusionProofs() throws CoseFormatException {
    requireVds(VerifiableDataStructure.CCF_LEDGER_SHA256);
    List<CcfInclusionProof> out = new ArrayList<>();
    for (byte[] p : inclusionProofs) {
      out.add(CcfInclusionProof.parse(p));
    }
    return List.copyOf(out);
  }

  private void requireVds(VerifiableDataStructure expected) throws CoseFormatException {
    if (vds != expected.id()) {
      throw new CoseFormatException(
          "receipt vds is " + vds + ", not " + expected + ": its proofs are not of that kind");
    }
  }

  /** The underlying COSE message. */
  public UnverifiedSign1 message() {
    return message;
  }

  @Override
  public String toString() {
    return "receipt (vds "
        + verifiableDataStructure().map(Object::toString).orElse(Long.toString(vds))
        + issuer.map(i -> ", iss " + i).orElse("")
        + ")";
  }
}
