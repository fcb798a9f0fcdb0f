package dev.ocitrust.cose;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Verifies COSE Receipts (RFC 9942) issued by one trusted transparency service: recomputes the root
 * from the receipt's inclusion proof and the statement's entry, then checks the receipt's signature
 * over that root (the detached payload) with the service's keys. Supports {@link
 * VerifiableDataStructure#RFC9162_SHA256} and {@link VerifiableDataStructure#CCF_LEDGER_SHA256};
 * any other {@code vds} is rejected.
 *
 * <p>Immutable and thread-safe; share one per service.
 *
 * <p>Security guarantees: fails closed. A receipt verifies only if its {@code vds} is supported,
 * every inclusion proof it carries leads to one root, that root is what a key of the service
 * (chosen by {@code kid} when the receipt has one) signed, and, when the verifier is built with an
 * {@link Builder#issuer issuer}, its signed CWT {@code iss} equals it. A receipt for another entry
 * leads to another root, so its signature fails. No clock is consulted: a receipt stays valid after
 * the service rotates its key, as long as the key is configured.
 *
 * <pre>{@code
 * ReceiptVerifier v = ReceiptVerifier.builder("acme-ts", ServiceKeys.fromCoseKeySet(keySet))
 *     .issuer("https://ts.acme.example")
 *     .build();
 * VerifiedReceipt r = v.verify(TransparentStatement.parse(statementBytes));
 * }</pre>
 */
public final class ReceiptVerifier {
  private final String service;
  private final ServiceKeys keys;
  private final Optional<String> issuer;

  private ReceiptVerifier(Builder b) {
    this.service = b.service;
    this.keys = b.keys;
    this.issuer = b.issuer;
  }

  /**
   * A builder for a verifier of {@code service}'s receipts.
   *
   * @param service a name for the service, used in reports and errors
   * @param keys its public keys
   * @throws IllegalArgumentException if {@code service} is blank
   */
  public static Builder builder(String service, ServiceKeys keys) {
    return new Builder(service, keys);
  }

  /** A builder starting from this verifier's settings. */
  public Builder toBuilder() {
    Builder b = new Builder(service, keys);
    b.issuer = issuer;
    return b;
  }

  /** The service name. */
  public String service() {
    return service;
  }

  /** The service keys. */
  public ServiceKeys keys() {
    return keys;
  }

  /** The required CWT {@code iss}, if set. */
  public Optional<String> issuer() {
    return issuer;
  }

  /**
   * The first receipt embedded in {@code statement} that verifies for this service.
   *
   * @throws ReceiptException if the statement carries no receipt, or none verifies; the message
   *     lists why each failed
   */
  public VerifiedReceipt verify(TransparentStatement statement) throws ReceiptException {
    List<byte[]> receipts = statement.receipts();
    if (receipts.isEmpty()) {
      throw new ReceiptException(
          "the statement carries no receipt (394); expected one from " + service);
    }
    byte[] entry = statement.entry();
    List<String> why = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++) {
      try {
        return verify(UnverifiedReceipt.parse(receipts.get(i)), entry);
      } catch (CoseException e) {
        why.add("receipt " + i + ": " + e.getMessage());
      }
    }
    throw new ReceiptException(
        "no receipt of the statement verifies for " + service + ": " + String.join("; ", why));
  }

  /**
   * Verifies an inclusion receipt for {@code entry} (the statement's {@link
   * TransparentStatement#entry()}).
   *
   * @throws ReceiptException if the vds is unsupported, the issuer differs, or no key matches
   * @throws MerkleProofException if a proof is malformed or the proofs disagree
   * @throws CoseSignatureException if no key of the service verifies the signature over the root
   * @throws CoseFormatException if a proof does not parse
   */
  public VerifiedReceipt verify(UnverifiedReceipt receipt, byte[] entry) throws CoseException {
    VerifiableDataStructure vds = supported(receipt);
    if (receipt.inclusionProofs().isEmpty()) {
      throw new ReceiptException(
          "the receipt from " + service + " holds no inclusion proof (vdp -1)");
    }
    byte[] root = null;
    OptionalLong treeSize = OptionalLong.empty();
    OptionalLong leafIndex = OptionalLong.empty();
    Optional<String> evidence = Optional.empty();
    List<byte[]> roots = new ArrayList<>();
    if (vds.equals(VerifiableDataStructure.RFC9162_SHA256)) {
      byte[] leaf = MerkleTree.leafHash(entry);
      for (Rfc9162InclusionProof p : receipt.rfc9162InclusionProofs()) {
        roots.add(p.rootFor(leaf));
        treeSize = OptionalLong.of(p.treeSize());
        leafIndex = OptionalLong.of(p.leafIndex());
      }
    } else {
      for (CcfInclusionProof p : receipt.ccfInclusionProofs()) {
        roots.add(p.rootFor(entry));
        evidence = Optional.of(p.internalEvidence());
      }
    }
    for (byte[] r : roots) {
      if (root != null && !MessageDigest.isEqual(root, r)) {
        throw new MerkleProofException(
            "the receipt's " + roots.size() + " inclusion proofs lead to different roots");
      }
      root = r;
    }
    checkSignature(receipt, java.util.Objects.requireNonNull(root));
    return new VerifiedReceipt(service, vds, root, receipt, treeSize, leafIndex, evidence);
  }

  /**
   * Verifies a consistency receipt (RFC9162_SHA256, {@code vdp -2}): the service signed a root that
   * extends {@code olderRoot}, so the log only grew since.
   *
   * @throws ReceiptException if the vds is not RFC9162_SHA256, the receipt has no consistency
   *     proof, the issuer differs, or no key matches
   * @throws MerkleProofException if the proof does not lead from {@code olderRoot}
   * @throws CoseSignatureException if the signature over the newer root does not verify
   */
  public VerifiedReceipt verifyConsistency(
      UnverifiedReceipt receipt, byte[] olderRoot, byte[] newerRoot) throws CoseException {
    if (!supported(receipt).equals(VerifiableDataStructure.RFC9162_SHA256)
        || receipt.consistencyProofs().isEmpty()) {
      throw new ReceiptException(
          "expected an RFC9162_SHA256 consistency receipt (vdp -2) from " + service);
    }
    OptionalLong size = OptionalLong.empty();
    for (Rfc9162ConsistencyProof p : receipt.rfc9162ConsistencyProofs()) {
      p.verify(olderRoot, newerRoot);
      size = OptionalLong.of(p.treeSize2());
    }
    checkSignature(receipt, newerRoot);
    return new VerifiedReceipt(
        service,
        VerifiableDataStructure.RFC9162_SHA256,
        newerRoot,
        receipt,
        size,
        OptionalLong.empty(),
        Optional.empty());
  }

  private VerifiableDataStructure supported(UnverifiedReceipt receipt) throws ReceiptException {
    return receipt
        .verifiableDataStructure()
        .orElseThrow(
            () ->
                new ReceiptException(
                    "unsupported verifiable data structure (vds "
                        + receipt.vdsId()
                        + "): expected one of "
                        + VerifiableDataStructure.values()));
  }

  private void checkSignature(UnverifiedReceipt receipt, byte[] root) throws CoseException {
    Optional<byte[]> kid = receipt.keyId();
    List<PublicKey> candidates = keys.forKeyId(kid);
    if (candidates.isEmpty()) {
      throw new ReceiptException(
          "no key of "
              + service
              + " has the receipt's kid "
              + kidText(kid.orElseThrow())
              + " ("
              + keys
              + ")");
    }
    Sign1VerifyOptions options =
        Sign1VerifyOptions.builder()
            .detachedPayload(root)
            .understoodCriticalLabels(
                List.of(HeaderLabel.VDS, HeaderLabel.KID, HeaderLabel.CWT_CLAIMS))
            .build();
    CoseException last = null;
    boolean verified = false;
    for (PublicKey k : candidates) {
      try {
        receipt.message().verify(k, options);
        verified = true;
        break;
      } catch (CoseSignatureException e) {
        last = e;
      }
    }
    if (!verified) {
      throw new CoseSignatureException(
          "the receipt's signature over root "
              + dev.ocitrust.cose.internal.Hex.encode(root)
              + " does not verify with "
              + (candidates.size() == 1 ? "the key" : "any of the " + candidates.size() + " keys")
              + " of "
              + service
              + (last == null ? "" : ": " + last.getMessage()));
    }
    if (issuer.isPresent() && !issuer.equals(receipt.issuer())) {
      throw new ReceiptException(
          "the receipt's iss is "
              + receipt.issuer().map(i -> "\"" + i + "\"").orElse("missing")
              + ", expected \""
              + issuer.get()
              + "\" for "
              + service);
    }
  }

  private static String kidText(byte[] kid) {
    boolean printable = kid.length > 0;
    for (byte b : kid) {
      printable &= b >= 0x20 && b < 0x7f;
    }
    return printable
        ? "\"" + new String(kid, java.nio.charset.StandardCharsets.US_ASCII) + "\""
        : "h'" + dev.ocitrust.cose.internal.Hex.encode(kid) + "'";
  }

  /** Builds a {@link ReceiptVerifier}. Not thread-safe. */
  public static final class Builder {
    private final String service;
    private final ServiceKeys keys;
    private Optional<String> issuer = Optional.empty();

    private Builder(String service, ServiceKeys keys) {
      if (service.isBlank()) {
        throw new IllegalArgumentException("the service name must not be blank");
      }
      this.service = service;
      this.keys = keys;
    }

    /** Requires the receipt's signed CWT {@code iss} to equal {@code iss}. */
    public Builder issuer(String iss) {
      if (iss.isEmpty()) {
        throw new IllegalArgumentException("the issuer must not be empty");
      }
      this.issuer = Optional.of(iss);
      return this;
    }

    /** The verifier. */
    public ReceiptVerifier build() {
      return new ReceiptVerifier(this);
    }
  }
}
