package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.TrustedService;
import dev.ocitrust.cose.CoseFormatException;
import dev.ocitrust.cose.ServiceKeys;
import dev.ocitrust.policy.internal.StrictJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an {@code issuers} entry of role {@code transparency-service}: {@code name}, an optional
 * {@code iss} (one value, the receipts' CWT issuer), and its keys inline: {@code serviceKeys}, the
 * base64 of a COSE_KeySet (what {@code /.well-known/scitt-keys} serves), and/or {@code
 * certificates}, each a PEM certificate or the base64 of its DER.
 *
 * <p>Thread-safe: stateless.
 */
public final class ServicePolicyParser {
  private ServicePolicyParser() {}

  /** The service declared by {@code f}, whose properties must be among {@code allowed}. */
  public static TrustedService service(StrictJson.Fields f, Set<String> allowed)
      throws StrictJson.Problem {
    f.allowOnly(allowed);
    String name = f.text("name");
    List<String> iss = f.texts("iss", false);
    if (iss.size() > 1) {
      throw f.problem("iss", "a transparency service has one iss, found " + iss.size());
    }
    Optional<String> keySet = f.optionalText("serviceKeys");
    List<String> certs = f.texts("certificates", false);
    if (keySet.isEmpty() && certs.isEmpty()) {
      throw f.problem(
          "serviceKeys", "transparency service \"" + name + "\" needs serviceKeys or certificates");
    }
    ServiceKeys keys = null;
    try {
      if (keySet.isPresent()) {
        keys = ServiceKeys.fromCoseKeySet(base64(f, "serviceKeys", keySet.get()));
      }
      if (!certs.isEmpty()) {
        List<X509Certificate> parsed = new ArrayList<>();
        for (String c : certs) {
          parsed.add(certificate(f, c));
        }
        ServiceKeys fromCerts = ServiceKeys.fromCertificates(parsed);
        keys = keys == null ? fromCerts : keys.and(fromCerts);
      }
    } catch (CoseFormatException e) {
      throw f.problem("serviceKeys", "transparency service \"" + name + "\": " + e.getMessage());
    }
    return new TrustedService(
        name, iss.stream().findFirst(), java.util.Objects.requireNonNull(keys));
  }

  private static byte[] base64(StrictJson.Fields f, String field, String value)
      throws StrictJson.Problem {
    String v = value.strip();
    try {
      return v.contains("-") || v.contains("_")
          ? Base64.getUrlDecoder().decode(v)
          : Base64.getMimeDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw f.problem(field, "not base64: " + e.getMessage());
    }
  }

  private static X509Certificate certificate(StrictJson.Fields f, String value)
      throws StrictJson.Problem {
    byte[] der =
        value.contains("-----BEGIN")
            ? value.getBytes(StandardCharsets.US_ASCII)
            : base64(f, "certificates", value);
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw f.problem("certificates", "not an X.509 certificate: " + e.getMessage());
    }
  }
}
