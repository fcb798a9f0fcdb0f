package dev.ocitrust.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.cose.NotarySigningScheme;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.policy.internal.PluginCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The plugin part of verifying one signature whose envelope names a verification plugin ({@code
 * io.cncf.notary.verificationPlugin}, optionally {@code
 * io.cncf.notary.verificationPluginMinVersion}, both critical): the plugin must be installed, at
 * least that version (SemVer), and offer a {@code SIGNATURE_VERIFIER} capability; the
 * trusted-identity and revocation checks it offers are its, run through {@code verify-signature}
 * after ocitrust's own checks (integrity, trust store, expiry, time stamp stay ocitrust's, as the
 * specification requires). Package-private; one per signature.
 */
final class PluginVerification {
  static final String VERIFICATION_PLUGIN = "io.cncf.notary.verificationPlugin";
  static final String MIN_VERSION = "io.cncf.notary.verificationPluginMinVersion";

  /** The critical attributes this class processes. */
  static final List<String> ATTRIBUTES = List.of(VERIFICATION_PLUGIN, MIN_VERSION);

  private final NotationPlugin plugin;
  private final PluginMetadata metadata;
  private final @Nullable String minVersion;

  private PluginVerification(
      NotationPlugin plugin, PluginMetadata metadata, @Nullable String minVersion) {
    this.plugin = plugin;
    this.metadata = metadata;
    this.minVersion = minVersion;
  }

  /**
   * The plugin the envelope names, checked; empty if it names none.
   *
   * @throws PolicyException if it names one that is not configured, installed, recent enough or
   *     able to verify
   */
  static Optional<PluginVerification> of(
      VerifiedNotaryEnvelope env, @Nullable NotationPaths plugins) throws PolicyException {
    Map<String, byte[]> attributes = env.extendedAttributes();
    String name = text(attributes.get(VERIFICATION_PLUGIN), VERIFICATION_PLUGIN);
    String min = text(attributes.get(MIN_VERSION), MIN_VERSION);
    if (name == null) {
      if (min != null) {
        throw new PolicyException(
            MIN_VERSION + " is set but the signature names no " + VERIFICATION_PLUGIN);
      }
      return Optional.empty();
    }
    if (plugins == null) {
      throw new PolicyException(
          "the signature must be verified by the plugin "
              + name
              + ", and this verifier has no plugin directory (NotaryVerifier.Builder.plugins)");
    }
    NotationPlugin plugin;
    PluginMetadata metadata;
    try {
      plugin = NotationPlugin.builder(plugins, name).build();
      metadata = plugin.metadata(Map.of());
    } catch (IllegalArgumentException | PluginException e) {
      throw new PolicyException(
          "the signature must be verified by the plugin " + name + ": " + e.getMessage(), e);
    }
    if (min != null) {
      int[] wanted = SemVer.parse(min, MIN_VERSION);
      int[] have = SemVer.parse(metadata.version(), "the version of plugin " + name);
      if (SemVer.compare(have, wanted) < 0) {
        throw new PolicyException(
            "the signature needs plugin "
                + name
                + " at version "
                + min
                + " or later; installed is "
                + metadata.version());
      }
    }
    PluginVerification v = new PluginVerification(plugin, metadata, min);
    if (!v.verifiesTrustedIdentity() && !v.checksRevocation()) {
      throw new PolicyException(
          "the plugin "
              + name
              + " the signature names has no SIGNATURE_VERIFIER capability (it has "
              + metadata.capabilities()
              + ")");
    }
    return Optional.of(v);
  }

  /** The plugin's name. */
  String name() {
    return plugin.name();
  }

  /** Whether the plugin does the trusted-identity check. */
  boolean verifiesTrustedIdentity() {
    return metadata.hasCapability(NotationPlugin.SIGNATURE_VERIFIER_TRUSTED_IDENTITY);
  }

  /** Whether the plugin does the revocation check. */
  boolean checksRevocation() {
    return metadata.hasCapability(NotationPlugin.SIGNATURE_VERIFIER_REVOCATION_CHECK);
  }

  /** One plugin result: passed, or failed with the plugin's reason. */
  record Result(boolean success, String reason) {}

