package dev.ocitrust.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ocitrust.client.internal.AtomicFiles;
import dev.ocitrust.client.internal.Json;
import dev.ocitrust.client.internal.LayoutLock;
import dev.ocitrust.client.internal.VerifiedContent;
import dev.ocitrust.client.internal.VerifiedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image layout directory ({@code image-layout.md}) as a {@link Target}: the embedded store,
 * readable and writable by oras, skopeo and notation ({@code --oci-layout}).
 *
 * <p>Layout: {@code oci-layout}, {@code index.json} and {@code blobs/<alg>/<hex>}. Tags are {@code
 * index.json} entries annotated {@code org.opencontainers.image.ref.name}; every manifest pushed is
 * listed there too (untagged when no tag names it), as oras does, so that referrers stay
 * discoverable by any tool that reads the layout. Referrers of a subject are found from the stored
 * manifests' {@code subject} fields.
 *
 * <p>Writes are atomic: content goes to a temporary file under {@code ingest/}, is verified,
 * flushed and renamed into place; {@code index.json} is replaced the same way. A crash or a bad
 * digest never leaves a corrupt blob or index. Blob reads verify size and digest as they go.
 *
 * <p>Thread-safe: threads of one process may share an instance. Processes (and instances) writing
 * one layout at once are coordinated: every change of {@code index.json} is a read-modify-write of
 * the file as it is on disk, under an exclusive lock on the layout's {@code oci-layout} file (an
 * advisory {@code fcntl} lock, waited for at most 60 s), so none loses another's entries; an
 * instance re-reads {@code index.json} when another replaced it. Tools that take no lock (oras,
 * skopeo) are not coordinated with.
 *
 * <pre>{@code
 * OciLayout layout = OciLayout.open(Path.of("build/layout"));
 * Descriptor image = layout.resolve("v1");
 * Manifest manifest = layout.fetchManifest(image);
 * }</pre>
 */
public final class OciLayout implements Target {
  private static final String LAYOUT_FILE = "oci-layout";
  private static final String INDEX_FILE = "index.json";
  private static final String INGEST = "ingest";
  private static final byte[] LAYOUT_CONTENT =
      "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final Path root;
  private final Path indexPath;
  private final Object indexLock = new Object();
  private volatile List<Descriptor> entries;
  private volatile @Nullable IndexStamp stamp;
  private final Map<String, String> indexAnnotations;
  private volatile @Nullable ReferrerIndex referrers;
  private final boolean readOnly;

  private OciLayout(
      Path root, List<Descriptor> entries, Map<String, String> indexAnnotations, boolean readOnly) {
    this.root = root;
    this.readOnly = readOnly;
    this.indexPath = root.resolve(INDEX_FILE);
    this.entries = List.copyOf(entries);
    this.indexAnnotations = Map.copyOf(indexAnnotations);
  }

