package dev.ocitrust.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/** The commands of {@link NotationTestPlugin}, one per process run (package-private). */
final class TestPluginCommands {
  private final Path home;
  private final ObjectMapper json = new ObjectMapper();
  private final PrintStream out;
  private final PrintStream err;

  TestPluginCommands(Path home) {
    this.home = home;
    this.out = System.out;
    this.err = System.err;
  }

  int run(String[] args, InputStream stdin) {
    if (args.length != 1) {
      return error("VALIDATION_ERROR", "expected one command, got " + args.length);
    }
    JsonNode request;
    try {
      request = json.readTree(stdin.readAllBytes());
    } catch (IOException e) {
      return error("VALIDATION_ERROR", "Input is not a valid JSON");
    }
    if (request == null || !request.isObject()) {
      return error("VALIDATION_ERROR", "Input is not a valid JSON");
    }
    JsonNode config = request.path("pluginConfig");
    try {
      if (config.has("sleep")) {
        Thread.sleep(Long.parseLong(config.get("sleep").asText()) * 1000);
      }
      if (config.has("flood")) {
        byte[] junk = new byte[8192];
        java.util.Arrays.fill(junk, (byte) ' ');
        for (long n = Long.parseLong(config.get("flood").asText()); n > 0; n -= junk.length) {
          out.write(junk, 0, (int) Math.min(n, junk.length));
        }
        out.flush();
        return 0;
      }
      if (config.has("exit")) {
        err.println("test plugin told to exit with " + config.get("exit").asText());
        return Integer.parseInt(config.get("exit").asText());
      }
      if (!config.path("fail").asText("").isEmpty()) {
        return error(config.get("fail").asText(), "test plugin told to fail");
      }
      ObjectNode answer =
          switch (args[0]) {
            case "get-plugin-metadata" -> metadata();
            case "describe-key" -> describeKey(request);
            case "generate-signature" -> generateSignature(request, config);
            case "verify-signature" -> verifySignature(request);
            case "generate-envelope" -> generateEnvelope(request, config);
            default -> null;
          };
      if (answer == null) {
        return error("VALIDATION_ERROR", "unknown command " + args[0]);
      }
      out.write(json.writeValueAsBytes(answer));
      out.flush();
      return 0;
    } catch (KeyMissing e) {
      return error("VALIDATION_ERROR", String.valueOf(e.getMessage()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return error("ERROR", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("ERROR", "interrupted");
    }
  }

  private ObjectNode metadata() throws IOException {
    ObjectNode m = json.createObjectNode();
    m.put("name", Files.readString(home.resolve("name")).strip());
    m.put("description", "ocitrust test plugin over local keys");
    m.put("version", "1.0.0");
    m.put("url", "https://example.invalid/ocitrust-test-plugin");
    m.putArray("supportedContractVersions").add("1.0");
    ArrayNode caps = m.putArray("capabilities");
    for (String c : Files.readAllLines(home.resolve("capabilities"))) {
      if (!c.isBlank()) {
        caps.add(c.strip());
      }
    }
    return m;
  }

  private ObjectNode describeKey(JsonNode request) throws IOException, GeneralSecurityException {
    String keyId = keyId(request);
    ObjectNode r = json.createObjectNode();
    r.put("keyId", keyId);
    r.put("keySpec", keySpec(key(keyId)));
    return r;
  }

  private ObjectNode generateSignature(JsonNode request, JsonNode config)
      throws IOException, GeneralSecurityException {
    String keyId = keyId(request);
    PrivateKey key = key(keyId);
    String spec = keySpec(key);
    if (!spec.equals(request.path("keySpec").asText())) {
      throw new KeyMissing("keySpec " + request.path("keySpec").asText() + " is not " + spec);
    }
    String hash = request.path("hashAlgorithm").asText();
    byte[] payload = Base64.getDecoder().decode(request.path("payload").asText());
    byte[] signature = sign(key, hash, payload);
    String tamper = config.path("tamper").asText("");
    if (tamper.equals("signature")) {
      signature[signature.length / 2] ^= 1;
    }
    ObjectNode r = json.createObjectNode();
    r.put("keyId", tamper.equals("keyId") ? keyId + "-other" : keyId);
    r.put("signature", Base64.getEncoder().encodeToString(signature));
    String alg = (key instanceof RSAPrivateKey ? "RSASSA-PSS-" : "ECDSA-") + hash;
    r.put("signingAlgorithm", tamper.equals("algorithm") ? "RSASSA-PKCS1-SHA-256" : alg);
    ArrayNode chain = r.putArray("certificateChain");
    for (X509Certificate c : chain(keyId)) {
      chain.add(Base64.getEncoder().encodeToString(c.getEncoded()));
    }
    return r;
  }

  private List<X509Certificate> chain(String keyId) throws IOException, GeneralSecurityException {
    byte[] pem = Files.readAllBytes(home.resolve("keys").resolve(keyId + ".crt"));
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem))) {
      out.add((X509Certificate) c);
    }
    return out;
  }