  /**
   * Runs {@code verify-signature} for {@code capabilities} (those of the plugin's checks the policy
   * does not skip) and returns the plugin's result for each.
   *
   * @throws PluginException if the call fails or the answer breaks the protocol (results for other
   *     checks than those asked, a processed attribute that was not asked for)
   */
  Map<String, Result> verify(
      VerifiedNotaryEnvelope env, TrustedIdentities identities, List<String> capabilities)
      throws PluginException {
    String command = "verify-signature";
    PluginCalls calls = plugin.calls();
    ObjectNode request = calls.request(NotationPlugin.CONTRACT_VERSION);
    ObjectNode signature = request.putObject("signature");
    ObjectNode critical = signature.putObject("criticalAttributes");
    critical.put("contentType", TargetArtifact.PAYLOAD_MEDIA_TYPE);
    critical.put("signingScheme", env.signingScheme().value());
    env.expiry().ifPresent(e -> critical.put("expiry", e.toString()));
    if (env.signingScheme() == NotarySigningScheme.X509_SIGNING_AUTHORITY) {
      critical.put("authenticSigningTime", env.signingTime().toString());
    }
    critical.put("verificationPlugin", plugin.name());
    if (minVersion != null) {
      critical.put("verificationPluginMinVersion", minVersion);
    }
    critical.putObject("extendedAttributes");
    signature.putArray("unprocessedAttributes");
    ArrayNode chain = signature.putArray("certificateChain");
    for (X509Certificate c : env.certificateChain()) {
      try {
        chain.add(PluginCalls.base64(c.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new PluginException(plugin.name(), command, "cannot encode the chain", e);
      }
    }
    ObjectNode policy = request.putObject("trustPolicy");
    ArrayNode ids = policy.putArray("trustedIdentities");
    identities.values().forEach(ids::add);
    ArrayNode checks = policy.putArray("signatureVerification");
    capabilities.forEach(checks::add);
    JsonNode answer = calls.call(command, request);
    JsonNode results = answer.get("verificationResults");
    if (results == null || !results.isObject()) {
      throw calls.malformed(command, "\"verificationResults\" is missing or not an object");
    }
    Map<String, Result> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : results.properties()) {
      JsonNode success = e.getValue().get("success");
      if (!capabilities.contains(e.getKey()) || success == null || !success.isBoolean()) {
        throw calls.malformed(
            command, "result \"" + e.getKey() + "\" was not asked for or has no boolean success");
      }
      String reason = e.getValue().path("reason").asText("");
      if (!success.asBoolean() && reason.isEmpty()) {
        reason = "the plugin gave no reason";
      }
      out.put(e.getKey(), new Result(success.asBoolean(), reason));
    }
    if (!out.keySet().equals(new java.util.HashSet<>(capabilities))) {
      throw calls.malformed(
          command, "results for " + out.keySet() + " but " + capabilities + " were asked for");
    }
    JsonNode processed = answer.get("processedAttributes");
    if (processed == null || !processed.isArray()) {
      throw calls.malformed(command, "\"processedAttributes\" is missing or not an array");
    }
    if (!processed.isEmpty()) {
      throw calls.malformed(
          command, "processedAttributes " + processed + " were not among the unprocessed ones []");
    }
    return out;
  }

  /** The text of an extended attribute as either envelope encodes it (CBOR or JSON string). */
  private static @Nullable String text(byte @Nullable [] encoded, String name)
      throws PolicyException {
    if (encoded == null) {
      return null;
    }
    try {
      if (encoded.length > 0 && encoded[0] == '"') {
        JsonNode node = new ObjectMapper().readTree(encoded);
        if (node != null && node.isTextual()) {
          return node.asText();
        }
      } else if (encoded.length > 0 && (encoded[0] & 0xE0) == 0x60) {
        int info = encoded[0] & 0x1F;
        int offset = 1;
        long length = info;
        if (info >= 24 && info <= 27) {
          int n = 1 << (info - 24);
          length = 0;
          for (int i = 0; i < n; i++) {
            length = (length << 8) | (encoded[offset++] & 0xFF);
          }
        } else if (info > 27) {
          throw new PolicyException(name + " is not a definite-length text string");
        }
        if (offset + length == encoded.length) {
          return new String(encoded, offset, (int) length, StandardCharsets.UTF_8);
        }
      }
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      throw new PolicyException(name + " is not a string", e);
    }
    throw new PolicyException(name + " is not a string");
  }

  /** The SemVer comparison the minimum-version rule needs (major.minor.patch, optional suffix). */
  static final class SemVer {
    private SemVer() {}

    static int[] parse(String version, String what) throws PolicyException {
      String v = version.startsWith("v") ? version.substring(1) : version;
      String core = v.split("[-+]", 2)[0];
      String[] parts = core.split("\\.", -1);
      if (parts.length != 3) {
        throw new PolicyException(what + " \"" + version + "\" is not a SemVer version");
      }
      int[] out = new int[4];
      try {
        for (int i = 0; i < 3; i++) {
          if (parts[i].isEmpty() || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
            throw new NumberFormatException(parts[i]);
          }
          out[i] = Integer.parseInt(parts[i]);
        }
      } catch (NumberFormatException e) {
        throw new PolicyException(what + " \"" + version + "\" is not a SemVer version", e);
      }
      out[3] = v.length() > core.length() && v.charAt(core.length()) == '-' ? 0 : 1;
      return out;
    }

    static int compare(int[] a, int[] b) {
      for (int i = 0; i < 4; i++) {
        if (a[i] != b[i]) {
          return Integer.compare(a[i], b[i]);
        }
      }
      return 0;
    }
  }

  @Override
  public String toString() {
    return "PluginVerification{" + plugin.name() + " " + metadata.version() + "}";
  }

  /** The verifier capabilities to ask for, in the order the specification lists them. */
  static List<String> capabilities(boolean identity, boolean revocation) {
    List<String> out = new ArrayList<>();
    if (identity) {
      out.add(NotationPlugin.SIGNATURE_VERIFIER_TRUSTED_IDENTITY);
    }
    if (revocation) {
      out.add(NotationPlugin.SIGNATURE_VERIFIER_REVOCATION_CHECK);
    }
    return out;
  }
}
