package dev.ocitrust.policy.internal;

import dev.ocitrust.policy.TrustStoreException;
import dev.ocitrust.policy.TrustStoreType;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Which certificates each trust-store type may hold (notation's {@code truststore} rules). */
public final class TrustAnchorRules {
  private TrustAnchorRules() {}

  /**
   * Checks that {@code cert} may be held by a store of {@code type}.
   *
   * @param what the store, as messages name it ({@code trust store "x" of type "ca"})
   * @param source the certificate, as messages name it (a file name, {@code certificate #2})
   * @throws TrustStoreException if it may not, naming the certificate, the store and the rule
   */
  public static void check(TrustStoreType type, String what, String source, X509Certificate cert)
      throws TrustStoreException {
    String problem =
        type == TrustStoreType.TSA ? tsaProblem(cert) : caOrSigningAuthorityProblem(cert);
    if (problem != null) {
      throw new TrustStoreException(
          "the trusted certificate " + source + " in the " + what + " is invalid: " + problem);
    }
  }

  /**
   * Why {@code cert} is not allowed in a {@code ca} or {@code signingAuthority} store, or null: it
   * must be a CA certificate or a self-signed one.
   */
  private static @Nullable String caOrSigningAuthorityProblem(X509Certificate cert) {
    if (cert.getBasicConstraints() >= 0) {
      return null;
    }
    if (!isSelfSigned(cert)) {
      return "certificate with subject \""
          + subject(cert)
          + "\" is not a CA certificate or self-signed signing certificate";
    }
    return null;
  }

  /**
   * Why {@code cert} is not allowed in a {@code tsa} store, or null: it must be a root CA, that is
   * a CA certificate (basicConstraints cA=true, keyCertSign if key usage is present), self-signed
   * and self-issued.
   */
  private static @Nullable String tsaProblem(X509Certificate cert) {
    if (cert.getBasicConstraints() < 0) {
      return "certificate with subject \""
          + subject(cert)
          + "\" is not a root CA certificate: it is not a CA certificate (basicConstraints cA"
          + " is not true)";
    }
    boolean[] ku = cert.getKeyUsage();
    if (ku != null && (ku.length < 6 || !ku[5])) {
      return "certificate with subject \""
          + subject(cert)
          + "\" is not a root CA certificate: its key usage lacks keyCertSign";
    }
    if (!isSelfSigned(cert)) {
      return "certificate with subject \""
          + subject(cert)
          + "\" is not a root CA certificate: its signature does not verify with its own key";
    }
    if (!Arrays.equals(
        cert.getSubjectX500Principal().getEncoded(), cert.getIssuerX500Principal().getEncoded())) {
      return "certificate with subject \""
          + subject(cert)
          + "\" is not a root CA certificate: issuer ("
          + cert.getIssuerX500Principal().getName()
          + ") and subject ("
          + subject(cert)
          + ") are not the same";
    }
    return null;
  }

  private static boolean isSelfSigned(X509Certificate cert) {
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }
}
