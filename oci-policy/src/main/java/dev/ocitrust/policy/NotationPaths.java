package dev.ocitrust.policy;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where notation keeps its configuration ({@code {NOTATION_CONFIG}}) and the trust files in it:
 *
 * <pre>
 * {NOTATION_CONFIG}/trustpolicy.oci.json    OCI trust policy
 * {NOTATION_CONFIG}/trustpolicy.json        legacy OCI trust policy (used if the above is absent)
 * {NOTATION_CONFIG}/trustpolicy.blob.json   blob trust policy
 * {NOTATION_CONFIG}/truststore/x509/...     trust stores
 * {NOTATION_CONFIG}/signingkeys.json        signing keys (files or plugin keys)
 * {NOTATION_CONFIG}/plugins/NAME/notation-NAME   plugins
 * </pre>
 *
 * <p>The user-level default is resolved as notation-go does it (Go's {@code os.UserConfigDir()}
 * plus {@code notation}): on Linux and other Unix systems {@code $XDG_CONFIG_HOME/notation} when
 * {@code XDG_CONFIG_HOME} is set (it must then be absolute), else {@code $HOME/.config/notation};
 * on macOS {@code $HOME/Library/Application Support/notation}; on Windows {@code
 * %AppData%\notation}. The environment and the operating-system name are parameters so that tests
 * never touch the real ones.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * NotationPaths paths = NotationPaths.userDefault();         // from the real environment
 * NotationPaths test = NotationPaths.of(tempDir);            // an explicit directory
 * OciTrustPolicy policy = OciTrustPolicy.load(paths);
 * TrustStore store = DirectoryTrustStore.of(paths.trustStoreDirectory());
 * }</pre>
 */
public final class NotationPaths {
  /** File name of the OCI trust policy. */
  public static final String OCI_TRUST_POLICY = "trustpolicy.oci.json";

  /** File name of the legacy OCI trust policy, read when {@link #OCI_TRUST_POLICY} is absent. */
  public static final String LEGACY_OCI_TRUST_POLICY = "trustpolicy.json";

  /** File name of the blob trust policy. */
  public static final String BLOB_TRUST_POLICY = "trustpolicy.blob.json";

  /** Name of the trust-store directory inside the configuration directory. */
  public static final String TRUST_STORE_DIRECTORY = "truststore";

  /** Name of the plugin directory inside the configuration directory. */
  public static final String PLUGIN_DIRECTORY = "plugins";

  /** File name of notation's signing keys. */
  public static final String SIGNING_KEYS = "signingkeys.json";

  private final Path configDirectory;

  private NotationPaths(Path configDirectory) {
    this.configDirectory = configDirectory;
  }

  /** The layout rooted at an explicit configuration directory. */
  public static NotationPaths of(Path configDirectory) {
    return new NotationPaths(Objects.requireNonNull(configDirectory, "configDirectory"));
  }

  /**
   * The user-level default for the running process ({@link System#getenv()} and {@code os.name}).
   *
   * @throws PolicyException if the environment does not define the directory (no {@code HOME},
   *     relative {@code XDG_CONFIG_HOME}, no {@code AppData})
   */
  public static NotationPaths userDefault() throws PolicyException {
    return userDefault(System.getenv(), System.getProperty("os.name", ""));
  }

  /**
   * The user-level default for the given environment and operating-system name (as in the {@code
   * os.name} system property).
   *
   * @throws PolicyException if the environment does not define the directory
   */
  public static NotationPaths userDefault(Map<String, String> environment, String osName)
      throws PolicyException {
    String os = osName.toLowerCase(Locale.ROOT);
    Path base;
    if (os.startsWith("windows")) {
      String appData = nonEmpty(environment.get("AppData"), environment.get("APPDATA"));
      if (appData == null) {
        throw new PolicyException(
            "cannot locate the notation configuration directory: %AppData% is not defined");
      }
      base = Path.of(appData);
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      base = Path.of(home(environment), "Library", "Application Support");
    } else {
      String xdg = nonEmpty(environment.get("XDG_CONFIG_HOME"), null);
      if (xdg != null) {
        if (!xdg.startsWith("/")) {
          throw new PolicyException(
              "cannot locate the notation configuration directory: $XDG_CONFIG_HOME (\""
                  + xdg
                  + "\") is a relative path");
        }
        base = Path.of(xdg);
      } else {
        base = Path.of(home(environment), ".config");
      }
    }
    return of(base.resolve("notation"));
  }

  private static String home(Map<String, String> environment) throws PolicyException {
    String home = nonEmpty(environment.get("HOME"), null);
    if (home == null) {
      throw new PolicyException(
          "cannot locate the notation configuration directory: $HOME is not defined");
    }
    return home;
  }

  private static @Nullable String nonEmpty(@Nullable String a, @Nullable String b) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    return b != null && !b.isEmpty() ? b : null;
  }

  /** {@code {NOTATION_CONFIG}}. */
  public Path configDirectory() {
    return configDirectory;
  }

  /** {@code {NOTATION_CONFIG}/truststore}, the root for {@link DirectoryTrustStore#of}. */
  public Path trustStoreDirectory() {
    return configDirectory.resolve(TRUST_STORE_DIRECTORY);
  }

  /**
   * {@code {NOTATION_CONFIG}/plugins}, where notation installs plugins: {@code
   * plugins/<name>/notation-<name>} (notation-go's {@code {NOTATION_LIBEXEC}}, which is the
   * configuration directory).
   */
  public Path pluginDirectory() {
    return configDirectory.resolve(PLUGIN_DIRECTORY);
  }

  /** {@code {NOTATION_CONFIG}/signingkeys.json}, notation's signing keys. */
  public Path signingKeysFile() {
    return configDirectory.resolve(SIGNING_KEYS);
  }

  /** {@code {NOTATION_CONFIG}/trustpolicy.oci.json}. */
  public Path ociTrustPolicyFile() {
    return configDirectory.resolve(OCI_TRUST_POLICY);
  }

  /** {@code {NOTATION_CONFIG}/trustpolicy.json}. */
  public Path legacyOciTrustPolicyFile() {
    return configDirectory.resolve(LEGACY_OCI_TRUST_POLICY);
  }

  /** {@code {NOTATION_CONFIG}/trustpolicy.blob.json}. */
  public Path blobTrustPolicyFile() {
    return configDirectory.resolve(BLOB_TRUST_POLICY);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotationPaths
        && ((NotationPaths) o).configDirectory.equals(configDirectory);
  }

  @Override
  public int hashCode() {
    return configDirectory.hashCode();
  }

  @Override
  public String toString() {
    return "NotationPaths{" + configDirectory + "}";
  }
}
