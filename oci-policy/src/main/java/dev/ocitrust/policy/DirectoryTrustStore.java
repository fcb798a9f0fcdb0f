package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.BoundedFiles;
import dev.ocitrust.policy.internal.CertificateFiles;
import dev.ocitrust.policy.internal.TrustAnchorRules;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trust store in notation's directory layout:
 *
 * <pre>
 * &lt;root&gt;/x509/ca/&lt;name&gt;/*
 * &lt;root&gt;/x509/signingAuthority/&lt;name&gt;/*
 * &lt;root&gt;/x509/tsa/&lt;name&gt;/*
 * </pre>
 *
 * where {@code <root>} is usually {@code <notation config>/truststore}. Each file of a named store
 * holds one or more certificates, DER or PEM, whatever its extension.
 *
 * <p>Rules, each failure naming the file, the store and the type:
 *
 * <ul>
 *   <li>the named store directory and its files must not be symbolic links;
 *   <li>a named store holds only regular files: a sub-directory is an error (the specification says
 *       to ignore it with a warning; notation rejects it, and so do we, so that a misplaced
 *       certificate is noticed rather than silently not trusted);
 *   <li>every file must parse as certificates (at most {@link #MAX_FILE_SIZE} bytes); a store
 *       without certificates is an error;
 *   <li>{@code ca} and {@code signingAuthority} stores hold CA certificates or self-signed
 *       certificates; {@code tsa} stores hold only self-signed, self-issued root CAs.
 * </ul>
 *
 * <p>Certificates are returned file by file in file-name order. The directory is read on every
 * call, so edits take effect without a restart; nothing is cached. Thread-safe.
 *
 * <p><b>Security guarantees.</b> Only certificates that pass the rules of their store type are
 * returned. Files are opened without following links.
 *
 * <pre>{@code
 * TrustStore store = DirectoryTrustStore.of(Path.of("/etc/notation/truststore"));
 * List<X509Certificate> roots = store.certificates(TrustStoreRef.parse("ca:acme-rockets"));
 * }</pre>
 */
public final class DirectoryTrustStore implements TrustStore {
  /** Certificate files larger than this are refused (a bundle of every public root is ~250 KB). */
  public static final int MAX_FILE_SIZE = 4 * 1024 * 1024;

  private final Path root;

  private DirectoryTrustStore(Path root) {
    this.root = root;
  }

  /** A store rooted at {@code root}, the directory that contains {@code x509/}. */
  public static DirectoryTrustStore of(Path root) {
    return new DirectoryTrustStore(Objects.requireNonNull(root, "root"));
  }

  /** The store of a notation configuration directory: {@code <configDirectory>/truststore}. */
  public static DirectoryTrustStore atConfigDirectory(Path configDirectory) {
    return of(configDirectory.resolve(NotationPaths.TRUST_STORE_DIRECTORY));
  }

  /** The directory containing {@code x509/}. */
  public Path root() {
    return root;
  }

  /** The directory of one named store (which may not exist). */
  public Path directoryOf(TrustStoreRef store) {
    return root.resolve("x509").resolve(store.type().value()).resolve(store.name());
  }

  @Override
  public List<X509Certificate> certificates(TrustStoreRef store) throws TrustStoreException {
    Path dir = directoryOf(store);
    String what = "trust store \"" + store.name() + "\" of type \"" + store.type().value() + "\"";
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new TrustStoreException("the " + what + " does not exist (" + dir + ")", e);
    } catch (IOException e) {
      throw new TrustStoreException("failed to access the " + what + " (" + dir + ")", e);
    }
    if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
      throw new TrustStoreException(
          "the "
              + what
              + " at "
              + dir
              + " is not a regular directory (symbolic links are not supported)");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        files.add(p);
      }
    } catch (IOException e) {
      throw new TrustStoreException("failed to list the " + what + " (" + dir + ")", e);
    }
    files.sort(null);
    List<X509Certificate> out = new ArrayList<>();
    for (Path file : files) {
      out.addAll(readFile(store, what, file));
    }
    if (out.isEmpty()) {
      throw new TrustStoreException("no x509 certificates were found in the " + what);
    }
    return List.copyOf(out);
  }

  private static List<X509Certificate> readFile(TrustStoreRef store, String what, Path file)
      throws TrustStoreException {
    String name = file.getFileName().toString();
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(file, MAX_FILE_SIZE);
    } catch (BoundedFiles.Refused e) {
      throw switch (e.reason()) {
        case MISSING, INACCESSIBLE ->
            new TrustStoreException(
                "failed to access the file " + name + " in the " + what, e.failure());
        case SYMBOLIC_LINK ->
            new TrustStoreException(
                "the file "
                    + name
                    + " in the "
                    + what
                    + " is a symbolic link, which is not supported");
        case DIRECTORY ->
            new TrustStoreException(
                "the "
                    + what
                    + " contains the sub-directory "
                    + name
                    + "; named stores must hold only certificate files");
        case NOT_REGULAR ->
            new TrustStoreException(
                "the file " + name + " in the " + what + " is not a regular file");
        case TOO_LARGE ->
            new TrustStoreException(
                "the trusted certificate file "
                    + name
                    + " in the "
                    + what
                    + " is "
                    + e.size()
                    + " bytes, more than the "
                    + MAX_FILE_SIZE
                    + " allowed");
        case GREW ->
            new TrustStoreException(
                "the trusted certificate file "
                    + name
                    + " in the "
                    + what
                    + " grew past the limit");
        case UNREADABLE ->
            new TrustStoreException(
                "failed to read the trusted certificate file " + name + " in the " + what,
                e.failure());
      };
    }
    List<X509Certificate> certs;
    try {
      certs = CertificateFiles.parse(bytes);
    } catch (CertificateException e) {
      throw new TrustStoreException(
          "failed to parse the trusted certificate file "
              + name
              + " in the "
              + what
              + ": "
              + e.getMessage(),
          e);
    }
    for (X509Certificate cert : certs) {
      TrustAnchorRules.check(store.type(), what, name, cert);
    }
    return certs;
  }

  @Override
  public String toString() {
    return "DirectoryTrustStore{" + root + "}";
  }
}
