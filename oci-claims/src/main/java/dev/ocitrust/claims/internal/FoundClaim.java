package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.Deployment;
import dev.ocitrust.claims.Lifecycle;
import dev.ocitrust.claims.ReceiptCheck;
import dev.ocitrust.claims.TrustedIssuer;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A referrer examined as a claim: either it verified ({@link Verified}) or it did not and is
 * ignored with a reason ({@link Ignored}).
 */
public sealed interface FoundClaim {
  /** The claim's referrer manifest, as listed. */
  Descriptor manifest();

  /**
   * A claim whose statement verified: signed by a trusted chain of its issuer (or, listed without a
   * policy, by its own chain), about the artifact, consistent with its manifest.
   *
   * @param manifest the claim manifest
   * @param statementDigest the digest of the statement blob
   * @param contentType the signed content type (equal to the manifest's artifactType)
   * @param iss the signed iss
   * @param sub the signed sub
   * @param issuedAt the signed iat
   * @param issuer the policy issuer it belongs to; null when listed without a policy
   * @param approval the parsed approval, for approval claims
   * @param lifecycle the parsed lifecycle notice, for lifecycle claims
   * @param deployment the parsed deployment record, for deployment claims
   * @param timestamp the verified time stamp's time, if one was verified
   * @param payload the signed payload
   * @param receipts what became of each receipt the claim carries
   */
  @SuppressWarnings("ArrayRecordComponent") // the payload is copied in and out
  record Verified(
      Descriptor manifest,
      Digest statementDigest,
      String contentType,
      String iss,
      String sub,
      Instant issuedAt,
      @Nullable TrustedIssuer issuer,
      Optional<Approval> approval,
      Optional<Lifecycle> lifecycle,
      Optional<Deployment> deployment,
      Optional<Instant> timestamp,
      byte[] payload,
      List<ReceiptCheck> receipts)
      implements FoundClaim {
    /** A verified claim; the payload is copied. */
    public Verified {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(deployment, "deployment");
      payload = payload.clone();
      receipts = List.copyOf(receipts);
    }

    /** Whether a receipt verified by one of {@code services} (by name) is among its receipts. */
    public boolean loggedBy(List<String> services) {
      return receipts.stream()
          .anyMatch(r -> r.verified() && r.service().map(services::contains).orElse(false));
    }

    /** The payload (a copy). */
    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /**
     * How strongly the claim denies, for breaking ties between claims of one key and iat: a
     * rejection, or a lifecycle state by severity (revoked the most), a closed deployment record
     * over an open one; 0 for anything else.
     */
    public int severity() {
      if (approval.isPresent()) {
        return approval.get().decision() == Approval.Decision.REJECTED ? 1 : 0;
      }
      if (deployment.isPresent()) {
        return deployment.get().to().isPresent() ? 1 : 0;
      }
      return lifecycle.map(l -> severity(l.state())).orElse(0);
    }

    private static int severity(dev.ocitrust.claims.LifecycleState state) {
      return switch (state) {
        case ACTIVE -> 0;
        case DEPRECATED -> 1;
        case END_OF_LIFE -> 2;
        case REVOKED -> 3;
      };
    }
  }

  /**
   * A referrer that is not counted, and why.
   *
   * @param manifest the referrer manifest
   * @param contentType its content type as far as it could be read (unverified)
   * @param iss its iss as far as it could be read (unverified)
   * @param issuedAt its iat as far as it could be read (unverified)
   * @param reason why it is not counted
   * @param holdsStatement whether its manifest has the shape of a claim (one statement layer)
   */
  record Ignored(
      Descriptor manifest,
      Optional<String> contentType,
      Optional<String> iss,
      Optional<Instant> issuedAt,
      String reason,
      boolean holdsStatement)
      implements FoundClaim {}
}
