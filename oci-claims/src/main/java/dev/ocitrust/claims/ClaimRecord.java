package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One claim found on an artifact, as a report shows it: the referrer manifest, the signed values
 * that could be read, the issuer of the policy it belongs to, and its status — effective,
 * superseded (by which claim), ignored (why), or unverified.
 *
 * <p>Values come from the signed statement once it verified; for an ignored claim they are what
 * could be read before the check that failed, and are not to be trusted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param manifest the claim's referrer manifest as listed
 * @param contentType the statement's content type
 * @param iss the statement's {@code iss}
 * @param issuedAt the statement's {@code iat}
 * @param issuer the policy's name for the issuer
 * @param approval the approval, for an approval claim
 * @param lifecycle the lifecycle notice, for a lifecycle claim
 * @param timestamp the authentic time of an RFC 3161 time stamp that was verified
 * @param status effective, superseded, ignored or unverified
 * @param supersededBy the manifest digest of the claim that supersedes this one
 * @param reason why the claim was ignored
 * @param receipts what became of each receipt the claim carries (embedded or attached)
 */
public record ClaimRecord(
    Descriptor manifest,
    Optional<String> contentType,
    Optional<String> iss,
    Optional<Instant> issuedAt,
    Optional<String> issuer,
    Optional<Approval> approval,
    Optional<Lifecycle> lifecycle,
    Optional<Instant> timestamp,
    ClaimStatus status,
    Optional<Digest> supersededBy,
    Optional<String> reason,
    List<ReceiptCheck> receipts) {

  /** A record without receipts. */
  public ClaimRecord(
      Descriptor manifest,
      Optional<String> contentType,
      Optional<String> iss,
      Optional<Instant> issuedAt,
      Optional<String> issuer,
      Optional<Approval> approval,
      Optional<Lifecycle> lifecycle,
      Optional<Instant> timestamp,
      ClaimStatus status,
      Optional<Digest> supersededBy,
      Optional<String> reason) {
    this(
        manifest,
        contentType,
        iss,
        issuedAt,
        issuer,
        approval,
        lifecycle,
        timestamp,
        status,
        supersededBy,
        reason,
        List.of());
  }

  /** A record; every field is required (use empty optionals). */
  public ClaimRecord {
    receipts = List.copyOf(receipts);
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(iss, "iss");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(supersededBy, "supersededBy");
    Objects.requireNonNull(reason, "reason");
  }

  /** The claim manifest's digest. */
  public Digest digest() {
    return manifest.digest();
  }
}
