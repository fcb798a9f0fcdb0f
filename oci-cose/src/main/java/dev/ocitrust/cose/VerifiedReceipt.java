package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.Hex;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A receipt whose proof and signature a {@link ReceiptVerifier} checked: the service's key signed
 * the root that the receipt's proof recomputes from the statement's entry. Only the verifier
 * creates one.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Security guarantees: the entry is included in the tree whose root the service signed (or, for
 * a consistency receipt, the signed root extends the older root given to the verifier); {@link
 * #issuer()} and {@link #issuedAt()} are signed. The tree size and leaf index come from the
 * unprotected proof: the leaf index is bound by the recomputed root, but a tree size with the same
 * path shape is not (RFC 9162 does not sign the size), so treat {@link #treeSize()} as
 * informational.
 *
 * <pre>{@code
 * VerifiedReceipt r = verifier.verify(TransparentStatement.parse(bytes));
 * System.out.println(r.service() + " logged it at " + r.issuedAt().orElseThrow());
 * }</pre>
 */
public final class VerifiedReceipt {
  private final String service;
  private final VerifiableDataStructure vds;
  private final byte[] root;
  private final Optional<String> issuer;
  private final Optional<Instant> issuedAt;
  private final OptionalLong treeSize;
  private final OptionalLong leafIndex;
  private final Optional<String> ledgerEvidence;
  private final byte[] receipt;

  VerifiedReceipt(
      String service,
      VerifiableDataStructure vds,
      byte[] root,
      UnverifiedReceipt receipt,
      OptionalLong treeSize,
      OptionalLong leafIndex,
      Optional<String> ledgerEvidence) {
    this.service = service;
    this.vds = vds;
    this.root = root.clone();
    this.issuer = receipt.issuer();
    this.issuedAt = receipt.issuedAt();
    this.treeSize = treeSize;
    this.leafIndex = leafIndex;
    this.ledgerEvidence = ledgerEvidence;
    this.receipt = receipt.bytes();
  }

  /** The name of the trusted service whose key verified it. */
  public String service() {
    return service;
  }

  /** The verifiable data structure. */
  public VerifiableDataStructure verifiableDataStructure() {
    return vds;
  }

  /** The signed root (a copy). */
  public byte[] root() {
    return root.clone();
  }

  /** The signed CWT {@code iss}, if the receipt has one. */
  public Optional<String> issuer() {
    return issuer;
  }

  /** The signed CWT {@code iat} (when the service signed it), if the receipt has one. */
  public Optional<Instant> issuedAt() {
    return issuedAt;
  }

  /** RFC9162_SHA256: the tree size of the proof (informational, see the class comment). */
  public OptionalLong treeSize() {
    return treeSize;
  }

  /** RFC9162_SHA256 inclusion: the leaf index, bound by the root. */
  public OptionalLong leafIndex() {
    return leafIndex;
  }

  /** CCF_LEDGER_SHA256: the proof's {@code internal_evidence} (names the ledger transaction). */
  public Optional<String> ledgerEvidence() {
    return ledgerEvidence;
  }

  /** The receipt bytes (a copy). */
  public byte[] receipt() {
    return receipt.clone();
  }

  /** One line: service, structure, position and time. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("receipt from ").append(service).append(" (").append(vds);
    issuer.ifPresent(i -> b.append(", iss ").append(i));
    if (leafIndex.isPresent()) {
      b.append(", leaf ").append(Long.toUnsignedString(leafIndex.getAsLong()));
      treeSize.ifPresent(s -> b.append(" of ").append(Long.toUnsignedString(s)));
    } else if (treeSize.isPresent()) {
      b.append(", tree size ").append(Long.toUnsignedString(treeSize.getAsLong()));
    }
    ledgerEvidence.ifPresent(e -> b.append(", ").append(e));
    issuedAt.ifPresent(t -> b.append(", signed ").append(t));
    return b.append(", root ").append(Hex.encode(root)).append(')').toString();
  }
}