  /**
   * Builds a COSE envelope itself ({@link TestCose}); {@code tamper=payload} signs another size,
   * {@code tamper=type} answers another envelope type.
   */
  private ObjectNode generateEnvelope(JsonNode request, JsonNode config)
      throws IOException, GeneralSecurityException {
    String keyId = keyId(request);
    PrivateKey key = key(keyId);
    String type = request.path("signatureEnvelopeType").asText();
    if (!type.equals("application/cose")) {
      throw new KeyMissing("signatureEnvelopeType " + type + " is not supported");
    }
    String tamper = config.path("tamper").asText("");
    byte[] payload = Base64.getDecoder().decode(request.path("payload").asText());
    if (tamper.equals("payload")) {
      payload =
          new String(payload, StandardCharsets.UTF_8)
              .replace("\"size\":", "\"size\":1")
              .getBytes(StandardCharsets.UTF_8);
    }
    String spec = keySpec(key);
    String hash =
        switch (spec) {
          case "RSA-3072", "EC-384" -> "SHA-384";
          case "RSA-4096", "EC-521" -> "SHA-512";
          default -> "SHA-256";
        };
    String alg = (key instanceof RSAPrivateKey ? "RSASSA-PSS-" : "ECDSA-") + hash;
    byte[] envelope =
        TestCose.envelope(
            TestCose.algorithm(alg),
            tbs -> sign(key, hash, tbs),
            chain(keyId),
            payload,
            Instant.now(),
            request.path("expiryDurationInSeconds").asLong(0));
    ObjectNode r = json.createObjectNode();
    r.put("signatureEnvelope", Base64.getEncoder().encodeToString(envelope));
    r.put("signatureEnvelopeType", tamper.equals("type") ? "application/jose+json" : type);
    r.putObject("annotations").put("io.ocitrust.test.envelope", "made by the plugin");
    return r;
  }

  /**
   * Passes every check asked for unless {@code verify-denies} in the plugin's folder lists it;
   * keeps the request as {@code last-verify-request.json} for the test to read.
   */
  private ObjectNode verifySignature(JsonNode request) throws IOException {
    Files.write(home.resolve("last-verify-request.json"), json.writeValueAsBytes(request));
    Path deniesFile = home.resolve("verify-denies");
    List<String> denies = Files.exists(deniesFile) ? Files.readAllLines(deniesFile) : List.of();
    ObjectNode r = json.createObjectNode();
    ObjectNode results = r.putObject("verificationResults");
    for (JsonNode check : request.path("trustPolicy").path("signatureVerification")) {
      ObjectNode result = results.putObject(check.asText());
      boolean denied = denies.contains(check.asText());
      result.put("success", !denied);
      result.put("reason", denied ? "denied by the test plugin" : "checked by the test plugin");
    }
    r.putArray("processedAttributes");
    return r;
  }

  private static byte[] sign(PrivateKey key, String hash, byte[] payload)
      throws GeneralSecurityException {
    if (key instanceof RSAPrivateKey) {
      Signature s = Signature.getInstance("RSASSA-PSS");
      int salt = MessageDigest.getInstance(hash).getDigestLength();
      s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
      s.initSign(key);
      s.update(payload);
      return s.sign();
    }
    Signature s = Signature.getInstance(hash.replace("-", "") + "withECDSA");
    s.initSign(key);
    s.update(payload);
    ASN1Sequence seq = ASN1Sequence.getInstance(s.sign());
    int n = (((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
    byte[] raw = new byte[2 * n];
    List<BigInteger> rs =
        List.of(
            ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue(),
            ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue());
    for (int i = 0; i < 2; i++) {
      byte[] b = rs.get(i).toByteArray();
      int strip = b.length > n ? b.length - n : 0;
      System.arraycopy(b, strip, raw, i * n + n - (b.length - strip), b.length - strip);
    }
    return raw;
  }

  private static String keyId(JsonNode request) {
    String keyId = request.path("keyId").asText("");
    if (keyId.isEmpty()) {
      throw new KeyMissing("keyId is required");
    }
    return keyId;
  }

  private PrivateKey key(String keyId) throws IOException, GeneralSecurityException {
    Path file = home.resolve("keys").resolve(keyId + ".key");
    if (keyId.contains("/") || !Files.isRegularFile(file)) {
      throw new KeyMissing("key " + keyId + " not found");
    }
    byte[] der = Files.readAllBytes(file);
    for (String alg : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next type
      }
    }
    throw new KeyMissing("key " + keyId + " is neither RSA nor EC");
  }

  private static String keySpec(PrivateKey key) {
    if (key instanceof RSAPrivateKey rsa) {
      return "RSA-" + rsa.getModulus().bitLength();
    }
    int bits = ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
    return "EC-" + bits;
  }

  private int error(String code, String message) {
    ObjectNode e = json.createObjectNode();
    e.put("errorCode", code);
    e.put("errorMessage", message);
    err.print(e.toString());
    err.flush();
    return 1;
  }

  /** A request naming a key the plugin does not hold: a VALIDATION_ERROR. */
  private static final class KeyMissing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyMissing(String message) {
      super(message);
    }
  }
}
