package dev.ocitrust.cose;

import java.util.List;
import java.util.Optional;

/**
 * A verifiable data structure of the COSE Receipts registry (RFC 9942, header {@link
 * HeaderLabel#VDS}): how a receipt's proofs are read and how the root its signature covers is
 * recomputed. A constant class, not an enum, so that later registrations can be added.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Optional<VerifiableDataStructure> vds = VerifiableDataStructure.fromId(receipt.vdsId());
 * if (vds.equals(Optional.of(VerifiableDataStructure.RFC9162_SHA256))) { ... }
 * }</pre>
 */
public final class VerifiableDataStructure {
  /** {@code RFC9162_SHA256} (1): an RFC 9162 Merkle tree with SHA-256. */
  public static final VerifiableDataStructure RFC9162_SHA256 =
      new VerifiableDataStructure(1, "RFC9162_SHA256");

  /**
   * {@code CCF_LEDGER_SHA256} (2): the Merkle tree of a CCF ledger, as Microsoft's signing
   * transparency and scitt-ccf-ledger issue.
   */
  public static final VerifiableDataStructure CCF_LEDGER_SHA256 =
      new VerifiableDataStructure(2, "CCF_LEDGER_SHA256");

  private static final List<VerifiableDataStructure> ALL =
      List.of(RFC9162_SHA256, CCF_LEDGER_SHA256);

  /** The label, in a receipt's {@code vdp} map, of its inclusion proofs. */
  public static final long INCLUSION_PROOFS = -1;

  /** The label, in a receipt's {@code vdp} map, of its consistency proofs. */
  public static final long CONSISTENCY_PROOFS = -2;

  private final int id;
  private final String name;

  private VerifiableDataStructure(int id, String name) {
    this.id = id;
    this.name = name;
  }

  /** The structures this library can verify. */
  public static List<VerifiableDataStructure> values() {
    return ALL;
  }

  /** The structure registered under {@code id}, if this library supports it. */
  public static Optional<VerifiableDataStructure> fromId(long id) {
    return ALL.stream().filter(v -> v.id == id).findFirst();
  }

  /** The registered identifier, e.g. 1 for RFC9162_SHA256. */
  public int id() {
    return id;
  }

  /** The registered name, e.g. {@code RFC9162_SHA256}. */
  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiableDataStructure v && v.id == id;
  }

  @Override
  public int hashCode() {
    return id;
  }

  /** The name and identifier, e.g. {@code RFC9162_SHA256 (1)}. */
  @Override
  public String toString() {
    return name + " (" + id + ")";
  }
}
