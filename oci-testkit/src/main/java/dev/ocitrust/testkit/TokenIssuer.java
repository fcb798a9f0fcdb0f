package dev.ocitrust.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Issues registry bearer tokens (JWT, ES256) as the docker-registry token auth specification
 * describes, signed by a fresh ECDSA P-256 key whose self-signed certificate is written to {@link
 * #rootCertBundle()} for the registry's {@code auth.token.rootcertbundle}. The JOSE header names
 * the key with a libtrust-style {@code kid}; the claims carry {@code iss}, {@code sub}, {@code aud}
 * (the service), {@code exp}, {@code nbf}, {@code iat}, {@code jti} and {@code access}.
 *
 * <p>Security: for tests only. It grants whatever scopes it is asked for and keeps its key in
 * memory; the key never leaves this object.
 *
 * <p>Thread-safe: immutable; {@link #issue} may be called concurrently.
 *
 * <pre>{@code
 * TokenIssuer issuer = TokenIssuer.generate("test-issuer", "test-registry", dir);
 * String jwt = issuer.issue("alice", List.of("repository:team/app:pull,push"), Duration.ofMinutes(5));
 * }</pre>
 */
public final class TokenIssuer {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final String issuer;
  private final String service;
  private final KeyPair keys;
  private final X509Certificate certificate;
  private final Path rootCertBundle;
  private final String keyId;
  private final Clock clock;

  private TokenIssuer(
      String issuer,
      String service,
      KeyPair keys,
      X509Certificate certificate,
      Path rootCertBundle,
      Clock clock) {
    this.issuer = issuer;
    this.service = service;
    this.keys = keys;
    this.certificate = certificate;
    this.rootCertBundle = rootCertBundle;
    this.keyId = libtrustKeyId(keys.getPublic().getEncoded());
    this.clock = clock;
  }

  /** As {@link #generate(String, String, Path, Clock)} with the system clock. */
  public static TokenIssuer generate(String issuer, String service, Path dir) throws IOException {
    return generate(issuer, service, dir, Clock.systemUTC());
  }

  /**
   * Generates a signing key and certificate and writes the certificate to {@code
   * dir/token-root.pem}.
   *
   * @param issuer the {@code iss} claim (the registry's {@code auth.token.issuer})
   * @param service the {@code aud} claim (the registry's {@code auth.token.service})
   * @param dir folder for the root certificate bundle (created if missing)
   * @param clock the source of {@code iat}, {@code nbf} and {@code exp}
   * @throws IOException when the bundle cannot be written
   */
  public static TokenIssuer generate(String issuer, String service, Path dir, Clock clock)
      throws IOException {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(clock, "clock");
    Instant now = clock.instant();
    TestCertificate signer =
        TestCertificate.builder()
            .subject("CN=ocitrust test token signer")
            .certificateAuthority(-1)
            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign, true)
            .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)))
            .build();
    Files.createDirectories(dir);
    Path bundle = dir.resolve("token-root.pem").toAbsolutePath();
    Files.writeString(bundle, signer.certificatePem(), StandardCharsets.US_ASCII);
    return new TokenIssuer(issuer, service, signer.keyPair(), signer.certificate(), bundle, clock);
  }

  /** The {@code iss} of the tokens. */
  public String issuer() {
    return issuer;
  }

  /** The {@code aud} of the tokens, the registry's service name. */
  public String service() {
    return service;
  }

  /** PEM file with the certificate of the signing key. */
  public Path rootCertBundle() {
    return rootCertBundle;
  }

  /** The certificate of the signing key. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The {@code kid} of the JOSE header (libtrust key ID of the signing key). */
  public String keyId() {
    return keyId;
  }

  /** Registry settings that trust this issuer, with the token server at {@code realm}. */
  public TokenAuthConfig authConfig(URI realm) {
    return new TokenAuthConfig(realm, service, issuer, rootCertBundle);
  }

  /**
   * A signed token for {@code subject} granting {@code scopes}, each as a registry scope string
   * ({@code repository:NAME:pull,push}, {@code registry:catalog:*}); several scopes in one string
   * may be separated by spaces.
   */
  public String issue(String subject, Collection<String> scopes, Duration ttl) {
    Objects.requireNonNull(subject, "subject");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, found " + ttl);
    }
    long now = clock.instant().getEpochSecond();
    byte[] jti = new byte[16];
    new SecureRandom().nextBytes(jti);
    String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":" + Json.string(keyId) + "}";
    StringBuilder claims = new StringBuilder("{");
    claims.append("\"iss\":").append(Json.string(issuer));
    claims.append(",\"sub\":").append(Json.string(subject));
    claims.append(",\"aud\":").append(Json.string(service));
    claims.append(",\"exp\":").append(now + ttl.toSeconds());
    claims.append(",\"nbf\":").append(now - 5);
    claims.append(",\"iat\":").append(now);
    claims.append(",\"jti\":").append(Json.string(HexFormat.of().formatHex(jti)));
    claims.append(",\"access\":[");
    List<String> entries = new ArrayList<>();
    for (String scope : scopes) {
      for (String one : scope.trim().split(" +", -1)) {
        if (!one.isEmpty()) {
          entries.add(accessEntry(one));
        }
      }
    }
    claims.append(String.join(",", entries)).append("]}");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(keys.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }

  /**
   * The JSON body a token endpoint answers with: {@code token} and {@code access_token} (the same
   * JWT), {@code expires_in} and {@code issued_at}.
   */
  public String tokenResponse(String subject, Collection<String> scopes, Duration ttl) {
    String jwt = issue(subject, scopes, ttl);
    return "{\"token\":"
        + Json.string(jwt)
        + ",\"access_token\":"
        + Json.string(jwt)
        + ",\"expires_in\":"
        + ttl.toSeconds()
        + ",\"issued_at\":"
        + Json.string(clock.instant().toString())
        + "}";
  }

  /**
   * {@code type:name:a,b} as an access entry; the name is everything between the first and last
   * ':'.
   */
  private static String accessEntry(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last == first) {
      throw new IllegalArgumentException("scope must be TYPE:NAME:ACTIONS, found " + scope);
    }
    String type = scope.substring(0, first);
    String name = scope.substring(first + 1, last);
    List<String> actions = new ArrayList<>();
    for (String action : scope.substring(last + 1).split(",", -1)) {
      if (!action.isEmpty()) {
        actions.add(Json.string(action));
      }
    }
    return "{\"type\":"
        + Json.string(type)
        + ",\"name\":"
        + Json.string(name)
        + ",\"actions\":["
        + String.join(",", actions)
        + "]}";
  }

  /** libtrust's key ID: SHA-256 of the DER public key, first 240 bits, base32 in groups of 4. */
  static String libtrustKeyId(byte[] subjectPublicKeyInfo) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
    byte[] bytes = Arrays.copyOf(hash, 30);
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        base32.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      if (i > 0) {
        id.append(':');
      }
      id.append(base32, i, Math.min(i + 4, base32.length()));
    }
    return id.toString();
  }

  @Override
  public String toString() {
    return "TokenIssuer[iss=" + issuer + ", aud=" + service + ", kid=" + keyId + "]";
  }
}
