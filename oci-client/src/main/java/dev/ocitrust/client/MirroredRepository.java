package dev.ocitrust.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repository read through its mirrors: a {@link Target} whose reads try the mirrors in order and
 * the primary last, as containers/image does, and whose writes go to the primary only. Obtained
 * from {@link RegistryClient#target(Reference)} when a {@link RegistryHosts} entry gives the
 * reference mirrors.
 *
 * <p>What it guarantees: everything read from a mirror is verified by digest like anything read
 * from the primary (a mirror that serves other bytes fails that read and the next endpoint is
 * tried; a blob that fails verification while it streams fails the read). A tag is resolved only by
 * a mirror whose {@link PullFromMirror} allows tags, or by the primary; the endpoint that resolved
 * it is asked first for everything after, so one image comes from one place while it can.
 * Credentials go only to the host they were configured for (each endpoint asks the client's {@link
 * CredentialsProvider} for its own host). Referrers are listed as the {@link ReferrerSource} says,
 * and each listing is recorded ({@link #referrerListings()}). {@link #exists}, {@link #tags()} and
 * every write ask the primary only. When every endpoint fails, the primary's exception is thrown
 * with the mirrors' failures as suppressed exceptions.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder().registryHosts(hosts).build();
 * Target app = client.target(Reference.parse("ghcr.io/acme/app:v1"));
 * Descriptor v1 = app.resolve("v1");            // a mirror first, ghcr.io last
 * if (app instanceof MirroredRepository m) {
 *   m.referrers(v1, null);                      // from ghcr.io (primary required)
 *   m.referrerListings().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class MirroredRepository implements Target {
  /** The most listings {@link #referrerListings()} keeps (the oldest go). */
  public static final int MAX_LISTINGS = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(MirroredRepository.class);

  private final RegistryRoute route;
  private final Endpoint primary;
  private final List<Endpoint> mirrors;
  private final ReferrerSource referrerSource;
  private final Deque<ReferrerListing> listings = new ArrayDeque<>();
  private volatile @Nullable Endpoint pinned;

  private record Endpoint(Repository repository, PullFromMirror pull, boolean mirror) {
    String name() {
      return repository.registry() + "/" + repository.name();
    }
  }

  @FunctionalInterface
  private interface Read<T> {
    T from(Repository repository) throws IOException;
  }

  MirroredRepository(
      RegistryRoute route,
      Repository primary,
      List<Repository> mirrors,
      ReferrerSource referrerSource) {
    this.route = Objects.requireNonNull(route, "route");
    this.primary = new Endpoint(primary, PullFromMirror.ALL, false);
    List<Endpoint> m = new ArrayList<>();
    for (int i = 0; i < mirrors.size(); i++) {
      m.add(new Endpoint(mirrors.get(i), route.mirrors().get(i).pullFromMirror(), true));
    }
    this.mirrors = List.copyOf(m);
    this.referrerSource = Objects.requireNonNull(referrerSource, "referrerSource");
  }

  /** The route: the logical reference, the primary and the mirrors. */
  public RegistryRoute route() {
    return route;
  }

  /** The primary repository, where writes go. */
  public Repository primary() {
    return primary.repository();
  }

  /** Where referrers are listed from. */
  public ReferrerSource referrerSource() {
    return referrerSource;
  }

  /** The endpoint ({@code host/repository}) reads go to first, once a resolve pinned one. */
  public @Nullable String pinnedEndpoint() {
    Endpoint p = pinned;
    return p == null ? null : p.name();
  }

  /** The referrer listings made so far (at most {@value #MAX_LISTINGS}, oldest first). */
  public List<ReferrerListing> referrerListings() {
    synchronized (listings) {
      return List.copyOf(listings);
    }
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    return read(order(false), "fetch " + target.digest(), r -> r.fetch(target));
  }

  @Override
  public Manifest fetchManifest(Descriptor target) throws IOException {
    return read(order(false), "fetch " + target.digest(), r -> r.fetchManifest(target));
  }

  /** Whether the primary has {@code target} (mirrors are not asked: writes go to the primary). */
  @Override
  public boolean exists(Descriptor target) throws IOException {
    return primary.repository().exists(target);
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    boolean byTag = !Tags.isDigest(Objects.requireNonNull(reference, "reference"));
    List<IOException> failures = new ArrayList<>();
    for (Endpoint e : order(byTag)) {
      try {
        Descriptor d = e.repository().resolve(reference);
        pinned = e;
        return d;
      } catch (IOException x) {
        failed(e, "resolve " + reference, x, failures);
      }
    }
    throw combined(failures);
  }

  /** The primary's tags (mirrors may lag behind). */
  @Override
  public List<String> tags() throws IOException {
    return primary.repository().tags();
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    primary.repository().tag(target, tag);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    primary.repository().push(expected, content);
  }

  @Override
  public Descriptor push(Manifest manifest) throws IOException {
    return primary.repository().push(manifest);
  }

  @Override
  public void pushReferrers(Descriptor subject, List<Manifest> batch) throws IOException {
    primary.repository().pushReferrers(subject, batch);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    primary.repository().delete(target);
  }

  @Override
  public List<Descriptor> withPossibleReferrers(List<Descriptor> subjects) throws IOException {
    if (referrerSource == ReferrerSource.PRIMARY_REQUIRED) {
      return primary.repository().withPossibleReferrers(subjects);
    }
    return List.copyOf(subjects);
  }

  /**
   * The referrers of {@code subject} as the {@link ReferrerSource} says; the listing is recorded.
   *
   * @throws PrimaryUnavailableException when the source requires the primary and its listing fails
   */
  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    List<String> from = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    List<Descriptor> result;
    if (referrerSource == ReferrerSource.ANY_AVAILABLE) {
      List<IOException> failures = new ArrayList<>();
      result = null;
      for (Endpoint e : mirrorsThen(false)) {
        try {
          result = e.repository().referrers(subject, artifactType);
          from.add(e.name());
          break;
        } catch (IOException x) {
          failed(e, "list referrers of " + subject.digest(), x, failures);
          unreachable.add(e.name() + ": " + x.getMessage());
        }
      }
      if (result == null) {
        throw combined(failures);
      }
    } else {
      try {
        result = primary.repository().referrers(subject, artifactType);
      } catch (IOException x) {
        if (x instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
          throw x;
        }
        throw new PrimaryUnavailableException(primary.name(), subject.digest(), referrerSource, x);
      }
      from.add(primary.name());
      if (referrerSource == ReferrerSource.UNION) {
        Map<Digest, Descriptor> merged = new LinkedHashMap<>();
        result.forEach(d -> merged.put(d.digest(), d));
        for (Endpoint e : mirrors) {
          if (!e.pull().allowsDigests()) {
            continue;
          }
          try {
            e.repository()
                .referrers(subject, artifactType)
                .forEach(d -> merged.putIfAbsent(d.digest(), d));
            from.add(e.name());
          } catch (IOException x) {
            LOG.debug(
                "{}: referrers of {} not listed: {}", e.name(), subject.digest(), x.toString());
            unreachable.add(e.name() + ": " + x.getMessage());
          }
        }
        result = List.copyOf(merged.values());
      }
    }
    record(
        new ReferrerListing(
            subject.digest(), referrerSource, from, primary.name(), unreachable, result.size()));
    return result;
  }

  private void record(ReferrerListing listing) {
    synchronized (listings) {
      if (listings.size() == MAX_LISTINGS) {
        listings.removeFirst();
      }
      listings.addLast(listing);
    }
  }

  /** The endpoints for a read by tag or by digest: the pinned one first, the primary last. */
  private List<Endpoint> order(boolean byTag) {
    List<Endpoint> order = mirrorsThen(byTag);
    Endpoint p = pinned;
    if (p != null && order.remove(p)) {
      order.add(0, p);
    } else if (p != null && !byTag) {
      // a tag-only mirror that resolved the tag serves that image's content by digest too
      order.add(0, p);
    }
    return order;
  }

  private List<Endpoint> mirrorsThen(boolean byTag) {
    List<Endpoint> order = new ArrayList<>();
    for (Endpoint e : mirrors) {
      if (byTag ? e.pull().allowsTags() : e.pull().allowsDigests()) {
        order.add(e);
      }
    }
    order.add(primary);
    return order;
  }

  private <T> T read(List<Endpoint> order, String what, Read<T> read) throws IOException {
    List<IOException> failures = new ArrayList<>();
    for (Endpoint e : order) {
      try {
        return read.from(e.repository());
      } catch (IOException x) {
        failed(e, what, x, failures);
      }
    }
    throw combined(failures);
  }

  private static void failed(Endpoint e, String what, IOException x, List<IOException> failures)
      throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw x;
    }
    LOG.debug("{}: {} failed: {}", e.name(), what, x.toString());
    failures.add(x);
  }

  /** The last failure (the primary's, tried last) with the others suppressed. */
  private static IOException combined(List<IOException> failures) {
    IOException last = failures.get(failures.size() - 1);
    for (int i = 0; i < failures.size() - 1; i++) {
      last.addSuppressed(failures.get(i));
    }
    return last;
  }

  @Override
  public String toString() {
    return "MirroredRepository[" + route.logical().name() + " via " + mirrors.size() + " mirrors]";
  }
}
