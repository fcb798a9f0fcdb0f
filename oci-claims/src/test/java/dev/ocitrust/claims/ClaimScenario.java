package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.SARIF;
import static dev.ocitrust.claims.ClaimFixture.bytes;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The scenario's claims on one image, as the interop tests issue them with ocitrust: Wabbit
 * Networks (publisher) attaches a scan result and approves the image for prod and staging; ACME
 * Rockets (consumer) first rejects it for prod, then approves it for prod (its approval supersedes
 * its own rejection), and rejects it for staging (overriding Wabbit's approval there).
 *
 * <p>So, judged at {@link ClaimFixture#NOW}: prod is allowed (ACME's approval decides), staging is
 * denied (ACME's rejection decides), and ACME's prod rejection is superseded.
 */
final class ClaimScenario {
  static final String STAGING = "staging";

  /** Approvals from either (ACME first), a fresh Wabbit scan, no rejection; prod and staging. */
  static String policy() {
    String rules =
        ClaimFixture.APPROVED_BY_EITHER
            + ",{\"name\":\"scanned\",\"requireClaim\":{\"contentType\":\""
            + SARIF
            + "\",\"from\":[\"wabbit\"],\"maxAge\":\"P1D\"}},"
            + ClaimFixture.NOT_REJECTED;
    return ClaimFixture.policy(rules, "")
        .replace("\"environments\":[\"prod\"]", "\"environments\":[\"prod\",\"staging\"]");
  }

  final Descriptor image;
  final Descriptor wabbitScan;
  final Descriptor wabbitApproval;
  final Descriptor acmeProdRejection;
  final Descriptor acmeProdApproval;
  final Descriptor acmeStagingRejection;

  private ClaimScenario(Descriptor image, List<Descriptor> claims) {
    this.image = image;
    this.wabbitScan = claims.get(0);
    this.wabbitApproval = claims.get(1);
    this.acmeProdRejection = claims.get(2);
    this.acmeProdApproval = claims.get(3);
    this.acmeStagingRejection = claims.get(4);
  }

  /** Issues the five claims about {@code tag} of {@code target} with ocitrust. */
  static ClaimScenario issue(ClaimFixture f, Target target, String tag) throws Exception {
    Descriptor image = target.resolve(tag).basic();
    Descriptor scan =
        f.wabbitAt(ago(180))
            .issue(target, tag, SARIF, bytes("{\"version\":\"2.1.0\",\"runs\":[]}"));
    Descriptor wabbitApproval =
        f.wabbitAt(ago(170))
            .approve(
                target,
                tag,
                new Approval(
                    List.of("prod", STAGING),
                    Approval.Decision.APPROVED,
                    Optional.empty(),
                    Optional.of("release build, scan clean")));
    Descriptor acmeRejection =
        f.acmeAt(ago(120))
            .approve(target, tag, Approval.rejected("prod").withReason("pending our scan"));
    Descriptor acmeApproval =
        f.acmeAt(ago(60)).approve(target, tag, Approval.approved("prod").withReason("scanned"));
    Descriptor acmeStaging =
        f.acmeAt(ago(30))
            .approve(target, tag, Approval.rejected(STAGING).withReason("staging freeze"));
    return new ClaimScenario(
        image, List.of(scan, wabbitApproval, acmeRejection, acmeApproval, acmeStaging));
  }

  /** Every claim manifest, as issued. */
  List<Descriptor> claims() {
    return List.of(
        wabbitScan, wabbitApproval, acmeProdRejection, acmeProdApproval, acmeStagingRejection);
  }

  static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  /**
   * What a decision says, without where it was made (scope, reference) and with the claims in
   * digest order (listing order differs between stores): two stores holding the same graph must
   * give equal views.
   */
  record View(
      ClaimDecision.Verdict verdict,
      Digest artifact,
      String environment,
      String statement,
      Instant evaluatedAt,
      List<RuleOutcome> rules,
      List<ClaimView> claims,
      List<String> warnings) {
    static View of(ClaimDecision d) {
      return new View(
          d.verdict(),
          d.artifact().digest(),
          d.environment(),
          d.statement(),
          d.evaluatedAt(),
          d.rules(),
          d.claims().stream()
              .map(ClaimView::of)
              .sorted(Comparator.comparing(c -> c.digest().toString()))
              .toList(),
          d.warnings().stream().sorted().toList());
    }
  }

  /** One claim record without the listed descriptor's extra fields (digest and status only). */
  record ClaimView(
      Digest digest,
      ClaimStatus status,
      Optional<String> contentType,
      Optional<String> iss,
      Optional<Instant> issuedAt,
      Optional<String> issuer,
      Optional<Approval> approval,
      Optional<Digest> supersededBy,
      Optional<String> reason) {
    static ClaimView of(ClaimRecord r) {
      return new ClaimView(
          r.digest(),
          r.status(),
          r.contentType(),
          r.iss(),
          r.issuedAt(),
          r.issuer(),
          r.approval(),
          r.supersededBy(),
          r.reason());
    }
  }
}
