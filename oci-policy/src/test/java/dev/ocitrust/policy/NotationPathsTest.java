package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Default locations as notation resolves them, from an injected environment. */
class NotationPathsTest {
  @Test
  void linuxUsesXdgConfigHome() throws Exception {
    NotationPaths p =
        NotationPaths.userDefault(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/home/u"), "Linux");
    assertThat(p.configDirectory()).isEqualTo(Path.of("/xdg/notation"));
    assertThat(p.trustStoreDirectory()).isEqualTo(Path.of("/xdg/notation/truststore"));
    assertThat(p.ociTrustPolicyFile()).isEqualTo(Path.of("/xdg/notation/trustpolicy.oci.json"));
    assertThat(p.legacyOciTrustPolicyFile()).isEqualTo(Path.of("/xdg/notation/trustpolicy.json"));
    assertThat(p.blobTrustPolicyFile()).isEqualTo(Path.of("/xdg/notation/trustpolicy.blob.json"));
  }

  @Test
  void linuxFallsBackToHomeConfig() throws Exception {
    assertThat(NotationPaths.userDefault(Map.of("HOME", "/home/u"), "Linux").configDirectory())
        .isEqualTo(Path.of("/home/u/.config/notation"));
    assertThat(
            NotationPaths.userDefault(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", ""), "FreeBSD")
                .configDirectory())
        .isEqualTo(Path.of("/home/u/.config/notation"));
  }

  @Test
  void macOs() throws Exception {
    assertThat(NotationPaths.userDefault(Map.of("HOME", "/Users/u"), "Mac OS X").configDirectory())
        .isEqualTo(Path.of("/Users/u/Library/Application Support/notation"));
  }

  @Test
  void errors() {
    assertThat(
            assertThrows(
                    PolicyException.class,
                    () -> NotationPaths.userDefault(Map.of("XDG_CONFIG_HOME", "rel"), "Linux"))
                .getMessage())
        .contains("relative");
    assertThat(
            assertThrows(PolicyException.class, () -> NotationPaths.userDefault(Map.of(), "Linux"))
                .getMessage())
        .contains("$HOME");
    assertThrows(PolicyException.class, () -> NotationPaths.userDefault(Map.of(), "Windows 11"));
  }

  @Test
  void explicitDirectory() {
    NotationPaths p = NotationPaths.of(Path.of("/etc/notation"));
    assertThat(p.configDirectory()).isEqualTo(Path.of("/etc/notation"));
    assertThat(p).isEqualTo(NotationPaths.of(Path.of("/etc/notation")));
  }
}
