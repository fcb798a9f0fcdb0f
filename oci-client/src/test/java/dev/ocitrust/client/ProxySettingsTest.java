package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proxy settings from the environment (as Go reads it) and from the builder. */
class ProxySettingsTest {
  @Test
  void upperCaseFirstThenLowerCase() {
    ProxySettings p =
        ProxySettings.fromEnvironment(
            Map.of(
                "HTTPS_PROXY", "http://upper:3128",
                "https_proxy", "http://lower:3128",
                "http_proxy", "plain.example:8080",
                "no_proxy", ".corp.example"));
    assertThat(p.isJvm()).isFalse();
    assertThat(p.httpsProxy()).contains("http://upper:3128");
    assertThat(p.httpProxy()).contains("http://plain.example:8080");
    assertThat(p.noProxy()).isEqualTo(".corp.example");
  }

  @Test
  void noVariablesMeansTheJvmSettings() {
    assertThat(ProxySettings.fromEnvironment(Map.of("NO_PROXY", "x")).isJvm()).isTrue();
    assertThat(ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "")).isJvm()).isTrue();
  }

  @Test
  void credentialsStayInTheUrlAndOutOfTheText() {
    ProxySettings p =
        ProxySettings.builder().httpsProxy("http://al%40ce:pa%3Ass@proxy:3128").build();
    assertThat(p.httpsProxy()).contains("http://proxy:3128");
    assertThat(p.toString())
        .doesNotContain("pa%3Ass")
        .doesNotContain("al%40ce")
        .doesNotContain("pa:ss");
    URI uri = p.proxyFor("https");
    Credential c = ProxySettings.credentialOf(uri).orElseThrow();
    assertThat(c.username()).contains("al@ce");
    assertThat(c.password()).contains("pa:ss");
  }

  @Test
  void defaultPortsAsInGo() {
    assertThat(ProxySettings.builder().httpProxy("proxy").build().httpProxy())
        .contains("http://proxy:80");
    assertThat(ProxySettings.builder().httpsProxy("socks5://s").build().httpsProxy())
        .contains("socks5://s:1080");
  }

  @Test
  void unusableProxiesNameTheVariable() {
    assertThatThrownBy(() -> ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "https://p:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .hasMessageContaining("not supported");
    assertThatThrownBy(() -> ProxySettings.fromEnvironment(Map.of("HTTP_PROXY", "ftp://p:1")))
        .hasMessageContaining("HTTP_PROXY")
        .hasMessageContaining("ftp");
    assertThatThrownBy(() -> ProxySettings.builder().httpsProxy("socks5://u:p@s:1"))
        .hasMessageContaining("credentials");
  }

  @Test
  void theReadmeExampleBuilds() {
    // README: proxy-sdk
    ProxySettings corporate =
        ProxySettings.builder()
            .httpsProxy("http://alice:secret@proxy.corp.example:3128") // proxy credentials
            .noProxy(".corp.example,10.0.0.0/8,registry.local:5000")
            .build();
    try (RegistryClient client = RegistryClient.builder().proxy(corporate).build()) {
      System.out.println(client); // ... ProxySettings[https=http://proxy.corp.example:3128, ...]
    }
    // END README
    assertThat(corporate.httpsProxy()).contains("http://proxy.corp.example:3128");
  }
}
