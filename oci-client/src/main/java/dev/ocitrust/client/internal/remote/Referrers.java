package dev.ocitrust.client.internal.remote;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.InvalidManifestException;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.RegistryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Referrers of one repository: the referrers API ({@code GET /v2/<name>/referrers/<digest>}, with
 * {@code artifactType} filtering done here when the registry did not apply it, and pagination), or,
 * on registries without it, the fallback tag schema: an OCI index tagged {@code <alg>-<hex>} that
 * lists the referrers, which this class reads and keeps up to date (read-modify-write under a lock
 * per subject, no duplicates, the replaced index deleted). Whether the API works is learnt once per
 * repository and client.
 *
 * <p>Thread-safe.
 */
public final class Referrers {
  private static final Logger LOG = LoggerFactory.getLogger(Referrers.class);

  /** {@link #fallbackTag} of a sha256 or sha512 digest (truncated to 64 hex characters). */
  private static final Pattern FALLBACK_TAG = Pattern.compile("sha(?:256|512)-[0-9a-f]{64}");

  private final RemoteContext context;
  private final Manifests manifests;

  /** Creates the collaborator. */
  public Referrers(RemoteContext context, Manifests manifests) {
    this.context = context;
    this.manifests = manifests;
  }

  /** The fallback tag of {@code subject}: {@code <alg>-<encoded>}, truncated as the spec says. */
  public static String fallbackTag(Digest subject) {
    String alg = subject.algorithm();
    String enc = subject.encoded();
    return (alg.length() > 32 ? alg.substring(0, 32) : alg)
        + "-"
        + (enc.length() > 64 ? enc.substring(0, 64) : enc);
  }

  /** Whether {@code tag} has the form of a fallback tag. */
  public static boolean isFallbackTag(String tag) {
    return FALLBACK_TAG.matcher(tag).matches();
  }

  /** The referrers of {@code subject}, of {@code artifactType} only when not null. */
  public List<Descriptor> list(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    RemoteContext.RepositoryState state = context.state();
    if (!Boolean.FALSE.equals(state.referrersApi)) {
      List<Descriptor> viaApi = viaApi(subject.digest(), artifactType);
      if (viaApi != null) {
        state.referrersApi = Boolean.TRUE;
        return viaApi;
      }
      state.referrersApi = Boolean.FALSE;
    }
    Index index = readIndex(subject.digest());
    return filter(index == null ? List.of() : index.entries, artifactType);
  }

  /** Whether the registry serves the referrers API for this repository (asked once). */
  public boolean apiSupported(Digest subject) throws IOException {
    RemoteContext.RepositoryState state = context.state();
    Boolean known = state.referrersApi;
    if (known != null) {
      return known;
    }
    boolean supported = viaApi(subject, null) != null;
    state.referrersApi = supported;
    return supported;
  }

  /**
   * Records that {@code referrers}, all of {@code subject}, were pushed; {@code ociSubject} tells
   * whether the registry answered any of the pushes with {@code OCI-Subject}. Updates the fallback
   * index once for all of them when the registry has no referrers API.
   */
  public void pushed(Descriptor subject, List<Manifest> referrers, boolean ociSubject)
      throws IOException {
    if (referrers.isEmpty()) {
      return;
    }
    if (ociSubject) {
      context.state().referrersApi = Boolean.TRUE;
      return;
    }
    if (apiSupported(subject.digest())) {
      return;
    }
    update(
        subject.digest(), referrers.stream().map(Manifest::referrerDescriptor).toList(), Set.of());
  }

  /** Removes {@code referrer} from its subject's fallback index, if the registry uses one. */
  public void deleting(Manifest referrer) throws IOException {
    Descriptor subject = referrer.subject().orElse(null);
    if (subject == null || apiSupported(subject.digest())) {
      return;
    }
    update(subject.digest(), List.of(), Set.of(referrer.descriptor().digest()));
  }

  /**
   * Adds and removes entries of {@code subject}'s fallback index. Concurrent updates of one subject
   * are written together (a group commit): each joins the pending change, and whoever holds the
   * subject's lock next writes everything pending in one read-modify-write, so referrers pushed in
   * parallel batches cost one index update per round, not one per batch. Returns once the entries
   * are written, or throws what the write that carried them threw.
   */
  private void update(Digest subject, List<Descriptor> add, Set<Digest> remove) throws IOException {
    context.updateIndex(
        subject, add, remove, (adding, removing) -> write(subject, adding, removing));
  }

