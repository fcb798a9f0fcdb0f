package dev.ocitrust.client;

import dev.ocitrust.client.internal.VerifiedContent;
import dev.ocitrust.client.internal.VerifiedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Target} held in memory: for tests, for staging a graph before pushing it, and for small
 * artifacts.
 *
 * <p>Behaves like the other stores: pushes are verified against their descriptor before they are
 * visible, manifests must parse, fetched streams verify what they hand out, and referrers are found
 * from the stored manifests' {@code subject} fields.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * MemoryStore store = new MemoryStore();
 * store.push(Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(UTF_8));
 * Descriptor m = store.push(manifest);
 * store.tag(m, "v1");
 * }</pre>
 */
public final class MemoryStore implements Target {
  private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<Digest, Descriptor> manifests = new ConcurrentHashMap<>();
  private final Map<String, Descriptor> tags = new ConcurrentHashMap<>();
  private final ReferrerIndex referrers = new ReferrerIndex();

  /** Creates an empty store. */
  public MemoryStore() {}

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    byte[] content = blobs.get(target.digest());
    if (content == null) {
      throw new NotFoundException("memory store: " + target.digest() + " not found");
    }
    return new VerifiedInputStream(new ByteArrayInputStream(content), target, "memory store");
  }

  @Override
  public boolean exists(Descriptor target) {
    byte[] content = blobs.get(target.digest());
    return content != null && content.length == target.size();
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    Objects.requireNonNull(content, "content");
    if (exists(expected) && !needsManifestRecord(expected)) {
      return;
    }
    if (expected.size() > Integer.MAX_VALUE - 8) {
      throw new OciException(
          "memory store: " + expected.digest() + " is too large (" + expected.size() + " bytes)");
    }
    boolean manifest = MediaTypes.isManifest(expected.mediaType());
    if (manifest && expected.size() > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          "manifest "
              + expected.digest()
              + " is "
              + expected.size()
              + " bytes; the limit is "
              + Manifest.MAX_BYTES);
    }
    // The caller's stream is read but not closed: it belongs to the caller.
    byte[] bytes = VerifiedContent.verifying(content, expected, "push").readAllBytes();
    if (manifest) {
      Manifest parsed = Manifest.parse(expected, bytes);
      blobs.put(expected.digest(), bytes);
      manifests.put(expected.digest(), expected.withoutAnnotation(Descriptor.ANNOTATION_REF_NAME));
      referrers.add(parsed);
    } else {
      blobs.put(expected.digest(), bytes);
    }
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    Descriptor found;
    if (Tags.isDigest(reference)) {
      found = manifests.get(Digest.parse(reference));
    } else {
      found = tags.get(reference);
    }
    if (found == null) {
      throw new NotFoundException("memory store: " + reference + " not found");
    }
    return found;
  }

  @Override
  public List<String> tags() {
    return tags.keySet().stream().sorted().toList();
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    Tags.requireValid(tag, "memory store");
    Descriptor manifest = manifests.get(target.digest());
    if (manifest == null) {
      throw new NotFoundException(
          "memory store: cannot tag " + target.digest() + " as " + tag + ": manifest not found");
    }
    tags.put(tag, manifest);
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType) {
    return referrers.list(subject.digest(), artifactType);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    byte[] content = blobs.get(target.digest());
    if (content == null) {
      throw new NotFoundException("memory store: " + target.digest() + " not found");
    }
    Descriptor manifest = manifests.remove(target.digest());
    if (manifest != null) {
      referrers.remove(Manifest.parse(manifest, content));
      tags.values().removeIf(d -> d.digest().equals(target.digest()));
    }
    blobs.remove(target.digest());
  }

  private boolean needsManifestRecord(Descriptor expected) {
    return MediaTypes.isManifest(expected.mediaType()) && !manifests.containsKey(expected.digest());
  }
}
