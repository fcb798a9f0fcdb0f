package dev.ocitrust.cli;

import dev.ocitrust.cose.CertificateChainException;
import dev.ocitrust.cose.ExternalSigner;
import dev.ocitrust.cose.HttpTimestampAuthority;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.PrivateKeySigner;
import dev.ocitrust.cose.TimestampAuthority;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.NotationPlugin;
import dev.ocitrust.policy.PluginException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The signing key of {@code sign} and {@code claim add|approve}: a PEM key file and its certificate
 * chain ({@code --key FILE --cert FILE}), a key held by a notation plugin ({@code --plugin NAME
 * --id KEY_ID}), or a key of notation's {@code signingkeys.json} by name ({@code --key NAME}, or
 * its default key without {@code --key}), which is either; optionally an RFC 3161 time stamping
 * authority.
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
      names = "--plugin",
      paramLabel = "NAME",
      description = {
        "sign with a key held by the notation plugin NAME (with --id), run from",
        "--config's plugins/NAME/notation-NAME as notation runs it"
      })
  @Nullable String plugin;

  @Option(
      names = "--id",
      paramLabel = "KEY_ID",
      description = "the key id the plugin of --plugin knows the key by")
  @Nullable String keyId;

  @Option(
      names = "--plugin-config",
      paramLabel = "KEY=VALUE",
      description = {
        "configuration passed to the plugin (repeatable); overrides the pluginConfig of a",
        "plugin key in signingkeys.json, as notation sign --plugin-config does"
      })
  List<String> pluginConfig = new ArrayList<>();

  @Option(
      names = "--plugin-timeout",
      paramLabel = "SECONDS",
      description = "the deadline of each plugin call (default: ${DEFAULT-VALUE})",
      defaultValue = "60")
  long pluginTimeoutSeconds = 60;

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

  /** A key read from a PEM file and its certificate chain, leaf first. */
  record FileKey(PrivateKey key, List<X509Certificate> chain) {}

  /**
   * The signer (a key file's key, or a plugin's), the key file's key and chain when it is one,
   * where it came from, and the time stamping authority.
   */
  record Material(
      ExternalSigner signer,
      Optional<FileKey> file,
      String source,
      Optional<TimestampAuthority> tsa,
      Optional<TimestampVerifier> tsaVerifier) {

    /**
     * The key file's key and chain.
     *
     * @throws IllegalArgumentException (a usage error) if the key is held by a plugin
     */
    FileKey requireFile(String what) {
      return file.orElseThrow(
          () ->
              new IllegalArgumentException(
                  what + " signs with key files only; " + source + " is held by a plugin"));
    }
  }

  /**
   * The envelope signer of the key, its chain and the time stamping authority, with ocitrust's
   * signing agent.
   *
   * @throws IllegalArgumentException (a usage error) naming the file or option at fault
   * @throws IOException if {@code signingkeys.json} cannot be read
   */
  NotaryEnvelopeSigner envelopeSigner(Path configDirectory) throws IOException {
    Material material = load(configDirectory);
    NotaryEnvelopeSigner.Builder envelopes =
        NotaryEnvelopeSigner.builder(material.signer()).signingAgent(VersionProvider.agent());
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
    ExternalSigner signer;
    Optional<FileKey> file = Optional.empty();
    String source;
    Map<String, String> overrides = pluginConfig();
    if (plugin != null || keyId != null) {
      if (plugin == null || keyId == null || cert != null || key != null) {
        throw new IllegalArgumentException(
            "--plugin NAME and --id KEY_ID go together, without --key or --cert");
      }
      signer = pluginSigner(configDirectory, plugin, keyId, overrides);
      source = "key " + keyId + " of plugin " + plugin;
    } else if (cert != null) {
      if (key == null) {
        throw new IllegalArgumentException("--cert " + cert + " needs --key FILE, its private key");
      }
      FileKey local = fileKey(Path.of(key), cert);
      file = Optional.of(local);
      signer = signer(local, cert);
      source = key;
    } else {
      SigningKeys.Entry entry = SigningKeys.resolve(configDirectory, key);
      SigningKeys.PluginKey held = entry.plugin();
      Path keyFile = entry.keyPath();
      Path certFile = entry.certPath();
      if (held != null) {
        Map<String, String> merged = new LinkedHashMap<>(held.config());
        merged.putAll(overrides);
        signer = pluginSigner(configDirectory, held.plugin(), held.id(), merged);
        source = "key " + entry.name() + " (plugin " + held.plugin() + ")";
      } else if (keyFile != null && certFile != null) {
        FileKey local = fileKey(keyFile, certFile);
        file = Optional.of(local);
        signer = signer(local, certFile);
        source = "key " + entry.name();
      } else {
        throw new IllegalStateException("signing key " + entry.name() + " has no key");
      }
    }
    if (file.isPresent() && !pluginConfig.isEmpty()) {
      throw new IllegalArgumentException("--plugin-config applies to keys held by a plugin");
    }
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
    return new Material(signer, file, source, tsa, verifier);
  }

  private static FileKey fileKey(Path keyFile, Path certFile) throws IOException {
    PrivateKey privateKey = PemFiles.privateKey(keyFile, "--key");
    List<X509Certificate> chain = PemFiles.certificates(certFile, "--cert");
    PemFiles.checkPair(privateKey, keyFile, chain, certFile);
    return new FileKey(privateKey, chain);
  }

  private static ExternalSigner signer(FileKey file, Path certFile) {
    try {
      return PrivateKeySigner.of(file.key(), file.chain());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--cert " + certFile + ": " + e.getMessage(), e);
    }
  }

  private ExternalSigner pluginSigner(
      Path configDirectory, String name, String id, Map<String, String> config) throws IOException {
    if (pluginTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--plugin-timeout " + pluginTimeoutSeconds + " is not a positive number of seconds");
    }
    NotationPlugin p =
        NotationPlugin.builder(NotationPaths.of(configDirectory), name)
            .callTimeout(Duration.ofSeconds(pluginTimeoutSeconds))
            .build();
    try {
      return p.signer(id, config);
    } catch (PluginException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private Map<String, String> pluginConfig() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : pluginConfig) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--plugin-config '" + entry + "' is not KEY=VALUE");
      }
      out.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return out;
  }
}
