package dev.ocitrust.client;

import java.util.List;
import java.util.Objects;

/**
 * Where one referrer listing of a {@link MirroredRepository} came from: for a verification report,
 * which endpoints answered, whether the primary was one of them, and which could not be reached.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * for (ReferrerListing l : mirrored.referrerListings()) {
 *   System.out.println(l);   // referrers of sha256:... listed from 127.0.0.1:5000/app (primary)
 * }
 * }</pre>
 *
 * @param subject the subject whose referrers were listed
 * @param source the setting the listing followed
 * @param from the endpoints ({@code host/repository}) whose listings make up the answer
 * @param primary the primary endpoint ({@code host/repository})
 * @param unreachable the endpoints that were asked and failed, with the reason
 * @param count how many referrers the listing holds
 */
public record ReferrerListing(
    Digest subject,
    ReferrerSource source,
    List<String> from,
    String primary,
    List<String> unreachable,
    int count) {
  /** Copies the lists. */
  public ReferrerListing {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(primary, "primary");
    from = List.copyOf(from);
    unreachable = List.copyOf(unreachable);
  }

  /** Whether the primary's listing is part of the answer. */
  public boolean includesPrimary() {
    return from.contains(primary);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("referrers of ").append(subject).append(": ").append(count);
    s.append(" listed from ");
    for (int i = 0; i < from.size(); i++) {
      s.append(i > 0 ? ", " : "").append(from.get(i));
      s.append(from.get(i).equals(primary) ? " (primary)" : " (mirror)");
    }
    s.append(" [").append(source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    s.append(']');
    if (!includesPrimary()) {
      s.append("; WARNING: not from the primary, a revocation there may be missing");
    }
    for (String u : unreachable) {
      s.append("; unreachable: ").append(u);
    }
    return s.toString();
  }
}
