package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses which referrers a walk, copy or purge takes, from the referrer's descriptor alone
 * (artifact type and annotations, as listed by the store), so that nothing needs downloading to
 * decide. A walk applies the filter again to the descriptor of the fetched manifest and drops a
 * referrer whose manifest contradicts its listing.
 *
 * <p>Implementations must be thread-safe and side-effect free; the factories here are.
 *
 * <pre>{@code
 * ReferrerFilter publishable = ReferrerFilter.all()
 *     .and(ReferrerFilter.annotationEquals("dev.ocitrust.claim.visibility", "internal").negate());
 * ReferrerFilter sigs = ReferrerFilter.artifactTypes("application/vnd.cncf.notary.signature");
 * }</pre>
 */
@FunctionalInterface
public interface ReferrerFilter {
  /** Whether the referrer described by {@code referrer} is taken. */
  boolean test(Descriptor referrer);

  /** Takes every referrer. */
  static ReferrerFilter all() {
    return r -> true;
  }

  /** Takes no referrer. */
  static ReferrerFilter none() {
    return r -> false;
  }

  /** Takes referrers whose artifact type is one of {@code types}. */
  static ReferrerFilter artifactTypes(String... types) {
    Set<String> set = Set.of(types);
    return r -> r.artifactType().filter(set::contains).isPresent();
  }

  /** Takes referrers whose artifact type is one of {@code types}. */
  static ReferrerFilter artifactTypes(List<String> types) {
    return artifactTypes(types.toArray(String[]::new));
  }

  /** Takes referrers carrying annotation {@code key}, whatever its value. */
  static ReferrerFilter hasAnnotation(String key) {
    Objects.requireNonNull(key, "key");
    return r -> r.annotations().containsKey(key);
  }

  /** Takes referrers whose annotation {@code key} is exactly {@code value}. */
  static ReferrerFilter annotationEquals(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return r -> value.equals(r.annotations().get(key));
  }

  /** Takes referrers both filters take. */
  default ReferrerFilter and(ReferrerFilter other) {
    Objects.requireNonNull(other, "other");
    return r -> test(r) && other.test(r);
  }

  /** Takes referrers either filter takes. */
  default ReferrerFilter or(ReferrerFilter other) {
    Objects.requireNonNull(other, "other");
    return r -> test(r) || other.test(r);
  }

  /** Takes the referrers this filter refuses. */
  default ReferrerFilter negate() {
    return r -> !test(r);
  }
}
