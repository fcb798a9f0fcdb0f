package dev.ocitrust.claims;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.VerificationResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Follows the successors claim decisions name, judging each with one gate. Used once. */
final class RedirectWalk {
  private final DeploymentGate gate;
  private final SuccessorLocator locator;
  private final int maxRedirects;
  private final List<GateResult> hops = new ArrayList<>();
  private final List<ArtifactLocation> locations = new ArrayList<>();

  RedirectWalk(DeploymentGate gate, SuccessorLocator locator, int maxRedirects) {
    this.gate = gate;
    this.locator = locator;
    this.maxRedirects = maxRedirects;
  }

  RedirectChain follow(ArtifactLocation start, String environment)
      throws IOException, PolicyException {
    Set<Digest> seen = new HashSet<>();
    ArtifactLocation at = start;
    GateResult hop = gate.judge(at.target(), at.scope(), at.reference(), environment);
    add(hop, at);
    seen.add(hop.artifact().digest());
    for (Optional<String> next = successor(hop); next.isPresent(); next = successor(hop)) {
      if (hops.size() > maxRedirects) {
        throw broken("the redirect chain is longer than " + maxRedirects + " redirects");
      }
      ArtifactLocation to;
      Descriptor artifact;
      try {
        to = locator.resolve(next.get(), at);
        artifact = ClaimVerifier.resolve(to.target(), to.reference());
      } catch (NotFoundException e) {
        throw broken("successor " + next.get() + " of " + at + " does not exist", e);
      } catch (PolicyException e) {
        throw broken("successor " + next.get() + " of " + at + ": " + e.getMessage(), e);
      }
      to = to.withReference(artifact.digest().toString());
      if (!seen.add(artifact.digest())) {
        locations.add(to);
        throw broken("redirect loop: " + path());
      }
      hop = gate.judge(to.target(), to.scope(), to.reference(), environment);
      add(hop, to);
      requireSameStatements(hops.get(0), hop, to);
      at = to;
    }
    return new RedirectChain(hops, locations);
  }

  private void add(GateResult hop, ArtifactLocation at) {
    hops.add(hop);
    locations.add(at);
  }

  private static Optional<String> successor(GateResult hop) {
    return hop.claims().flatMap(ClaimDecision::successor);
  }

  /** A successor under another statement could be judged by a weaker policy: refused. */
  private void requireSameStatements(GateResult first, GateResult hop, ArtifactLocation at)
      throws InvalidRedirectException {
    Optional<String> claims = hop.claims().map(ClaimDecision::statement);
    Optional<String> firstClaims = first.claims().map(ClaimDecision::statement);
    if (claims.isPresent() && !claims.equals(firstClaims)) {
      throw broken(
          "successor "
              + at
              + " falls under claim policy statement \""
              + claims.get()
              + "\", not \""
              + firstClaims.orElse("")
              + "\": a redirect must not change the policy");
    }
    Optional<String> trust = hop.signatures().map(RedirectWalk::statement);
    Optional<String> firstTrust = first.signatures().map(RedirectWalk::statement);
    if (trust.isPresent() && !trust.equals(firstTrust)) {
      throw broken(
          "successor "
              + at
              + " falls under trust policy statement \""
              + trust.get()
              + "\", not \""
              + firstTrust.orElse("")
              + "\": a redirect must not change the policy");
    }
  }

  private static String statement(VerificationResult r) {
    return r.statement().name();
  }

  private String path() {
    return locations.stream().map(ArtifactLocation::toString).collect(Collectors.joining(" -> "));
  }

  private InvalidRedirectException broken(String why) {
    return new InvalidRedirectException(why, hops);
  }

  private InvalidRedirectException broken(String why, Throwable cause) {
    return new InvalidRedirectException(why, hops, cause);
  }
}
