package dev.ocitrust.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.cose.CoseAlgorithm;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.ExternalSignature;
import dev.ocitrust.cose.ExternalSigner;
import dev.ocitrust.policy.PluginException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A key held by a notation plugin with the {@code SIGNATURE_GENERATOR.RAW} capability: {@link
 * #algorithm()} runs {@code describe-key}, {@link #sign} runs {@code generate-signature}. The
 * answers are checked against the protocol (same key id, known key spec and signing algorithm, the
 * signing algorithm the one asked for, base64 DER certificates); the signature itself is checked by
 * the envelope signer ({@link ExternalSignature#check}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PluginSigner implements ExternalSigner {
  private final PluginCalls calls;
  private final String contractVersion;
  private final String keyId;
  private final Map<String, String> config;

  /** A signer for key {@code keyId} of the plugin behind {@code calls}. */
  public PluginSigner(
      PluginCalls calls, String contractVersion, String keyId, Map<String, String> config) {
    this.calls = calls;
    this.contractVersion = contractVersion;
    this.keyId = keyId;
    this.config = Map.copyOf(config);
  }

  @Override
  public CoseAlgorithm algorithm() throws CoseException {
    String command = "describe-key";
    ObjectNode request = calls.request(contractVersion);
    request.put("keyId", keyId);
    PluginCalls.putConfig(request, config);
    JsonNode answer = calls.call(command, request);
    checkKeyId(command, answer);
    String keySpec = calls.text(command, answer, "keySpec");
    return PluginAlgorithms.ofKeySpec(keySpec)
        .orElseThrow(
            () ->
                calls.malformed(
                    command,
                    "keySpec \""
                        + keySpec
                        + "\" is none of RSA-2048, RSA-3072, RSA-4096, EC-256, EC-384, EC-521"));
  }

  @Override
  public ExternalSignature sign(CoseAlgorithm algorithm, byte[] data) throws CoseException {
    String command = "generate-signature";
    ObjectNode request = calls.request(contractVersion);
    request.put("keyId", keyId);
    PluginCalls.putConfig(request, config);
    request.put("keySpec", PluginAlgorithms.keySpec(algorithm));
    request.put("hashAlgorithm", algorithm.hashName());
    request.put("payload", PluginCalls.base64(data));
    JsonNode answer = calls.call(command, request);
    checkKeyId(command, answer);
    String signingAlgorithm = calls.text(command, answer, "signingAlgorithm");
    CoseAlgorithm returned =
        PluginAlgorithms.ofSigningAlgorithm(signingAlgorithm)
            .orElseThrow(
                () ->
                    calls.malformed(
                        command,
                        "signingAlgorithm \"" + signingAlgorithm + "\" is not a supported one"));
    if (!returned.equals(algorithm)) {
      throw calls.malformed(
          command,
          "signed with "
              + signingAlgorithm
              + " but "
              + PluginAlgorithms.signingAlgorithm(algorithm)
              + " was asked for");
    }
    byte[] signature = calls.bytes(command, answer, "signature");
    JsonNode chainNode = answer.get("certificateChain");
    if (chainNode == null || !chainNode.isArray() || chainNode.isEmpty()) {
      throw calls.malformed(command, "\"certificateChain\" is missing, empty or not an array");
    }
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory x509;
    try {
      x509 = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new PluginException(calls.name(), command, "no X.509 support", e);
    }
    for (int i = 0; i < chainNode.size(); i++) {
      JsonNode entry = chainNode.get(i);
      if (!entry.isTextual()) {
        throw calls.malformed(command, "certificateChain[" + i + "] is not a string");
      }
      byte[] der;
      try {
        der = java.util.Base64.getDecoder().decode(entry.asText());
        chain.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der)));
      } catch (IllegalArgumentException | CertificateException e) {
        throw calls.malformed(
            command, "certificateChain[" + i + "] is not a base64 DER certificate");
      }
    }
    if (signature.length == 0) {
      throw calls.malformed(command, "\"signature\" is empty");
    }
    return ExternalSignature.of(signature, chain);
  }

  private void checkKeyId(String command, JsonNode answer) throws PluginException {
    String returned = calls.text(command, answer, "keyId");
    if (!returned.equals(keyId)) {
      throw calls.malformed(
          command, "keyId \"" + returned + "\" does not match the request's \"" + keyId + "\"");
    }
  }

  @Override
  public String toString() {
    return "PluginSigner{" + calls.name() + ", key " + keyId + "}";
  }
}
