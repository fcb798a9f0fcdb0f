package dev.ocitrust.claims.internal;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The artifacts of a store: the manifests a repository's tags name, or every manifest of a layout's
 * {@code index.json}, without referrers (manifests with a {@code subject}: they go with their
 * artifact), each once, with its tags.
 *
 * <p>Thread-safe: stateless.
 */
public final class StoreArtifacts {
  /** An artifact and the tags naming it. */
  public record Entry(Descriptor artifact, List<String> tags) {}

  private StoreArtifacts() {}

  /** The artifacts of {@code store}, in tag (or index) order. */
  public static List<Entry> of(Target store) throws IOException {
    Map<Digest, Descriptor> roots = new LinkedHashMap<>();
    Map<Digest, List<String>> tags = new LinkedHashMap<>();
    if (store instanceof OciLayout layout) {
      for (Descriptor d : layout.index()) {
        roots.putIfAbsent(d.digest(), d.basic());
      }
    }
    for (String tag : store.tags()) {
      Descriptor d = store.resolve(tag).basic();
      roots.putIfAbsent(d.digest(), d);
      tags.computeIfAbsent(d.digest(), k -> new ArrayList<>()).add(tag);
    }
    List<Entry> out = new ArrayList<>();
    for (Descriptor d : roots.values()) {
      if (!MediaTypes.isManifest(d.mediaType()) || !store.exists(d)) {
        continue;
      }
      Manifest m = store.fetchManifest(d);
      if (m.subject().isEmpty()) {
        out.add(new Entry(d, tags.getOrDefault(d.digest(), List.of())));
      }
    }
    return out;
  }
}
