package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.SigStructure;
import dev.ocitrust.cose.internal.SignatureOps;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed but not yet verified COSE_Sign1 message (RFC 9052 §4.2). Read its headers to choose a
 * key, then call {@link #verify(PublicKey, Sign1VerifyOptions)}; nothing read from this object
 * before verification is authenticated.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: parsing is strict and bounded (tag 18 unless untagged input is opted
 * into, exact 4-element structure, definite lengths, shortest-form arguments, no duplicate map
 * keys, nesting and size limits, COSE header types checked, no label in both buckets, {@code crit}
 * only in the protected bucket and naming only labels present there). Every rejection is a {@link
 * CoseFormatException}. The protected header's exact bytes are kept and signed over. Verification
 * derives the algorithm from the key and rejects an {@code alg} header that names another one; it
 * rejects critical labels the caller did not declare understood.
 *
 * <pre>{@code
 * UnverifiedSign1 msg = UnverifiedSign1.parse(bytes);
 * byte[] kid = msg.protectedHeaders().bytes(HeaderLabel.KID).orElseThrow();
 * VerifiedSign1 verified = msg.verify(keys.get(kid));
 * byte[] payload = verified.payload();
 * }</pre>
 */
public final class UnverifiedSign1 {
  /** CBOR tag of COSE_Sign1_Tagged. */
  public static final int TAG = 18;

  private final byte[] protectedBytes;
  private final CoseHeaders protectedHeaders;
  private final CoseHeaders unprotectedHeaders;
  private final byte @Nullable [] payload;
  private final byte[] signature;
  private final boolean tagged;

  private UnverifiedSign1(
      byte[] protectedBytes,
      CoseHeaders protectedHeaders,
      CoseHeaders unprotectedHeaders,
      byte @Nullable [] payload,
      byte[] signature,
      boolean tagged) {
    this.protectedBytes = protectedBytes;
    this.protectedHeaders = protectedHeaders;
    this.unprotectedHeaders = unprotectedHeaders;
    this.payload = payload;
    this.signature = signature;
    this.tagged = tagged;
  }

  /** Parses a tagged COSE_Sign1 with {@link CoseParseOptions#defaults()}. */
  public static UnverifiedSign1 parse(byte[] message) throws CoseFormatException {
    return parse(message, CoseParseOptions.defaults());
  }

  /**
   * Parses a COSE_Sign1.
   *
   * @throws CoseFormatException if the bytes are not a well-formed, supported COSE_Sign1
   */
  public static UnverifiedSign1 parse(byte[] message, CoseParseOptions options)
      throws CoseFormatException {
    if (message.length > options.maxBytes()) {
      throw new CoseFormatException(
          "COSE message of "
              + message.length
              + " bytes exceeds the limit of "
              + options.maxBytes());
    }
    Cbor top = CborDecoder.decode(message);
    boolean tagged = false;
    if (top instanceof Cbor.Tag t) {
      if (t.tag() != TAG) {
        throw new CoseFormatException(
            "expected CBOR tag 18 (COSE_Sign1), found tag " + Long.toUnsignedString(t.tag()));
      }
      top = t.content();
      tagged = true;
    } else if (!options.allowUntagged()) {
      throw new CoseFormatException(
          "expected CBOR tag 18 (COSE_Sign1_Tagged), found an untagged " + Cbor.kind(top));
    }
    if (!(top instanceof Cbor.Array arr) || arr.items().size() != 4) {
      throw new CoseFormatException(
          "expected COSE_Sign1 as an array of 4 items, found "
              + (top instanceof Cbor.Array a ? "an array of " + a.items().size() : Cbor.kind(top)));
    }
    List<Cbor> items = arr.items();
    if (!(items.get(0) instanceof Cbor.Bytes prot)) {
      throw new CoseFormatException(
          "expected the protected header as a byte string, found " + Cbor.kind(items.get(0)));
    }
    byte[] protectedBytes = prot.value();
    CoseHeaders protectedHeaders =
        protectedBytes.length == 0
            ? CoseHeaders.empty()
            : CoseHeaders.fromCbor(CborDecoder.decode(protectedBytes), "protected");
    CoseHeaders unprotectedHeaders = CoseHeaders.fromCbor(items.get(1), "unprotected");
    byte[] payload;
    if (items.get(2) instanceof Cbor.Bytes p) {
      payload = p.value();
    } else if (items.get(2) == Cbor.Simple.NULL) {
      payload = null;
    } else {
      throw new CoseFormatException(
          "expected the payload as a byte string or nil, found " + Cbor.kind(items.get(2)));
    }
    if (!(items.get(3) instanceof Cbor.Bytes sig)) {
      throw new CoseFormatException(
          "expected the signature as a byte string, found " + Cbor.kind(items.get(3)));
    }
    checkBuckets(protectedHeaders, unprotectedHeaders);
    return new UnverifiedSign1(
        protectedBytes, protectedHeaders, unprotectedHeaders, payload, sig.value(), tagged);
  }

  private static void checkBuckets(CoseHeaders prot, CoseHeaders unprot)
      throws CoseFormatException {
    for (HeaderLabel l : prot.labels()) {
      if (unprot.contains(l)) {
        throw new CoseFormatException(
            "header " + l + " appears in both the protected and the unprotected bucket");
      }
    }
    if (unprot.contains(HeaderLabel.CRIT)) {
      throw new CoseFormatException("crit (2) must be in the protected header, found unprotected");
    }
    Optional<List<HeaderLabel>> crit = prot.labelList(HeaderLabel.CRIT);
    if (crit.isPresent()) {
      Set<HeaderLabel> seen = new HashSet<>();
      for (HeaderLabel l : crit.get()) {
        if (!seen.add(l)) {
          throw new CoseFormatException("crit lists " + l + " twice");
        }
        if (!prot.contains(l)) {
          throw new CoseFormatException(
              "crit lists " + l + " but the protected header does not contain it");
        }
      }
    }
  }

  /** The protected header, decoded. Not authenticated until verified. */
  public CoseHeaders protectedHeaders() {
    return protectedHeaders;
  }

  /** The protected header exactly as received (a copy). */
  public byte[] protectedBytes() {
    return protectedBytes.clone();
  }

  /** The unprotected header. Never authenticated by the signature. */
  public CoseHeaders unprotectedHeaders() {
    return unprotectedHeaders;
  }

  /** The attached payload (a copy), or empty when it is detached ({@code nil}). */
  public Optional<byte[]> payload() {
    return payload == null ? Optional.empty() : Optional.of(payload.clone());
  }

  /** The signature bytes (a copy). */
  public byte[] signature() {
    return signature.clone();
  }

  /** Whether the message carried tag 18. */
  public boolean isTagged() {
    return tagged;
  }

  /**
   * The {@code alg} header, looked up in the protected bucket, then the unprotected one.
   *
   * @throws CoseFormatException if present but unsupported
   */
  public Optional<CoseAlgorithm> algorithm() throws CoseFormatException {
    Optional<CoseAlgorithm> a = protectedHeaders.algorithm();
    return a.isPresent() ? a : unprotectedHeaders.algorithm();
  }

  /**
   * The encoded {@code Sig_structure} this message's signature must cover, given the options'
   * external AAD and detached payload.
   *
   * @throws CoseFormatException if the payload is detached and not supplied, or supplied twice
   */
  public byte[] toBeSigned(Sign1VerifyOptions options) throws CoseFormatException {
    byte[] content = content(options);
    // An empty protected map sent as h'A0' is signed as h'' by some producers (cose-wg
    // sign-pass-01); an empty bucket carries no authenticated data, so normalising is safe.
    byte[] prot = protectedHeaders.isEmpty() ? new byte[0] : protectedBytes;
    return SigStructure.sign1(prot, options.externalAad(), content);
  }

  private byte[] content(Sign1VerifyOptions options) throws CoseFormatException {
    Optional<byte[]> detached = options.detachedPayload();
    if (payload == null) {
      return detached.orElseThrow(
          () ->
              new CoseFormatException(
                  "the payload is detached (nil) but no detached payload was supplied"));
    }
    if (detached.isPresent()) {
      throw new CoseFormatException(
          "a detached payload was supplied but the message carries its payload");
    }
    return payload.clone();
  }

  /** Verifies with the algorithm {@link CoseAlgorithm#forKey} derives and default options. */
  public VerifiedSign1 verify(PublicKey key) throws CoseException {
    return verify(key, Sign1VerifyOptions.defaults());
  }

  /**
   * Verifies the signature with {@code key}.
   *
   * @return the verified message
   * @throws CoseSignatureException if the signature does not verify, or the key, the expected
   *     algorithm and the {@code alg} header disagree
   * @throws CoseFormatException if {@code alg} is missing or unsupported, {@code crit} names a
   *     label the caller does not understand, or the payload is missing
   */
  public VerifiedSign1 verify(PublicKey key, Sign1VerifyOptions options) throws CoseException {
    CoseAlgorithm expected = options.algorithm().orElse(null);
    if (expected == null) {
      expected = CoseAlgorithm.forKey(key);
    } else {
      expected.checkKey(key);
    }
    CoseAlgorithm header =
        algorithm().orElseThrow(() -> new CoseFormatException("the alg header (1) is missing"));
    if (!header.equals(expected)) {
      throw new CoseSignatureException(
          "alg header "
              + header
              + " does not match "
              + expected
              + ", the algorithm of the verification key");
    }
    Optional<List<HeaderLabel>> crit = protectedHeaders.labelList(HeaderLabel.CRIT);
    if (crit.isPresent()) {
      for (HeaderLabel l : crit.get()) {
        if (!l.equals(HeaderLabel.ALG) && !options.understoodCriticalLabels().contains(l)) {
          throw new CoseFormatException("critical header " + l + " is not understood");
        }
      }
    }
    byte[] tbs = toBeSigned(options);
    SignatureOps.verify(expected, key, tbs, signature);
    return new VerifiedSign1(
        expected,
        protectedHeaders,
        unprotectedHeaders,
        payload == null ? options.detachedPayload().orElseThrow() : payload,
        payload == null);
  }
}
