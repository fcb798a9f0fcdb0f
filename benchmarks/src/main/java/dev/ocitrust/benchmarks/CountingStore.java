package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A target that counts the reads made through it (resolves, referrer listings, manifest and blob
 * fetches) and forwards every call: the claims benchmark's request count for an OCI image layout,
 * where there is no server log.
 */
final class CountingStore implements Target {
  private final Target delegate;
  final AtomicInteger resolves = new AtomicInteger();
  final AtomicInteger listings = new AtomicInteger();
  final AtomicInteger manifests = new AtomicInteger();
  final AtomicInteger blobs = new AtomicInteger();

  CountingStore(Target delegate) {
    this.delegate = delegate;
  }

  /** E.g. {@code 402 (tag 1, listing 1, per claim 2.00: 200 manifests, 200 statements)}. */
  String describe(int claims) {
    int total = resolves.get() + listings.get() + manifests.get() + blobs.get();
    return String.format(
        "%d (tag %d, listing %d, per claim %.2f: %d manifests, %d blobs)",
        total,
        resolves.get(),
        listings.get(),
        (manifests.get() + blobs.get()) / (double) claims,
        manifests.get(),
        blobs.get());
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    resolves.incrementAndGet();
    return delegate.resolve(reference);
  }

  @Override
  public List<String> tags() throws IOException {
    return delegate.tags();
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    delegate.tag(target, tag);
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    listings.incrementAndGet();
    return delegate.referrers(subject, artifactType);
  }

  @Override
  public void pushReferrers(Descriptor subject, List<Manifest> referrers) throws IOException {
    delegate.pushReferrers(subject, referrers);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    delegate.delete(target);
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    (MediaTypes.isManifest(target.mediaType()) ? manifests : blobs).incrementAndGet();
    return delegate.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return delegate.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    delegate.push(expected, content);
  }
}
