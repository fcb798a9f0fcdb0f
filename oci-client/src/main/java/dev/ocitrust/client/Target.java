package dev.ocitrust.client;

import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A store of OCI content with names: an OCI image layout, an in-memory store, or one repository of
 * a registry. Everything that moves or checks artifacts (copy, discover, attach, purge, verify)
 * works on this interface, so it works between any two of them.
 *
 * <p>Implementations are thread-safe.
 *
 * <pre>{@code
 * Descriptor image = target.resolve("v1");
 * for (Descriptor sig : target.referrers(image, "application/vnd.cncf.notary.signature")) { ... }
 * }</pre>
 */
public interface Target extends Storage {
  /**
   * Resolves a tag, or a digest ({@code sha256:...}), to the descriptor of a manifest.
   *
   * @throws NotFoundException if nothing has that name
   */
  Descriptor resolve(String reference) throws IOException;

  /** The tags in this store or repository, in ascending order. */
  List<String> tags() throws IOException;

  /**
   * Points {@code tag} at the manifest {@code target}, which must already be in the store.
   *
   * @throws NotFoundException if the manifest is not there
   */
  void tag(Descriptor target, String tag) throws IOException;

  /**
   * The referrers of {@code subject}: manifests whose {@code subject} is it, as descriptors with
   * artifact type and annotations; only those of {@code artifactType} when that is not null.
   */
  List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType) throws IOException;

  /**
   * Of {@code subjects}, those that may have referrers here, in their order: a caller about to ask
   * {@link #referrers} about many manifests asks only about these. Stores that can rule subjects
   * out with fewer requests than asking about each one override this (a registry without the
   * referrers API lists its tags once and keeps the subjects whose fallback tag exists); the
   * default keeps them all. A referrer pushed meanwhile may be missed, as by any walk.
   */
  default List<Descriptor> withPossibleReferrers(List<Descriptor> subjects) throws IOException {
    return List.copyOf(subjects);
  }

  /**
   * Pushes manifests that all refer to {@code subject}, as exact bytes, and records them as its
   * referrers. Stores that keep a referrers index themselves (a registry without the referrers API)
   * override this to update that index once for the whole batch instead of once per manifest.
   */
  default void pushReferrers(Descriptor subject, List<Manifest> referrers) throws IOException {
    ReferrerIndex.requireSubject(subject, referrers);
    for (Manifest referrer : referrers) {
      push(referrer);
    }
  }

  /**
   * Deletes the content {@code target} (and, for a manifest, the tags naming it).
   *
   * @throws NotFoundException if it is not there
   */
  void delete(Descriptor target) throws IOException;
}
