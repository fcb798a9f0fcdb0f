package dev.ocitrust.graph;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Wraps a target, counting calls per digest, and can fail chosen fetches. */
class CountingTarget implements Target {
  final Target delegate;
  final Map<Digest, AtomicInteger> fetches = new ConcurrentHashMap<>();
  final Map<Digest, AtomicInteger> pushes = new ConcurrentHashMap<>();
  final Map<Digest, AtomicInteger> exists = new ConcurrentHashMap<>();

  /** Pushes that read content (the store did not have it already). */
  final Map<Digest, AtomicInteger> transfers = new ConcurrentHashMap<>();

  final Map<Digest, AtomicInteger> referrerListings = new ConcurrentHashMap<>();
  final AtomicInteger resolves = new AtomicInteger();
  final AtomicInteger tagsSet = new AtomicInteger();
  final List<List<Digest>> referrerBatches = Collections.synchronizedList(new ArrayList<>());
  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final Set<Digest> failFetch = ConcurrentHashMap.newKeySet();

  CountingTarget(Target delegate) {
    this.delegate = delegate;
  }

  static int count(Map<Digest, AtomicInteger> map, Digest d) {
    AtomicInteger n = map.get(d);
    return n == null ? 0 : n.get();
  }

  static int total(Map<Digest, AtomicInteger> map) {
    return map.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private static void inc(Map<Digest, AtomicInteger> map, Digest d) {
    map.computeIfAbsent(d, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    inc(fetches, target.digest());
    if (failFetch.contains(target.digest())) {
      throw new IOException("injected failure fetching " + target.digest());
    }
    return delegate.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    inc(exists, target.digest());
    return delegate.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    inc(pushes, expected.digest());
    events.add("push " + expected.digest());
    boolean[] read = {false};
    delegate.push(
        expected,
        new java.io.FilterInputStream(content) {
          @Override
          public int read() throws IOException {
            read[0] = true;
            return super.read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            read[0] = true;
            return super.read(b, off, len);
          }
        });
    if (read[0]) {
      inc(transfers, expected.digest());
    }
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
    events.add("tag " + tag + " " + target.digest());
    tagsSet.incrementAndGet();
    delegate.tag(target, tag);
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    inc(referrerListings, subject.digest());
    return delegate.referrers(subject, artifactType);
  }

  @Override
  public void pushReferrers(Descriptor subject, List<Manifest> referrers) throws IOException {
    referrerBatches.add(referrers.stream().map(m -> m.descriptor().digest()).toList());
    events.add("pushReferrers " + subject.digest() + " " + referrers.size());
    Target.super.pushReferrers(subject, referrers);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    events.add("delete " + target.digest());
    delegate.delete(target);
  }
}
