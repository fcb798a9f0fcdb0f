package dev.ocitrust.claims;

import java.util.List;

/**
 * The artifacts a deployment decision went through by following lifecycle redirects: the first is
 * the artifact asked about, each next one the successor its claim decision named, the last one
 * names no successor. Each hop was judged in full (signature and claims) by the same gate.
 *
 * <p>Only {@link DeploymentGate#verifyFollowingRedirects} creates one. Immutable and thread-safe.
 *
 * <pre>{@code
 * RedirectChain chain = gate.verifyFollowingRedirects(location, "prod", locator);
 * if (chain.isAllowed()) deploy(chain.last().artifact().digest());
 * }</pre>
 */
public final class RedirectChain {
  private final List<GateResult> hops;
  private final List<ArtifactLocation> locations;

  RedirectChain(List<GateResult> hops, List<ArtifactLocation> locations) {
    if (hops.isEmpty() || hops.size() != locations.size()) {
      throw new IllegalArgumentException("a chain has one location per hop, at least one");
    }
    this.hops = List.copyOf(hops);
    this.locations = List.copyOf(locations);
  }

  /** Every artifact judged, first to last. */
  public List<GateResult> hops() {
    return hops;
  }

  /**
   * Where each hop was judged, as the chain named it (the reference is a digest after the first).
   */
  public List<ArtifactLocation> locations() {
    return locations;
  }

  /** The artifact the chain ends at: the one to deploy when {@link #isAllowed()}. */
  public GateResult last() {
    return hops.get(hops.size() - 1);
  }

  /** Whether the artifact the chain ends at may run. */
  public boolean isAllowed() {
    return last().isAllowed();
  }

  /** Whether a successor was followed. */
  public boolean redirected() {
    return hops.size() > 1;
  }

  /** Each hop as {@link GateResult#text()} writes it, with the redirects between them. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < hops.size(); i++) {
      if (i > 0) {
        b.append("redirect ")
            .append(i)
            .append(": ")
            .append(locations.get(i - 1))
            .append(" -> successor ")
            .append(locations.get(i))
            .append('\n');
      }
      b.append(hops.get(i).text());
    }
    if (redirected()) {
      b.append(isAllowed() ? "deploy: " : "no deployable successor: ")
          .append(locations.get(hops.size() - 1).scope())
          .append('@')
          .append(last().artifact().digest())
          .append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return (isAllowed() ? "ALLOWED " : "DENIED ") + hops.size() + " hop(s) to " + last();
  }
}
