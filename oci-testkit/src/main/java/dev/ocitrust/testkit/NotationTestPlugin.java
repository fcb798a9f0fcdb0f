package dev.ocitrust.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A notation plugin for tests, implementing the Notary Project plugin protocol (contract 1.0)
 * against local keys: {@link #install} writes {@code PLUGINS/<name>/notation-<name>}, an executable
 * shell script that starts this class's {@link #main} on the current JVM with the test kit's class
 * path, and the keys it holds ({@code keys/<keyId>.key}, PKCS #8 DER, and {@code keys/<keyId>.crt},
 * the PEM chain). notation and ocitrust both run it as they run any plugin.
 *
 * <p>Commands: {@code get-plugin-metadata}, {@code describe-key}, {@code generate-signature}
 * (RSASSA-PSS with salt = hash length, ECDSA as raw {@code r||s}, as envelopes carry them), {@code
 * verify-signature} (passes what it is asked unless {@link #denyVerification} says otherwise),
 * {@code generate-envelope} (a COSE envelope it builds itself). Plugin config keys make it
 * misbehave on purpose, for tests of the caller: {@code fail=CODE} (an error response with that
 * code; an empty CODE does not fail), {@code exit=N} (exit code N, stderr text), {@code
 * sleep=SECONDS}, {@code flood=BYTES} (that much stdout), {@code tamper=signature|keyId|algorithm}
 * (a wrong answer).
 *
 * <p>Thread-safe: {@link #install} writes only into the folder it is given.
 *
 * <pre>{@code
 * Path script = NotationTestPlugin.install(configDir.resolve("plugins"), "io.ocitrust.test",
 *     Map.of("k1", TestCertificate.leafUnderIntermediate(TestCertificate.rsaKeyPair(3072))));
 * }</pre>
 */
public final class NotationTestPlugin {
  /** The capabilities it has unless {@link #install(Path, String, Map, List)} says otherwise. */
  public static final List<String> RAW = List.of("SIGNATURE_GENERATOR.RAW");

  static final String HOME_PROPERTY = "ocitrust.testplugin.home";

  private NotationTestPlugin() {}

  /** As {@link #install(Path, String, Map, List)} with the raw-signature capability. */
  public static Path install(Path pluginDirectory, String name, Map<String, TestCertificate> keys) {
    return install(pluginDirectory, name, keys, RAW);
  }

  /**
   * Installs the plugin {@code name} under {@code pluginDirectory} with {@code keys} (by key id)
   * and the given capabilities; returns the executable.
   */
  public static Path install(
      Path pluginDirectory,
      String name,
      Map<String, TestCertificate> keys,
      List<String> capabilities) {
    try {
      Path home = Files.createDirectories(pluginDirectory.resolve(name));
      Path keyDir = Files.createDirectories(home.resolve("keys"));
      for (Map.Entry<String, TestCertificate> e : keys.entrySet()) {
        Files.write(keyDir.resolve(e.getKey() + ".key"), e.getValue().privateKey().getEncoded());
        Files.writeString(
            keyDir.resolve(e.getKey() + ".crt"), TestCertificate.pem(e.getValue().chain()));
      }
      Files.writeString(home.resolve("capabilities"), String.join("\n", capabilities) + "\n");
      Files.writeString(home.resolve("name"), name);
      Path script = home.resolve("notation-" + name);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String body =
          "#!/bin/sh\n"
              + "# a notation plugin for tests: runs dev.ocitrust.testkit.NotationTestPlugin\n"
              + "exec "
              + quote(java)
              + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
              + " -D"
              + HOME_PROPERTY
              + "="
              + quote(home.toAbsolutePath().toString())
              + " -cp "
              + quote(classPath())
              + " "
              + NotationTestPlugin.class.getName()
              + " \"$@\"\n";
      Files.writeString(script, body, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the test plugin under " + pluginDirectory, e);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The jars or class folders of the test kit, Jackson and BouncyCastle. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c :
        List.of(
            NotationTestPlugin.class,
            ObjectMapper.class,
            com.fasterxml.jackson.core.JsonFactory.class,
            com.fasterxml.jackson.annotation.JsonProperty.class,
            org.bouncycastle.jce.provider.BouncyCastleProvider.class,
            org.jspecify.annotations.Nullable.class)) {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source == null) {
        throw new IllegalStateException("no code source for " + c.getName());
      }
      try {
        entries.add(Path.of(source.getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("code source of " + c.getName(), e);
      }
    }
    return String.join(":", new ArrayList<>(entries));
  }

  /**
   * Makes the plugin installed at {@code executable} fail these checks of {@code verify-signature}
   * (capability names; none: pass every check).
   */
  public static void denyVerification(Path executable, String... capabilities) {
    Path home = home(executable);
    try {
      Files.writeString(home.resolve("verify-denies"), String.join("\n", capabilities) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write under " + home, e);
    }
  }

  private static Path home(Path executable) {
    Path parent = executable.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(executable + " is not a plugin executable in its folder");
    }
    return parent;
  }

  /** The last {@code verify-signature} request the plugin at {@code executable} received. */
  public static String lastVerifyRequest(Path executable) {
    try {
      return Files.readString(home(executable).resolve("last-verify-request.json"));
    } catch (IOException e) {
      throw new UncheckedIOException("no verify-signature request was received", e);
    }
  }

  /**
   * The plugin process: {@code args[0]} is the command, the request is on stdin.
   *
   * @param args the command
   */
  public static void main(String[] args) {
    String home = System.getProperty(HOME_PROPERTY);
    int code = new TestPluginCommands(Path.of(home == null ? "." : home)).run(args, System.in);
    System.exit(code);
  }
}
