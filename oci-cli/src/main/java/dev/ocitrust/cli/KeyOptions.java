package dev.ocitrust.cli;

import dev.ocitrust.cose.CertificateChainException;
import dev.ocitrust.cose.HttpTimestampAuthority;
import dev.ocitrust.cose.NotaryEnvelopeFormat;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.TimestampAuthority;
import dev.ocitrust.cose.TimestampVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The signing key of {@code sign} and {@code claim add|approve}: a PEM key file and its certificate
 * chain ({@code --key FILE --cert FILE}), or a key of notation's {@code signingkeys.json} by name
 * ({@code --key NAME}, or its default key without {@code --key}); optionally an RFC 3161 time
 * stamping authority.
 */
final class KeyOptions {
  @Option(
      names = "--key",
      paramLabel = "FILE|NAME",
      description = {
        "with --cert: a PEM private key file (PKCS #8, PKCS #1 or SEC1);",
        "without --cert: the name of a key in notation's signingkeys.json in --config",
        "(default: its default key, as notation key list shows it)"
      })
  @Nullable String key;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description = "the PEM certificate chain of --key FILE, signing certificate first")
  @Nullable Path cert;

  @Option(
      names = "--timestamp-url",
      paramLabel = "URL",
      description = "an RFC 3161 time stamping authority to time-stamp the signature")
  @Nullable URI timestampUrl;

  @Option(
      names = "--timestamp-root-cert",
      paramLabel = "FILE",
      description = "the PEM root certificate of the time stamping authority (checks its answer)")
  @Nullable Path timestampRootCert;

  /** A key, its chain (leaf first), where they came from, and the time stamping authority. */
  record Material(
      PrivateKey key,
      List<X509Certificate> chain,
      String source,
      Optional<TimestampAuthority> tsa,
      Optional<TimestampVerifier> tsaVerifier) {}

  /**
   * The envelope signer of the key, its chain and the time stamping authority, with ocitrust's
   * signing agent.
   *
   * @throws IllegalArgumentException (a usage error) naming the file or option at fault
   * @throws IOException if {@code signingkeys.json} cannot be read
   */
  NotaryEnvelopeSigner envelopeSigner(Path configDirectory) throws IOException {
    return envelopeSigner(configDirectory, NotaryEnvelopeFormat.COSE);
  }

  /** As {@link #envelopeSigner(Path)}, writing envelopes of {@code format}. */
  NotaryEnvelopeSigner envelopeSigner(Path configDirectory, NotaryEnvelopeFormat format)
      throws IOException {
    Material material = load(configDirectory);
    NotaryEnvelopeSigner.Builder envelopes =
        NotaryEnvelopeSigner.builder(material.key(), material.chain())
            .format(format)
            .signingAgent(VersionProvider.agent());
    if (material.tsa().isPresent() && material.tsaVerifier().isPresent()) {
      envelopes.timestampAuthority(material.tsa().get(), material.tsaVerifier().get());
    }
    return envelopes.build();
  }

  /**
   * Reads the key and chain and checks that they belong together.
   *
   * @param configDirectory notation's configuration folder, for {@code --key NAME}
   * @throws IllegalArgumentException (a usage error) naming the file or option at fault
   * @throws IOException if {@code signingkeys.json} cannot be read
   */
  Material load(Path configDirectory) throws IOException {
    if ((timestampUrl == null) != (timestampRootCert == null)) {
      throw new IllegalArgumentException(
          timestampUrl == null
              ? "--timestamp-root-cert needs --timestamp-url URL"
              : "--timestamp-url needs --timestamp-root-cert FILE (the authority's root"
                  + " certificate, to check what it answers)");
    }
    Path keyFile;
    Path certFile;
    String source;
    if (cert != null) {
      if (key == null) {
        throw new IllegalArgumentException("--cert " + cert + " needs --key FILE, its private key");
      }
      keyFile = Path.of(key);
      certFile = cert;
      source = keyFile.toString();
    } else {
      SigningKeys.Entry entry = SigningKeys.resolve(configDirectory, key);
      keyFile = entry.keyPath();
      certFile = entry.certPath();
      source = "key " + entry.name();
    }
    PrivateKey privateKey = PemFiles.privateKey(keyFile, "--key");
    List<X509Certificate> chain = PemFiles.certificates(certFile, "--cert");
    PemFiles.checkPair(privateKey, keyFile, chain, certFile);
    Optional<TimestampAuthority> tsa = Optional.empty();
    Optional<TimestampVerifier> verifier = Optional.empty();
    if (timestampUrl != null && timestampRootCert != null) {
      List<X509Certificate> roots =
          PemFiles.certificates(timestampRootCert, "--timestamp-root-cert");
      try {
        verifier = Optional.of(TimestampVerifier.create(roots));
      } catch (CertificateChainException e) {
        throw new IllegalArgumentException(
            "--timestamp-root-cert " + timestampRootCert + ": " + e.getMessage(), e);
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      tsa = Optional.of(HttpTimestampAuthority.create(http, timestampUrl));
    }
    return new Material(privateKey, chain, source, tsa, verifier);
  }
}
