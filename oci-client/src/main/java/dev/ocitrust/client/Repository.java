package dev.ocitrust.client;

import dev.ocitrust.client.internal.VerifiedContent;
import dev.ocitrust.client.internal.VerifiedInputStream;
import dev.ocitrust.client.internal.remote.BlobDownloads;
import dev.ocitrust.client.internal.remote.BlobUploads;
import dev.ocitrust.client.internal.remote.Manifests;
import dev.ocitrust.client.internal.remote.Pager;
import dev.ocitrust.client.internal.remote.Referrers;
import dev.ocitrust.client.internal.remote.RemoteContext;
import dev.ocitrust.client.internal.remote.Responses;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * One repository of an OCI registry as a {@link Target}: the same operations as an OCI layout or an
 * in-memory store, over the distribution-spec v1.1 API. Obtained from {@link
 * RegistryClient#repository(String)}.
 *
 * <p>What it guarantees: every byte handed out is verified (manifests by digest before they are
 * returned, blobs by size and digest as they stream; a broken download resumes with {@code Range});
 * pushes are verified while they are sent, so content that is not what its descriptor says is never
 * stored; manifests are sent as their exact bytes with their own media type; manifests over 4 MiB
 * are refused before they are read. Referrers use the registry's referrers API, or the fallback tag
 * schema on registries without it (kept up to date on push and delete, once per batch for {@link
 * #pushReferrers}). {@link #tags()} leaves out the fallback tags; {@link #allTags()} has them.
 *
 * <p>Requests: a push of a blob up to {@value #SMALL_BLOB} bytes asks whether it is there with a
 * mount request from this repository itself, whose answer is either "there" or the upload session
 * to send it through (no separate {@code HEAD}); on a registry that ignores mount requests such a
 * blob is sent again even when it is there. Larger blobs are checked with {@code HEAD} first.
 *
 * <p>Thread-safe; cheap to create (state lives in the client).
 *
 * <pre>{@code
 * Repository repo = client.repository("localhost:5000/net-monitor");
 *
 * // pull: resolve a tag, read the manifest, stream a layer (verified as it is read)
 * Descriptor image = repo.resolve("v1");
 * ImageManifest manifest = (ImageManifest) repo.fetchManifest(image);
 * try (InputStream in = repo.fetch(manifest.layers().get(0))) {
 *   in.transferTo(out);
 * }
 *
 * // push: a blob, then a manifest naming it, tagged
 * repo.push(Descriptor.EMPTY_JSON_DESCRIPTOR, "{}".getBytes(StandardCharsets.UTF_8));
 * Descriptor sbom = Descriptor.of("application/spdx+json", sbomBytes);
 * repo.push(sbom, sbomBytes);
 * repo.push(ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
 *     .artifactType("application/spdx+json").layer(sbom).subject(image).build(), "v1-sbom");
 *
 * // copy one blob to another repository (mounted when the registry allows it, else sent)
 * Repository mirror = client.repository("localhost:5000/mirror/net-monitor");
 * Descriptor layer = manifest.layers().get(0);
 * try (InputStream in = repo.fetch(layer)) {
 *   mirror.mountOrPush(layer, repo, in);
 * }
 *
 * // list referrers (the referrers API, or the fallback tag on registries without it)
 * List<Descriptor> sboms = repo.referrers(image, "application/spdx+json");
 * }</pre>
 */
public final class Repository implements Target, BlobMounter {
  /** The largest blob whose push asks about its presence with a mount request, not a HEAD. */
  public static final long SMALL_BLOB = 256 * 1024;

  /**
   * The fewest subjects for which {@link #withPossibleReferrers} lists the tags of a registry
   * without the referrers API instead of reading each subject's fallback tag.
   */
  static final int TAG_LISTING_FROM = 8;

  private final RemoteContext context;
  private final Manifests manifests;
  private final BlobDownloads downloads;
  private final BlobUploads uploads;
  private final Referrers referrers;

  Repository(RemoteContext context) {
    this.context = context;
    this.manifests = new Manifests(context);
    this.downloads = new BlobDownloads(context);
    this.uploads = new BlobUploads(context);
    this.referrers = new Referrers(context, manifests);
  }

  /** The registry, {@code host[:port]}. */
  public String registry() {
    return context.registry();
  }

  /** The repository name within the registry, e.g. {@code library/ubuntu}. */
  public String name() {
    return context.repository();
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    if (MediaTypes.isManifest(target.mediaType())) {
      byte[] bytes = fetchManifestBytes(target);
      return new VerifiedInputStream(new ByteArrayInputStream(bytes), target, where(target));
    }
    return downloads.open(target);
  }

  @Override
  public Manifest fetchManifest(Descriptor target) throws IOException {
    if (target.size() > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          "manifest "
              + target.digest()
              + " is "
              + target.size()
              + " bytes; the limit is "
              + Manifest.MAX_BYTES);
    }
    return Manifest.parse(target, fetchManifestBytes(target));
  }

  /**
   * Fetches and parses the manifest named by a tag or digest.
   *
   * @throws NotFoundException when there is none
   */
  public Manifest fetchManifest(String reference) throws IOException {
    Manifests.Fetched fetched = manifests.get(reference);
    return Manifest.parse(fetched.descriptor(), fetched.bytes());
  }

  private byte[] fetchManifestBytes(Descriptor target) throws IOException {
    Manifests.Fetched fetched = manifests.get(target.digest().toString());
    if (fetched.bytes().length != target.size()) {
      throw new ContentVerificationException(
          where(target)
              + ": manifest is "
              + fetched.bytes().length
              + " bytes, not "
              + target.size());
    }
    return fetched.bytes();
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    if (MediaTypes.isManifest(target.mediaType())) {
      return manifests.exists(target.digest());
    }
    HttpUrl url = context.url("blobs", target.digest().toString());
    try (Response response =
        context.execute(new Request.Builder().url(url).head(), context.scope().pull(name()))) {
      if (response.code() == 200) {
        return true;
      }
      if (response.code() == 404) {
        return false;
      }
      throw Responses.failure(response, name(), target.digest().toString(), null);
    }
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    Objects.requireNonNull(content, "content");
    if (MediaTypes.isManifest(expected.mediaType())) {
      if (expected.size() > Manifest.MAX_BYTES) {
        throw new InvalidManifestException(
            "manifest "
                + expected.digest()
                + " is "
                + expected.size()
                + " bytes; the limit is "
                + Manifest.MAX_BYTES);
      }
      if (manifests.exists(expected.digest())) {
        return;
      }
      byte[] bytes =
          VerifiedContent.verifying(content, expected, "push to " + where(expected))
              .readNBytes((int) expected.size());
      Manifest manifest = Manifest.parse(expected, bytes);
      pushManifest(manifest, manifest.descriptor().digest().toString(), true);
      return;
    }
    if (expected.size() <= SMALL_BLOB) {
      uploads.mountOrUpload(expected, name(), content);
      return;
    }
    if (exists(expected)) {
      return;
    }
    uploads.push(expected, content);
  }

  /**
   * Pushes {@code manifest} as its exact bytes, with one {@code PUT} and no existence check first
   * (a manifest {@code PUT} is idempotent; callers that need to know whether it was there, such as
   * a copy, have asked already). A manifest with a subject is recorded as a referrer, so a retried
   * push repairs a fallback index whose update failed before.
   */
  @Override
  public Descriptor push(Manifest manifest) throws IOException {
    pushManifest(manifest, manifest.descriptor().digest().toString(), true);
    return manifest.descriptor();
  }

  /** Pushes {@code manifest} (its exact bytes) under {@code tag} in one request. */
  public Descriptor push(Manifest manifest, String tag) throws IOException {
    Tags.requireValid(tag, registry() + "/" + name());
    pushManifest(manifest, tag, true);
    return manifest.descriptor();
  }

  private boolean pushManifest(Manifest manifest, String reference, boolean index)
      throws IOException {
    Manifests.Pushed pushed = manifests.put(reference, manifest.bytes(), manifest.mediaType());
    boolean ociSubject = pushed.ociSubject() != null;
    if (index && manifest.subject().isPresent()) {
      referrers.pushed(manifest.subject().get(), List.of(manifest), ociSubject);
    }
    return ociSubject;
  }

  /**
   * Uploads a blob whose digest is not known in advance, computing it while sending, and returns
   * its descriptor. The caller closes {@code content}.
   */
  public Descriptor pushBlob(String mediaType, InputStream content) throws IOException {
    return uploads.pushStream(
        Objects.requireNonNull(mediaType, "mediaType"), Objects.requireNonNull(content, "content"));
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    Objects.requireNonNull(reference, "reference");
    if (Tags.isDigest(reference)) {
      Digest.parse(reference);
    } else {
      Tags.requireValid(reference, registry() + "/" + name());
    }
    Optional<Descriptor> head = manifests.head(reference);
    if (head.isPresent()) {
      return head.get();
    }
    return manifests.get(reference).descriptor();
  }

  /** The tags of this repository, without the referrers fallback tags, in ascending order. */
  @Override
  public List<String> tags() throws IOException {
    return allTags().stream().filter(t -> !Referrers.isFallbackTag(t)).toList();
  }

  /** Every tag of this repository, fallback tags included, in ascending order. */
  public List<String> allTags() throws IOException {
    List<String> tags;
    try {
      tags = new ArrayList<>(listTags());
    } catch (NotFoundException e) {
      return List.of();
    }
    tags.sort(null);
    return List.copyOf(tags);
  }

  /** The tags as the registry lists them, every page ({@code n=1000} a page). */
  private List<String> listTags() throws IOException {
    HttpUrl url = context.url("tags", "list").newBuilder().addQueryParameter("n", "1000").build();
    return Pager.collect(context, url, "tags", context.scope().pull(name()));
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    Tags.requireValid(tag, registry() + "/" + name());
    Manifests.Fetched fetched = manifests.get(target.digest().toString());
    manifests.put(tag, fetched.bytes(), fetched.descriptor().mediaType());
  }

  /**
   * Removes {@code tag} (the manifest stays). Registries that cannot delete tags (docker-registry
   * 2.8 answers 400) make this throw {@link RegistryException}.
   */
  public void untag(String tag) throws IOException {
    manifests.delete(Tags.requireValid(tag, registry() + "/" + name()));
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    return referrers.list(subject, artifactType);
  }

  /**
   * Of {@code subjects}, those that may have referrers. On a registry without the referrers API,
   * asked about eight subjects or more, this lists the tags once (one request per thousand tags)
   * and keeps the subjects whose fallback tag exists; otherwise, or when the registry refuses to
   * list the tags, it keeps them all.
   */
  @Override
  public List<Descriptor> withPossibleReferrers(List<Descriptor> subjects) throws IOException {
    if (subjects.size() < TAG_LISTING_FROM || referrers.apiSupported(subjects.get(0).digest())) {
      return List.copyOf(subjects);
    }
    Set<String> tags;
    try {
      tags = new HashSet<>(listTags());
    } catch (NotFoundException | RegistryException e) {
      // A registry that will not list tags here is asked about each subject after all.
      return List.copyOf(subjects);
    }
    return subjects.stream().filter(s -> tags.contains(Referrers.fallbackTag(s.digest()))).toList();
  }

  @Override
  public void pushReferrers(Descriptor subject, List<Manifest> batch) throws IOException {
    ReferrerIndex.requireSubject(subject, batch);
    boolean ociSubject = false;
    for (Manifest m : batch) {
      ociSubject |= pushManifest(m, m.descriptor().digest().toString(), false);
    }
    referrers.pushed(subject, batch, ociSubject);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    if (MediaTypes.isManifest(target.mediaType())) {
      Manifest manifest = fetchManifest(target);
      referrers.deleting(manifest);
      manifests.delete(target.digest().toString());
      return;
    }
    HttpUrl url = context.url("blobs", target.digest().toString());
    try (Response response =
        context.execute(new Request.Builder().url(url).delete(), context.scope().delete(name()))) {
      if (response.code() == 404) {
        throw Responses.notFound(response, name(), target.digest().toString());
      }
      if (response.code() != 202 && response.code() != 200 && response.code() != 204) {
        throw Responses.failure(response, name(), target.digest().toString(), "delete refused");
      }
    }
  }

  /**
   * Mounts {@code blob} from {@code source} when it is a repository of the same registry reached
   * through the same client; otherwise, or when the registry declines, returns false.
   */
  @Override
  public boolean mount(Descriptor blob, Target source) throws IOException {
    if (!(source instanceof Repository other) || !context.sameRegistryAs(other.context)) {
      return false;
    }
    if (other.name().equals(name())) {
      return exists(blob);
    }
    return uploads.mount(blob, other.name());
  }

  /**
   * Mounts {@code blob} from {@code source} when it is a repository of the same registry, and when
   * the registry declines, uploads {@code content} through the upload session its answer opened
   * (one request fewer than a mount followed by a push). Otherwise pushes as {@link #push} does.
   */
  @Override
  public boolean mountOrPush(Descriptor blob, Target source, InputStream content)
      throws IOException {
    if (MediaTypes.isManifest(blob.mediaType())
        || !(source instanceof Repository other)
        || !context.sameRegistryAs(other.context)
        || other.name().equals(name())) {
      push(blob, content);
      return false;
    }
    return uploads.mountOrUpload(blob, other.name(), Objects.requireNonNull(content, "content"));
  }

  private String where(Descriptor d) {
    return registry() + "/" + name() + "@" + d.digest();
  }

  @Override
  public String toString() {
    return "Repository[" + registry() + "/" + name() + "]";
  }
}