  /**
   * Writes the change into the fallback index and makes sure it stays there against other clients
   * writing the same index at once (another process attaching to the same subject): the registry
   * has no conditional write, so each round reads the index, writes it with the change merged in,
   * waits as long as that read and write took (the time another writer's read-modify-write needs to
   * land), and reads it again. When what it reads lacks an entry added or still has one removed,
   * another writer replaced the index in between: the next round merges that writer's entries with
   * these. At most {@link #MAX_ROUNDS} rounds; the caller holds the subject's lock.
   */
  private void write(Digest subject, List<Descriptor> add, Set<Digest> remove) throws IOException {
    String tag = fallbackTag(subject);
    Set<Digest> replaced = new java.util.LinkedHashSet<>();
    Index current = readIndex(subject);
    for (int round = 1; ; round++) {
      long started = System.nanoTime();
      Map<Digest, Descriptor> entries = merged(current, add, remove);
      boolean changed =
          current == null
              ? !entries.isEmpty()
              : !entries.keySet().equals(new java.util.LinkedHashSet<>(digests(current)))
                  || current.entries.size() != entries.size();
      if (!changed) {
        deleteReplaced(replaced, current);
        return;
      }
      if (current != null && current.digest != null) {
        replaced.add(current.digest);
      }
      if (!entries.isEmpty()) {
        putIndex(tag, ImageIndex.builder().manifests(new ArrayList<>(entries.values())).build());
        LOG.debug(
            "{}: referrers index {} of {} now lists {}",
            context.repository(),
            tag,
            subject,
            entries.keySet());
      } else if (current != null && current.digest != null) {
        deleteIndex(current.digest);
        replaced.remove(current.digest);
      }
      long rmw = System.nanoTime() - started;
      settle(rmw);
      current = readIndex(subject);
      if (holds(current, add, remove)) {
        // once more, later: a writer slower than this one may still land a stale index
        settle(2 * rmw);
        Index later = readIndex(subject);
        if (later != null && current != null && Objects.equals(later.digest, current.digest)) {
          deleteReplaced(replaced, current);
          return;
        }
        current = later;
        if (holds(current, add, remove)) {
          continue;
        }
      }
      if (round >= MAX_ROUNDS) {
        throw new RegistryException(
            0,
            "PUT",
            context.url("manifests", tag).toString(),
            context.repository(),
            tag,
            List.of(),
            "the referrers index of "
                + subject
                + " was replaced by other writers "
                + MAX_ROUNDS
                + " times in a row, each time without this client's change ("
                + add.size()
                + " added, "
                + remove.size()
                + " removed); try again");
      }
      LOG.debug(
          "{}: another writer replaced the referrers index {} of {}; merging (round {})",
          context.repository(),
          tag,
          subject,
          round + 1);
    }
  }

  /** Rounds of write, read back and merge against concurrent writers of one fallback index. */
  static final int MAX_ROUNDS = 8;

  /**
   * The entries of {@code old} (without duplicates) with {@code add} added, {@code remove} gone.
   */
  private static Map<Digest, Descriptor> merged(
      @Nullable Index old, List<Descriptor> add, Set<Digest> remove) {
    Map<Digest, Descriptor> entries = new LinkedHashMap<>();
    if (old != null) {
      for (Descriptor d : old.entries) {
        entries.putIfAbsent(d.digest(), d);
      }
    }
    for (Descriptor d : add) {
      entries.putIfAbsent(d.digest(), d);
    }
    for (Digest d : remove) {
      entries.remove(d);
    }
    return entries;
  }

  private static List<Digest> digests(Index index) {
    return index.entries.stream().map(Descriptor::digest).toList();
  }

  /** Whether {@code index} lists every one of {@code add} and none of {@code remove}. */
  private static boolean holds(@Nullable Index index, List<Descriptor> add, Set<Digest> remove) {
    Set<Digest> listed = index == null ? Set.of() : Set.copyOf(digests(index));
    return add.stream().allMatch(d -> listed.contains(d.digest()))
        && remove.stream().noneMatch(listed::contains);
  }

  /**
   * Waits as long as this client's read-modify-write took (at least 5 ms, at most 1 s): a writer
   * that read the index before this write landed has written its own by then, so the read that
   * follows sees it.
   */
  private static void settle(long rmwNanos) throws IOException {
    long millis = Math.max(5, Math.min(1000, rmwNanos / 1_000_000));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }

  /** Deletes the indexes this update replaced, except the one the tag names now. */
  private void deleteReplaced(Set<Digest> replaced, @Nullable Index current) {
    for (Digest d : replaced) {
      if (current == null || !d.equals(current.digest)) {
        deleteIndex(d);
      }
    }
  }

  private void deleteIndex(Digest digest) {
    try {
      manifests.delete(digest.toString());
    } catch (IOException e) {
      LOG.debug(
          "{}: could not delete the replaced referrers index {}: {}",
          context.repository(),
          digest,
          e.toString());
    }
  }

