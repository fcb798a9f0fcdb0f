package dev.ocitrust.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.testkit.TokenAuthConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small Docker token server for tests: answers {@code GET /token?service=&scope=} (Basic auth
 * with one user) with an ES256 JWT carrying its certificate in {@code x5c}, granting every
 * requested scope. The registry trusts it through {@link #authConfig()}. Records the scopes asked.
 */
final class TestTokenServer implements AutoCloseable {
  static final String SERVICE = "ocitrust-test-registry";
  static final String ISSUER = "ocitrust-test-issuer";

  private final MockWebServer http = new MockWebServer();
  private final KeyPair keys;
  private final X509Certificate cert;
  private final Path bundle;
  private final String user;
  private final String password;
  private final ObjectMapper json = new ObjectMapper();
  final List<List<String>> scopesAsked = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();

  TestTokenServer(Path dir, String user, String password) throws Exception {
    this.user = user;
    this.password = password;
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    keys = g.generateKeyPair();
    X500Name name = new X500Name("CN=ocitrust test token signer");
    Instant now = Instant.now();
    cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(Duration.ofDays(1))),
                        name,
                        keys.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    Files.createDirectories(dir);
    bundle = dir.resolve("token-signer.pem");
    Files.writeString(
        bundle,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    http.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    http.start();
  }

  TokenAuthConfig authConfig() {
    return new TokenAuthConfig(URI.create(http.url("/token").toString()), SERVICE, ISSUER, bundle);
  }

  private MockResponse answer(RecordedRequest request) {
    requests.incrementAndGet();
    String auth = request.getHeaders().get("Authorization");
    if (auth == null || !auth.equals(okhttp3.Credentials.basic(user, password))) {
      return new MockResponse.Builder().code(401).body("{\"details\":\"bad credentials\"}").build();
    }
    List<String> scopes =
        request.getUrl().queryParameterValues("scope").stream()
            .filter(s -> s != null)
            .map(String::valueOf)
            .toList();
    scopesAsked.add(scopes);
    try {
      String token = jwt(scopes);
      return new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/json")
          .body("{\"token\":\"" + token + "\",\"expires_in\":300}")
          .build();
    } catch (Exception e) {
      return new MockResponse.Builder().code(500).body(e.toString()).build();
    }
  }

  private String jwt(List<String> scopes) throws Exception {
    ObjectNode header = json.createObjectNode().put("typ", "JWT").put("alg", "ES256");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(cert.getEncoded()));
    long now = Instant.now().getEpochSecond();
    ObjectNode claims =
        json.createObjectNode()
            .put("iss", ISSUER)
            .put("sub", user)
            .put("aud", SERVICE)
            .put("exp", now + 300)
            .put("nbf", now - 10)
            .put("iat", now)
            .put("jti", Long.toHexString(System.nanoTime()));
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      for (String one : scope.split(" ")) {
        int first = one.indexOf(':');
        int last = one.lastIndexOf(':');
        if (first < 0 || last <= first) {
          continue;
        }
        ObjectNode entry =
            access
                .addObject()
                .put("type", one.substring(0, first))
                .put("name", one.substring(first + 1, last));
        ArrayNode actions = entry.putArray("actions");
        for (String a : one.substring(last + 1).split(",")) {
          actions.add(a);
        }
      }
    }
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(json.writeValueAsBytes(header))
            + "."
            + b64.encodeToString(json.writeValueAsBytes(claims));
    Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
    s.initSign(keys.getPrivate());
    s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(s.sign());
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
