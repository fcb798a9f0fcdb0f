package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.ReceiptChecks;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The receipts of one claim in a store, checked against trusted transparency services: those
 * embedded in its statement (label 394) and those attached to the claim manifest as referrers of
 * type {@link ClaimTypes#RECEIPT}. Reads only. The claim's own signature is not judged here (that
 * is {@link ClaimVerifier}'s business); a receipt only proves that the statement was logged.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * List<ReceiptCheck> checks = ClaimReceipts.check(layout, claimManifest, List.of(acmeTs));
 * boolean logged = checks.stream().anyMatch(ReceiptCheck::verified);
 * }</pre>
 */
public final class ClaimReceipts {
  /** The largest statement or receipt read. */
  public static final long MAX_BYTES = ClaimVerifier.DEFAULT_MAX_STATEMENT_BYTES;

  private ClaimReceipts() {}

  /**
   * The statement of the claim {@code claim} (a manifest with one {@link ClaimTypes#STATEMENT}
   * layer), if it is one.
   *
   * @throws IOException if the store fails
   */
  public static Optional<byte[]> statement(Target target, Descriptor claim) throws IOException {
    Manifest m = target.fetchManifest(claim);
    if (m instanceof ImageManifest im
        && im.layers().size() == 1
        && im.layers().get(0).mediaType().equals(ClaimTypes.STATEMENT)) {
      return Optional.of(target.fetchBytes(im.layers().get(0), MAX_BYTES));
    }
    return Optional.empty();
  }

  /**
   * Checks every receipt of the claim {@code claim} against {@code services}.
   *
   * @throws IOException if the store fails, or {@code claim} is not a claim manifest
   */
  public static List<ReceiptCheck> check(
      Target target, Descriptor claim, List<TrustedService> services) throws IOException {
    byte[] statement =
        statement(target, claim)
            .orElseThrow(
                () ->
                    new IOException(
                        claim.digest()
                            + " is not a claim: a claim manifest has one "
                            + ClaimTypes.STATEMENT
                            + " layer"));
    return ReceiptChecks.of(target, claim, statement, services, true, MAX_BYTES);
  }
}