  /**
   * PUTs the index, repeating a few times when the registry claims a listed manifest is unknown:
   * docker-registry 2.8 under concurrent writes sometimes fails to see a manifest it has just
   * acknowledged (every listed manifest was pushed, and confirmed, before this index).
   */
  private void putIndex(String tag, ImageIndex index) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        manifests.put(tag, index.bytes(), MediaTypes.OCI_INDEX);
        return;
      } catch (RegistryException e) {
        if (attempt >= 5 || e.statusCode() != 400 || !e.hasCode("MANIFEST_BLOB_UNKNOWN")) {
          throw e;
        }
        LOG.debug(
            "{}: registry did not yet see every referrer of {}; again", context.repository(), tag);
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted");
        }
      }
    }
  }

  private record Index(@Nullable Digest digest, List<Descriptor> entries) {}

  /**
   * GETs the fallback index, repeating a few times on a 500: docker-registry 2.8 answers 500
   * (UNKNOWN) to a GET of a tag that another client is rewriting at that moment (it reads the tag's
   * link file while it is being written).
   */
  private Manifests.Fetched getIndex(String tag) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return manifests.get(tag);
      } catch (RegistryException e) {
        if (attempt >= 5 || e.statusCode() != 500) {
          throw e;
        }
        LOG.debug(
            "{}: GET of {} answered 500 (a concurrent write?); again", context.repository(), tag);
        pause(20L * attempt);
      }
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }

  /** The fallback index of {@code subject}, or null when there is none (or it is not one). */
  private @Nullable Index readIndex(Digest subject) throws IOException {
    Manifests.Fetched fetched;
    try {
      fetched = getIndex(fallbackTag(subject));
    } catch (NotFoundException e) {
      return null;
    }
    if (fetched.descriptor().digest().equals(subject)) {
      // A registry that resolves the fallback tag to the subject itself (oras-go #1396).
      LOG.debug(
          "{}: fallback tag of {} resolves to the subject; ignored", context.repository(), subject);
      return null;
    }
    if (!MediaTypes.OCI_INDEX.equals(fetched.descriptor().mediaType())) {
      return null;
    }
    Manifest parsed = Manifest.parse(fetched.descriptor(), fetched.bytes());
    if (!(parsed instanceof ImageIndex index)) {
      return null;
    }
    return new Index(fetched.descriptor().digest(), index.manifests());
  }

  /** The referrers from the API, or null when the registry does not serve it. */
  private @Nullable List<Descriptor> viaApi(Digest subject, @Nullable String artifactType)
      throws IOException {
    HttpUrl.Builder url = context.url("referrers", subject.toString()).newBuilder();
    if (artifactType != null) {
      url.addQueryParameter("artifactType", artifactType);
    }
    List<Descriptor> out = new ArrayList<>();
    boolean[] filtered = {true};
    try {
      Pager.pages(
          context,
          url.build(),
          context.scope().pull(context.repository()),
          MediaTypes.OCI_INDEX,
          (response, body) -> {
            String type = response.header("Content-Type", "");
            if (!type.startsWith(MediaTypes.OCI_INDEX)) {
              throw new NotApi();
            }
            Manifest page;
            try {
              page = Manifest.parse(body, MediaTypes.OCI_INDEX);
            } catch (InvalidManifestException e) {
              throw Responses.violation(
                  response,
                  context.repository(),
                  subject.toString(),
                  "referrers response is not a valid index: " + e.getMessage(),
                  e);
            }
            if (!(page instanceof ImageIndex index)) {
              throw Responses.violation(
                  response,
                  context.repository(),
                  subject.toString(),
                  "referrers response is not an index");
            }
            out.addAll(index.manifests());
            String applied = response.header("OCI-Filters-Applied");
            if (applied == null || !List.of(applied.split("\\s*,\\s*")).contains("artifactType")) {
              filtered[0] = false;
            }
          });
    } catch (NotFoundException | NotApi e) {
      return null;
    }
    return artifactType != null && !filtered[0] ? filter(out, artifactType) : List.copyOf(out);
  }

  private static List<Descriptor> filter(List<Descriptor> all, @Nullable String artifactType) {
    if (artifactType == null) {
      return List.copyOf(all);
    }
    return all.stream().filter(d -> d.hasArtifactType(artifactType)).toList();
  }

  /** The registry answered the referrers URL with something other than an index. */
  private static final class NotApi extends IOException {
    private static final long serialVersionUID = 1L;

    NotApi() {
      super("not the referrers API");
    }
  }
}
