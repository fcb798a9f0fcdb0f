package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.DecisionRenderer;
import dev.ocitrust.client.Descriptor;
import java.util.List;

/**
 * Every claim found on an artifact, verified or not, with supersession marked, as {@link
 * ClaimVerifier#list} returns it. Printable as text ({@link #text()}) and JSON ({@link #json()}).
 *
 * <p>Only {@link ClaimVerifier} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * System.out.print(verifier.list(layout, "local/net-monitor", "v1", null).text());
 * }</pre>
 */
public final class ClaimListing {
  private final Descriptor artifact;
  private final List<ClaimRecord> claims;

  ClaimListing(Descriptor artifact, List<ClaimRecord> claims) {
    this.artifact = artifact;
    this.claims = List.copyOf(claims);
  }

  /** The artifact the reference resolved to. */
  public Descriptor artifact() {
    return artifact;
  }

  /** The claims, in listing order. */
  public List<ClaimRecord> claims() {
    return claims;
  }

  /** One line per claim: status, digest, content type, issuer, iat, and why. */
  public String text() {
    return artifact.digest() + "\n" + DecisionRenderer.claimsText(claims, "");
  }

  /** The claims as a JSON document. */
  public String json() {
    return DecisionRenderer.claimsJson(artifact, claims);
  }
}