  /** How long a writer waits for another process's lock on the layout. */
  private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);

  /**
   * What identifies one version of {@code index.json}: every write replaces the file (a rename), so
   * its file key (the inode), modification time or size changes.
   */
  private record IndexStamp(@Nullable Object fileKey, FileTime modified, long size) {
    static @Nullable IndexStamp of(Path file) throws IOException {
      try {
        BasicFileAttributes a =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new IndexStamp(a.fileKey(), a.lastModifiedTime(), a.size());
      } catch (NoSuchFileException e) {
        return null;
      }
    }
  }

  /**
   * Opens the layout at {@code dir} for reading and writing, creating the directory, {@code
   * oci-layout} and an empty {@code index.json} (in that order, before any blob) where they are
   * missing, and removing temporary files that processes which no longer run left under {@code
   * ingest/}.
   *
   * @throws OciException when an existing layout is not valid (its file is named)
   */
  @SuppressWarnings("try") // the lock is held, not used
  public static OciLayout open(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Files.createDirectories(root);
    Path layoutFile = root.resolve(LAYOUT_FILE);
    if (Files.exists(layoutFile, LinkOption.NOFOLLOW_LINKS)) {
      checkLayoutFile(layoutFile);
    } else {
      AtomicFiles.write(layoutFile, LAYOUT_CONTENT);
    }
    Path indexPath = root.resolve(INDEX_FILE);
    if (!Files.exists(indexPath, LinkOption.NOFOLLOW_LINKS)) {
      // two processes making one layout at once: only the first writes the empty index
      try (LayoutLock lock = LayoutLock.acquire(layoutFile, LOCK_TIMEOUT)) {
        if (!Files.exists(indexPath, LinkOption.NOFOLLOW_LINKS)) {
          OciLayout layout = new OciLayout(root, List.of(), Map.of(), false);
          layout.writeIndex(List.of());
          Files.createDirectories(root.resolve("blobs"));
          return layout;
        }
      }
    }
    OciLayout layout = load(root, false);
    Files.createDirectories(root.resolve("blobs"));
    AtomicFiles.removeAbandoned(root.resolve(INGEST));
    AtomicFiles.removeAbandoned(root);
    return layout;
  }

  /**
   * Opens the existing layout at {@code dir} for reading only: nothing in it is created, changed or
   * removed, and {@link #push}, {@link #tag}, {@link #delete} and {@link #pushReferrers} fail.
   *
   * @throws NotFoundException if {@code dir} does not exist
   * @throws OciException if it is not an OCI image layout (no {@code oci-layout} or {@code
   *     index.json}; the message says so) or a file of it is invalid (named)
   */
  public static OciLayout read(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
        throw new OciException(root + " is not an OCI image layout: it is not a directory");
      }
      throw new NotFoundException(root + ": no such OCI image layout");
    }
    Path layoutFile = root.resolve(LAYOUT_FILE);
    if (!Files.exists(layoutFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new OciException(root + " is not an OCI image layout: it has no oci-layout file");
    }
    checkLayoutFile(layoutFile);
    if (!Files.exists(root.resolve(INDEX_FILE), LinkOption.NOFOLLOW_LINKS)) {
      throw new OciException(root + " is not an OCI image layout: it has no index.json");
    }
    return load(root, true);
  }

  private static OciLayout load(Path root, boolean readOnly) throws IOException {
    Path indexPath = root.resolve(INDEX_FILE);
    IndexStamp stamp = IndexStamp.of(indexPath);
    ImageIndex imageIndex = parseIndex(indexPath);
    OciLayout layout =
        new OciLayout(root, imageIndex.manifests(), imageIndex.annotations(), readOnly);
    layout.stamp = stamp;
    return layout;
  }

  /** {@code index.json} parsed, errors naming the file. */
  private static ImageIndex parseIndex(Path indexPath) throws IOException {
    byte[] bytes = readSmallFile(indexPath);
    Manifest index;
    try {
      index = Manifest.parse(bytes, MediaTypes.OCI_INDEX);
    } catch (InvalidManifestException e) {
      // named as the file, not as the digest of its bytes; the JSON error (if any) is the cause
      String message = indexPath + " is not a valid image index: " + detail(e);
      Throwable cause = e.getCause();
      throw cause != null
          ? new InvalidManifestException(message, cause)
          : new InvalidManifestException(message);
    }
    if (!(index instanceof ImageIndex imageIndex)) {
      throw new InvalidManifestException(indexPath + " is not an image index");
    }
    return imageIndex;
  }

  /**
   * Re-reads {@code index.json} when another process (or instance) replaced it since this instance
   * last read or wrote it, and brings the referrer index along.
   */
  private void refresh() throws IOException {
    if (Objects.equals(IndexStamp.of(indexPath), stamp)) {
      return;
    }
    synchronized (indexLock) {
      // the stamp before the read: a file replaced in between is only read again next time
      IndexStamp now = IndexStamp.of(indexPath);
      if (Objects.equals(now, stamp) || now == null) {
        return;
      }
      List<Descriptor> fresh = parseIndex(indexPath).manifests();
      ReferrerIndex index = referrers;
      if (index != null && !followReferrers(index, entries, fresh)) {
        referrers = null; // rebuilt on next use
      }
      entries = List.copyOf(fresh);
      stamp = now;
    }
  }

  /**
   * Adds the referrers among the manifests another writer listed to {@code index}; false when that
   * is not enough (an entry was removed, or an index was added whose children may refer).
   */
  private boolean followReferrers(
      ReferrerIndex index, List<Descriptor> before, List<Descriptor> after) throws IOException {
    Set<Digest> old = new HashSet<>();
    before.forEach(d -> old.add(d.digest()));
    Set<Digest> now = new HashSet<>();
    after.forEach(d -> now.add(d.digest()));
    if (!now.containsAll(old)) {
      return false;
    }
    for (Descriptor d : after) {
      if (old.contains(d.digest()) || !MediaTypes.isManifest(d.mediaType()) || !exists(d)) {
        continue;
      }
      if (MediaTypes.isIndex(d.mediaType())) {
        return false;
      }
      index.add(fetchManifest(d));
    }
    return true;
  }

  /**
   * Changes {@code index.json}: under this instance's lock and the layout's file lock, re-reads it
   * as it is on disk, applies {@code change} to its entries and writes the result when it differs.
   */
  @SuppressWarnings("try") // the lock is held, not used
  private void updateIndex(IndexChange change) throws IOException {
    synchronized (indexLock) {
      try (LayoutLock lock = LayoutLock.acquire(root.resolve(LAYOUT_FILE), LOCK_TIMEOUT)) {
        refresh();
        List<Descriptor> next = change.apply(entries);
        if (!next.equals(entries)) {
          writeIndex(next);
        }
      }
    }
  }

  /** A change of the index entries: the entries as they are, the entries as they should be. */
  @FunctionalInterface
  private interface IndexChange {
    List<Descriptor> apply(List<Descriptor> current) throws IOException;
  }

  /** The parse error without the "manifest sha256:..." it names (index.json is named instead). */
  private static String detail(InvalidManifestException e) {
    String m = String.valueOf(e.getMessage());
    return m.startsWith("manifest sha256:") && m.indexOf(' ', 9) > 0
        ? m.substring(m.indexOf(' ', 9) + 1).replaceFirst("^is ", "")
        : m;
  }

  /** Whether this instance was opened with {@link #read} and refuses writes. */
  public boolean isReadOnly() {
    return readOnly;
  }

  private void checkWritable(String what) throws IOException {
    if (readOnly) {
      throw new OciException(root + " was opened read-only; cannot " + what);
    }
  }

  /** The layout's directory. */
  public Path root() {
    return root;
  }

  /**
   * The entries of {@code index.json}, re-read when another process replaced it.
   *
   * @throws UncheckedIOException when it was replaced by a file that cannot be read
   */
  public List<Descriptor> index() {
    try {
      refresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    Path blob = blobPath(target.digest());
    InputStream in;
    try {
      in = Files.newInputStream(blob, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new NotFoundException(root + ": " + target.digest() + " not found", e);
    }
    return new VerifiedInputStream(in, target, blob.toString());
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    Path blob = blobPath(target.digest());
    return Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)
        && Files.size(blob) == target.size();
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    checkWritable("push " + expected.digest());
    boolean manifest = MediaTypes.isManifest(expected.mediaType());
    if (!manifest) {
      if (!exists(expected)) {
        AtomicFiles.writeVerified(
            root.resolve(INGEST), blobPath(expected.digest()), content, expected);
      }
      return;
    }
    if (expected.size() > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          "manifest "
              + expected.digest()
              + " is "
              + expected.size()
              + " bytes; the limit is "
              + Manifest.MAX_BYTES);
    }
    boolean stored = exists(expected);
    byte[] bytes =
        stored
            ? fetchBytes(expected, Manifest.MAX_BYTES)
            // The caller's stream is read but not closed: it belongs to the caller.
            : VerifiedContent.verifying(content, expected, "push to " + root).readAllBytes();
    Manifest parsed = Manifest.parse(expected, bytes);
    if (!stored) {
      AtomicFiles.write(blobPath(expected.digest()), bytes);
    }
    synchronized (indexLock) {
      updateIndex(
          current -> {
            if (current.stream().anyMatch(e -> e.digest().equals(expected.digest()))) {
              return current;
            }
            List<Descriptor> next = new ArrayList<>(current);
            next.add(expected.withoutAnnotation(Descriptor.ANNOTATION_REF_NAME));
            return next;
          });
      ReferrerIndex index = referrers;
      if (index != null) {
        index.add(parsed);
      }
    }
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    refresh();
    if (Tags.isDigest(reference)) {
      Digest digest = Digest.parse(reference);
      for (Descriptor entry : entries) {
        if (entry.digest().equals(digest)) {
          return entry.withoutAnnotation(Descriptor.ANNOTATION_REF_NAME);
        }
      }
      Path blob = blobPath(digest);
      if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotFoundException(root + ": " + reference + " not found");
      }
      byte[] bytes = readSmallFile(blob);
      // hashed with the digest's own algorithm (sha512 manifests too); its media type is its own
      return ManifestCodec.parse(
              bytes, null, Descriptor.of(MediaTypes.OCI_MANIFEST, digest, bytes.length))
          .descriptor();
    }
    for (Descriptor entry : entries) {
      if (reference.equals(entry.annotations().get(Descriptor.ANNOTATION_REF_NAME))) {
        return entry.withoutAnnotation(Descriptor.ANNOTATION_REF_NAME);
      }
    }
    throw new NotFoundException(root + ": tag " + reference + " not found");
  }

  @Override
  public List<String> tags() throws IOException {
    refresh();
    return entries.stream()
        .map(e -> e.annotations().get(Descriptor.ANNOTATION_REF_NAME))
        .filter(t -> t != null)
        .distinct()
        .sorted()
        .toList();
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    checkWritable("tag " + tag);
    Tags.requireValid(tag, root.toString());
    if (!exists(target)) {
      throw new NotFoundException(
          root + ": cannot tag " + target.digest() + " as " + tag + ": content not found");
    }
    updateIndex(current -> retagged(current, target, tag));
  }

  /** {@code entries} with {@code tag} on {@code target}, the manifest it named before kept. */
  private static List<Descriptor> retagged(
      List<Descriptor> entries, Descriptor target, String tag) {
    List<Descriptor> next = new ArrayList<>();
    Digest previous = null;
    for (Descriptor entry : entries) {
      String name = entry.annotations().get(Descriptor.ANNOTATION_REF_NAME);
      if (tag.equals(name)) {
        previous = entry.digest();
      } else if (!(name == null && entry.digest().equals(target.digest()))) {
        next.add(entry);
      }
    }
    Map<String, String> annotations = new java.util.TreeMap<>(target.annotations());
    annotations.put(Descriptor.ANNOTATION_REF_NAME, tag);
    next.add(target.withAnnotations(annotations));
    Digest untagged = previous;
    if (untagged != null && next.stream().noneMatch(e -> e.digest().equals(untagged))) {
      for (Descriptor entry : entries) {
        if (entry.digest().equals(untagged)) {
          next.add(entry.withoutAnnotation(Descriptor.ANNOTATION_REF_NAME));
          break;
        }
      }
    }
    return next;
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, @Nullable String artifactType)
      throws IOException {
    refresh();
    return referrerIndex().list(subject.digest(), artifactType);
  }

  @Override
  public void delete(Descriptor target) throws IOException {
    checkWritable("delete " + target.digest());
    Path blob = blobPath(target.digest());
    if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFoundException(root + ": " + target.digest() + " not found");
    }
    synchronized (indexLock) {
      if (MediaTypes.isManifest(target.mediaType())) {
        ReferrerIndex index = referrers;
        if (index != null) {
          index.remove(fetchManifest(target));
        }
      }
      updateIndex(
          current -> current.stream().filter(e -> !e.digest().equals(target.digest())).toList());
      Files.deleteIfExists(blob);
    }
  }

  /** The referrer index, built on first use from every manifest reachable from index.json. */
  private ReferrerIndex referrerIndex() throws IOException {
    ReferrerIndex index = referrers;
    if (index != null) {
      return index;
    }
    synchronized (indexLock) {
      if (referrers == null) {
        ReferrerIndex built = new ReferrerIndex();
        Deque<Descriptor> queue = new ArrayDeque<>(entries);
        Set<Digest> seen = new HashSet<>();
        while (!queue.isEmpty()) {
          Descriptor next = queue.removeFirst();
          if (!MediaTypes.isManifest(next.mediaType())
              || !seen.add(next.digest())
              || !exists(next)) {
            continue;
          }
          Manifest manifest = fetchManifest(next);
          built.add(manifest);
          if (manifest instanceof ImageIndex child) {
            queue.addAll(child.manifests());
          }
        }
        referrers = built;
      }
      return referrers;
    }
  }

  private void writeIndex(List<Descriptor> next) throws IOException {
    byte[] bytes =
        ImageIndex.builder().manifests(next).annotations(indexAnnotations).build().bytes();
    AtomicFiles.write(indexPath, bytes);
    entries = List.copyOf(next);
    stamp = IndexStamp.of(indexPath);
  }

  private Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.encoded());
  }

  private static void checkLayoutFile(Path layoutFile) throws IOException {
    JsonNode node;
    try {
      node = Json.read(readSmallFile(layoutFile));
    } catch (IOException e) {
      throw new OciException(layoutFile + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode version = node.get("imageLayoutVersion");
    if (version == null || !"1.0.0".equals(version.asText())) {
      throw new OciException(
          layoutFile + ": unsupported imageLayoutVersion " + version + " (expected 1.0.0)");
    }
  }

  private static byte[] readSmallFile(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new OciException(file + " is a symbolic link; refusing to follow it");
    }
    long size = Files.size(file);
    if (size > Manifest.MAX_BYTES) {
      throw new InvalidManifestException(
          file + " is " + size + " bytes; the limit is " + Manifest.MAX_BYTES);
    }
    return Files.readAllBytes(file);
  }
}
