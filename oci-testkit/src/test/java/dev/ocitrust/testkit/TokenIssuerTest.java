package dev.ocitrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIssuerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @Test
  void issuesAVerifiableEs256Jwt(@TempDir Path dir) throws Exception {
    TokenIssuer issuer = TokenIssuer.generate("iss-1", "svc-1", dir, CLOCK);
    String jwt =
        issuer.issue(
            "alice",
            List.of("repository:team/app:pull,push registry:catalog:*"),
            Duration.ofMinutes(5));
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    Base64.Decoder b64 = Base64.getUrlDecoder();
    String header = new String(b64.decode(parts[0]), StandardCharsets.UTF_8);
    String claims = new String(b64.decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(header).contains("\"alg\":\"ES256\"", "\"kid\":\"" + issuer.keyId() + "\"");
    assertThat(claims)
        .contains(
            "\"iss\":\"iss-1\"",
            "\"sub\":\"alice\"",
            "\"aud\":\"svc-1\"",
            "\"exp\":1700000300",
            "\"iat\":1700000000",
            "{\"type\":\"repository\",\"name\":\"team/app\",\"actions\":[\"pull\",\"push\"]}",
            "{\"type\":\"registry\",\"name\":\"catalog\",\"actions\":[\"*\"]}");
    byte[] signature = b64.decode(parts[2]);
    assertThat(signature).hasSize(64);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(issuer.certificate().getPublicKey());
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(issuer.rootCertBundle()).content().startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void keyIdHasLibtrustShape() {
    String id = TokenIssuer.libtrustKeyId(new byte[] {1, 2, 3});
    assertThat(id).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
  }

  @Test
  void rejectsMalformedScopes(@TempDir Path dir) throws Exception {
    TokenIssuer issuer = TokenIssuer.generate("i", "s", dir, CLOCK);
    assertThatThrownBy(() -> issuer.issue("a", List.of("repository"), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TYPE:NAME:ACTIONS");
  }
}
