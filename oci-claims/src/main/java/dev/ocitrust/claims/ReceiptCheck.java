package dev.ocitrust.claims;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one receipt a claim carries (embedded in its statement, or attached to the claim
 * as a referrer of type {@link ClaimTypes#RECEIPT}): verified by a trusted transparency service, or
 * not, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * for (ReceiptCheck r : record.receipts()) {
 *   System.out.println(r.source() + ": " + (r.verified() ? "verified by " + r.service().orElseThrow() : r.detail()));
 * }
 * }</pre>
 *
 * @param source {@code embedded[i]} or {@code referrer <manifest digest>}
 * @param service the trusted service that verified it, when one did
 * @param verified whether a trusted service's key verified it for this claim's statement
 * @param detail the verified receipt's summary, or why no service verified it
 */
public record ReceiptCheck(
    String source, Optional<String> service, boolean verified, String detail) {
  /** A check; a verified one names its service. */
  public ReceiptCheck {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(detail, "detail");
    if (verified && service.isEmpty()) {
      throw new IllegalArgumentException("a verified receipt names its service");
    }
  }

  /** One line for listings. */
  public String text() {
    return source + ": " + (verified ? "verified, " : "not verified, ") + detail;
  }
}
