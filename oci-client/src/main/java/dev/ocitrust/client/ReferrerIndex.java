package dev.ocitrust.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Referrers of each subject in a local store, found from the stored manifests' {@code subject}
 * fields. Thread-safe.
 */
final class ReferrerIndex {
  private final Map<Digest, Map<Digest, Descriptor>> bySubject = new ConcurrentHashMap<>();

  /** Records {@code manifest} as a referrer of its subject, if it has one. */
  void add(Manifest manifest) {
    manifest
        .subject()
        .ifPresent(
            subject ->
                bySubject
                    .computeIfAbsent(subject.digest(), d -> new ConcurrentHashMap<>())
                    .put(manifest.descriptor().digest(), manifest.referrerDescriptor()));
  }

  /** Forgets {@code manifest} as a referrer. */
  void remove(Manifest manifest) {
    manifest
        .subject()
        .ifPresent(
            subject -> {
              Map<Digest, Descriptor> referrers = bySubject.get(subject.digest());
              if (referrers != null) {
                referrers.remove(manifest.descriptor().digest());
              }
            });
  }

  /** The referrers of {@code subject}, sorted by digest, filtered by artifact type when given. */
  List<Descriptor> list(Digest subject, @Nullable String artifactType) {
    Map<Digest, Descriptor> referrers = bySubject.getOrDefault(subject, Map.of());
    List<Descriptor> out = new ArrayList<>(referrers.values());
    out.sort(Comparator.comparing(d -> d.digest().toString()));
    return filter(out, artifactType);
  }

  /**
   * Checks that every one of {@code referrers} names {@code subject} as its subject.
   *
   * @throws IllegalArgumentException naming the first that does not
   */
  static void requireSubject(Descriptor subject, List<Manifest> referrers) {
    for (Manifest referrer : referrers) {
      if (!referrer.subject().map(s -> s.digest().equals(subject.digest())).orElse(false)) {
        throw new IllegalArgumentException(
            referrer.descriptor().digest() + " does not have subject " + subject.digest());
      }
    }
  }

  /** Keeps the descriptors of {@code artifactType}; all of them when it is null. */
  static List<Descriptor> filter(List<Descriptor> referrers, @Nullable String artifactType) {
    if (artifactType == null) {
      return List.copyOf(referrers);
    }
    return referrers.stream().filter(d -> d.hasArtifactType(artifactType)).toList();
  }
}
