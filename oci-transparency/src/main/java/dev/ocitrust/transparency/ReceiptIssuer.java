package dev.ocitrust.transparency;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseFormatException;
import dev.ocitrust.cose.CoseHeaders;
import dev.ocitrust.cose.CoseSignatureException;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.MerkleTree;
import dev.ocitrust.cose.Rfc9162InclusionProof;
import dev.ocitrust.cose.ServiceKeys;
import dev.ocitrust.cose.Sign1Signer;
import dev.ocitrust.cose.VerifiableDataStructure;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.cose.internal.CborReader;
import dev.ocitrust.cose.internal.CoseKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues RFC 9942 COSE receipts for the RFC 9162 SHA-256 verifiable data structure (vds 1): a
 * tagged COSE_Sign1 signed by the service key, protected header {@code {1: alg, 4: kid, 395: 1, 15:
 * {1: iss, 2: sub, 6: iat}}}, unprotected header {@code {396: {-1: [bstr .cbor [tree_size,
 * leaf_index, path]]}}}, and a detached payload: the tree head the proof leads to. The {@code kid}
 * is the RFC 9679 COSE Key thumbprint of the service key, as SCRAPI recommends, and the key is
 * served in that form at {@code /.well-known/scitt-keys} ({@link #keySet()}, {@link
 * ServiceKeys#toCoseKeySet()}).
 *
 * <p>Immutable and thread-safe. Security guarantees: the receipt only says what the caller proves;
 * the issuer checks that the proof and root are of the shapes vds 1 defines, not that the root is
 * the log's (that is {@link TransparencyService}'s job).
 *
 * <pre>{@code
 * ReceiptIssuer issuer = ReceiptIssuer.builder(serviceKeyPair, "https://ts.example").build();
 * byte[] receipt = issuer.issue(log.inclusionProof(i, n), log.root(n), statementSubject);
 * }</pre>
 */
public final class ReceiptIssuer {
  private final KeyPair key;
  private final String issuer;
  private final CoseAlgorithm algorithm;
  private final ServiceKeys serviceKeys;
  private final byte[] kid;
  private final Clock clock;

  private ReceiptIssuer(Builder b, CoseAlgorithm algorithm, ServiceKeys serviceKeys, byte[] kid) {
    this.key = b.key;
    this.issuer = b.issuer;
    this.algorithm = algorithm;
    this.serviceKeys = serviceKeys;
    this.kid = kid;
    this.clock = b.clock;
  }

  /** A builder for receipts signed with {@code serviceKey} (an EC key) for {@code issuer}. */
  public static Builder builder(KeyPair serviceKey, String issuer) {
    return new Builder(serviceKey, issuer);
  }

  /** The receipts' {@code iss}. */
  public String issuer() {
    return issuer;
  }

  /** The {@code kid} of the service key (its RFC 9679 thumbprint; a copy). */
  public byte[] keyId() {
    return kid.clone();
  }

  /** The service's public key, as a verifier configures it ({@link ServiceKeys}). */
  public ServiceKeys serviceKeys() {
    return serviceKeys;
  }

  /** The service's public key as one COSE_Key (deterministic CBOR). */
  public byte[] coseKey() {
    try {
      return CborEncoder.encode(
          CborReader.array(CborDecoder.decode(keySet()), 1, "the service key set").get(0));
    } catch (CoseFormatException e) {
      throw new IllegalStateException("the service key set does not decode", e);
    }
  }

  /** The COSE_KeySet served at {@code /.well-known/scitt-keys}: an array of one COSE_Key. */
  public byte[] keySet() {
    return serviceKeys.toCoseKeySet();
  }

  /**
   * A receipt that the entry at {@code proof.leafIndex()} is in the tree whose head is {@code
   * root}.
   *
   * @param subject the receipt's {@code sub}: the registered statement's subject
   * @throws IllegalArgumentException if the root is not 32 bytes or the subject is empty
   * @throws CoseSignatureException if the service key cannot sign
   */
  public byte[] issue(Rfc9162InclusionProof proof, byte[] root, String subject)
      throws CoseSignatureException {
    if (root.length != MerkleTree.HASH_SIZE) {
      throw new IllegalArgumentException("a tree head is 32 bytes, found " + root.length);
    }
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("the receipt's subject must not be empty");
    }
    Map<Cbor, Cbor> cwt = new LinkedHashMap<>();
    cwt.put(new Cbor.Int(1), new Cbor.Text(issuer));
    cwt.put(new Cbor.Int(2), new Cbor.Text(subject));
    cwt.put(new Cbor.Int(6), new Cbor.Int(clock.instant().getEpochSecond()));
    CoseHeaders prot =
        CoseHeaders.builder()
            .put(HeaderLabel.KID, kid)
            .put(HeaderLabel.VDS, VerifiableDataStructure.RFC9162_SHA256.id())
            .putEncoded(HeaderLabel.CWT_CLAIMS, CborEncoder.encode(new Cbor.MapItem(cwt)))
            .build();
    Map<Cbor, Cbor> vdp = new LinkedHashMap<>();
    vdp.put(
        new Cbor.Int(VerifiableDataStructure.INCLUSION_PROOFS),
        Cbor.array(new Cbor.Bytes(proof.encode())));
    CoseHeaders unprot =
        CoseHeaders.builder()
            .putEncoded(HeaderLabel.VDP, CborEncoder.encode(new Cbor.MapItem(vdp)))
            .build();
    return Sign1Signer.builder(key.getPrivate())
        .algorithm(algorithm)
        .protectedHeaders(prot)
        .unprotectedHeaders(unprot)
        .detached(true)
        .build()
        .sign(root);
  }

  @Override
  public String toString() {
    return "ReceiptIssuer[iss=" + issuer + ", alg=" + algorithm + "]";
  }

  /** Builds a {@link ReceiptIssuer}. Not thread-safe. */
  public static final class Builder {
    private final KeyPair key;
    private final String issuer;
    private Clock clock = Clock.systemUTC();

    private Builder(KeyPair key, String issuer) {
      this.key = Objects.requireNonNull(key, "key");
      this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** The clock of the receipts' {@code iat}; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The issuer.
     *
     * @throws IllegalArgumentException if the issuer is empty or the key is not a P-256, P-384 or
     *     P-521 key pair
     */
    public ReceiptIssuer build() {
      if (issuer.isEmpty()) {
        throw new IllegalArgumentException("the receipt issuer (iss) must not be empty");
      }
      CoseAlgorithm alg;
      try {
        alg = CoseAlgorithm.forKey(key.getPrivate());
      } catch (CoseSignatureException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      if (alg.ecCoordinateBytes() == 0) {
        throw new IllegalArgumentException("the service key must be an EC key, found " + alg);
      }
      try {
        return new ReceiptIssuer(
            this,
            alg,
            ServiceKeys.of(key.getPublic(), Optional.empty()),
            CoseKeys.thumbprint(key.getPublic()));
      } catch (CoseFormatException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}
