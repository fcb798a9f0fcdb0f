package dev.ocitrust.transparency;

import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseHeaders;
import dev.ocitrust.cose.CoseSignatureException;
import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.Sign1Signer;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.transparency.internal.CoseKeys;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Issues RFC 9942 COSE receipts for the RFC 9162 SHA-256 verifiable data structure (vds 1): a
 * tagged COSE_Sign1 signed by the service key, protected header {@code {1: alg, 4: kid, 395: 1, 15:
 * {1: iss, 2: sub, 6: iat}}}, unprotected header {@code {396: {-1: [bstr .cbor [tree_size,
 * leaf_index, path]]}}}, and a detached payload: the tree head the proof leads to. The {@code kid}
 * is the RFC 9679 COSE Key thumbprint of the service key, as SCRAPI recommends, and the key is
 * served in that form at {@code /.well-known/scitt-keys} ({@link #keySet()}).
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
  /** Header label of the verifiable data structure ({@code vds}). */
  public static final HeaderLabel VDS = HeaderLabel.of(395);

  /** Header label of the verifiable data proofs ({@code vdp}). */
  public static final HeaderLabel VDP = HeaderLabel.of(396);

  /** {@code RFC9162_SHA256}. */
  public static final long RFC9162_SHA256 = 1;

  private final KeyPair key;
  private final String issuer;
  private final CoseAlgorithm algorithm;
  private final byte[] kid;
  private final Clock clock;

  private ReceiptIssuer(Builder b, CoseAlgorithm algorithm) {
    this.key = b.key;
    this.issuer = b.issuer;
    this.algorithm = algorithm;
    this.kid = CoseKeys.thumbprint(b.key.getPublic(), algorithm);
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

  /** The service's public key as one COSE_Key (deterministic CBOR). */
  public byte[] coseKey() {
    return CborEncoder.encode(CoseKeys.ec2(key.getPublic(), algorithm, kid));
  }

  /** The COSE_KeySet served at {@code /.well-known/scitt-keys}: an array of one COSE_Key. */
  public byte[] keySet() {
    return CborEncoder.encode(Cbor.array(CoseKeys.ec2(key.getPublic(), algorithm, kid)));
  }

  /**
   * A receipt that the entry at {@code proof.leafIndex()} is in the tree whose head is {@code
   * root}.
   *
   * @param subject the receipt's {@code sub}: the registered statement's subject
   * @throws IllegalArgumentException if the root is not 32 bytes or the subject is empty
   * @throws CoseSignatureException if the service key cannot sign
   */
  public byte[] issue(InclusionProof proof, byte[] root, String subject)
      throws CoseSignatureException {
    if (root.length != 32) {
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
            .put(VDS, RFC9162_SHA256)
            .putEncoded(HeaderLabel.CWT_CLAIMS, CborEncoder.encode(new Cbor.MapItem(cwt)))
            .build();
    List<Cbor> path = new ArrayList<>();
    for (byte[] h : proof.path()) {
      path.add(new Cbor.Bytes(h));
    }
    byte[] encodedProof =
        CborEncoder.encode(
            Cbor.array(
                new Cbor.Int(proof.treeSize()),
                new Cbor.Int(proof.leafIndex()),
                new Cbor.Array(path)));
    Map<Cbor, Cbor> vdp = new LinkedHashMap<>();
    vdp.put(new Cbor.Int(-1), Cbor.array(new Cbor.Bytes(encodedProof)));
    CoseHeaders unprot =
        CoseHeaders.builder().putEncoded(VDP, CborEncoder.encode(new Cbor.MapItem(vdp))).build();
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
      return new ReceiptIssuer(this, alg);
    }
  }
}
