package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.EcCurves;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Notary Project X.509 certificate requirements (signature specification §Certificate
 * Requirements, as notation-core-go's {@code ValidateCodeSigningCertChain} and {@code
 * ValidateTimestampingCertChain} apply them), for code-signing and time-stamping chains.
 *
 * <p>A chain is ordered leaf first and ends in a self-signed, self-issued root; each certificate is
 * issued (subject/issuer names and signature) by the next one and, except the root, is not
 * self-signed; a one-certificate chain is a self-signed leaf. CA certificates need basic
 * constraints with cA=true, a path length (if any) not below the number of CAs beneath them, and a
 * key usage with keyCertSign (critical for code signing). Leaves must not be CAs, need key usage
 * with digitalSignature and nothing but digitalSignature/contentCommitment (critical for code
 * signing), an RSA 2048/3072/4096 or EC P-256/P-384/P-521 key, and for code signing an extended key
 * usage that, if present, contains codeSigning and none of serverAuth, clientAuth, emailProtection,
 * timeStamping, OCSPSigning, anyExtendedKeyUsage; a time-stamping leaf needs a critical extended
 * key usage of exactly timeStamping. SHA-1 certificate signatures are refused.
 *
 * <p>Thread-safe: stateless.
 *
 * <pre>{@code
 * List<X509Certificate> chain = NotaryCertificates.parse(x5chain);
 * NotaryCertificates.validateCodeSigningChain(chain, Optional.of(signingTime));
 * }</pre>
 */
public final class NotaryCertificates {
  static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final String EKU_CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  static final String EKU_EMAIL = "1.3.6.1.5.5.7.3.4";
  static final String EKU_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
  static final String EKU_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
  static final String EKU_ANY = "2.5.29.37.0";
  private static final String OID_KEY_USAGE = "2.5.29.15";
  private static final String OID_EKU = "2.5.29.37";

  private NotaryCertificates() {}

  /**
   * Parses DER certificates, each of which must be exactly one certificate.
   *
   * @throws CertificateChainException if the list is empty or an entry does not parse
   */
  public static List<X509Certificate> parse(List<byte[]> der) throws CertificateChainException {
    if (der.isEmpty()) {
      throw new CertificateChainException(
          "certificate chain must contain at least one certificate");
    }
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < der.size(); i++) {
        byte[] b = der.get(i);
        X509Certificate c;
        try {
          c = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b));
        } catch (CertificateException | RuntimeException e) {
          throw new CertificateChainException(
              "x5chain[" + i + "] is not a DER X.509 certificate", e);
        }
        if (!Arrays.equals(c.getEncoded(), b)) {
          throw new CertificateChainException(
              "x5chain[" + i + "] is not exactly one DER certificate (extra or re-encoded bytes)");
        }
        out.add(c);
      }
    } catch (CertificateException e) {
      throw new CertificateChainException("cannot parse certificates: " + e.getMessage(), e);
    }
    return List.copyOf(out);
  }

  /**
   * Validates a code-signing chain; with a signing time, every certificate must be valid then.
   *
   * @throws CertificateChainException on the first rule broken
   */
  public static void validateCodeSigningChain(
      List<X509Certificate> chain, Optional<Instant> signingTime) throws CertificateChainException {
    validateChain(chain, signingTime, true);
  }

  /**
   * Validates a time-stamping (TSA) chain; with a time, every certificate must be valid then.
   *
   * @throws CertificateChainException on the first rule broken
   */
  public static void validateTimestampingChain(List<X509Certificate> chain, Optional<Instant> at)
      throws CertificateChainException {
    validateChain(chain, at, false);
  }

  private static void validateChain(
      List<X509Certificate> chain, Optional<Instant> time, boolean codeSigning)
      throws CertificateChainException {
    if (chain.isEmpty()) {
      throw new CertificateChainException(
          "certificate chain must contain at least one certificate");
    }
    if (chain.size() == 1) {
      X509Certificate cert = chain.get(0);
      checkTime(cert, time);
      checkNoSha1(cert);
      try {
        cert.verify(cert.getPublicKey());
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new CertificateChainException(
            "invalid self-signed certificate. subject: \""
                + subject(cert)
                + "\". Error: "
                + e.getMessage(),
            e);
      }
      if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
        throw new CertificateChainException(
            "invalid self-signed certificate. subject: \""
                + subject(cert)
                + "\". Error: issuer and subject differ");
      }
      validateLeaf(cert, codeSigning);
      return;
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      checkTime(cert, time);
      checkNoSha1(cert);
      if (i == chain.size() - 1) {
        Optional<String> err = issuedBy(cert, cert);
        if (err.isPresent()) {
          throw new CertificateChainException(
              "root certificate with subject \""
                  + subject(cert)
                  + "\" is invalid or not self-signed. Certificate chain must end with a valid"
                  + " self-signed root certificate. Error: "
                  + err.get());
        }
      } else {
        if (issuedBy(cert, cert).isEmpty()) {
          throw new CertificateChainException(
              (i == 0 ? "leaf" : "intermediate")
                  + " certificate with subject \""
                  + subject(cert)
                  + "\" is self-signed. Certificate"
                  + " chain must not contain self-signed "
                  + (i == 0 ? "leaf" : "intermediate")
                  + " certificate");
        }
        X509Certificate parent = chain.get(i + 1);
        Optional<String> err = issuedBy(cert, parent);
        if (err.isPresent()) {
          throw new CertificateChainException(
              "invalid certificates or certificate with subject \""
                  + subject(cert)
                  + "\" is not issued by \""
                  + subject(parent)
                  + "\". Error: "
                  + err.get());
        }
      }
      if (i == 0) {
        validateLeaf(cert, codeSigning);
      } else {
        validateCa(cert, i - 1, codeSigning);
      }
    }
  }

  /** Empty if {@code parent} issued {@code child} (CA parent, names chain, signature verifies). */
  private static Optional<String> issuedBy(X509Certificate child, X509Certificate parent) {
    boolean[] ku = parent.getKeyUsage();
    if (parent.getBasicConstraints() < 0 || (ku != null && !ku[5])) {
      return Optional.of(
          "x509: invalid signature: parent certificate cannot sign this kind of" + " certificate");
    }
    if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
      return Optional.of(
          "issuer ("
              + child.getIssuerX500Principal()
              + ") and subject ("
              + parent.getSubjectX500Principal()
              + ") are not the same");
    }
    try {
      child.verify(parent.getPublicKey());
      return Optional.empty();
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of("x509: signature verification failed: " + e.getMessage());
    }
  }

  /**
   * Validates a CA certificate at a position with {@code expectedPathLen} CAs beneath it.
   *
   * @throws CertificateChainException if it breaks a CA rule
   */
  public static void validateCodeSigningCa(X509Certificate cert, int expectedPathLen)
      throws CertificateChainException {
    validateCa(cert, expectedPathLen, true);
  }

  private static void validateCa(X509Certificate cert, int expectedPathLen, boolean codeSigning)
      throws CertificateChainException {
    String s = "certificate with subject \"" + subject(cert) + "\": ";
    int pathLen = cert.getBasicConstraints();
    if (pathLen < 0) {
      throw new CertificateChainException(
          s + "ca field in basic constraints must be present, critical, and set to true");
    }
    if (pathLen != Integer.MAX_VALUE && pathLen < expectedPathLen) {
      throw new CertificateChainException(
          s
              + "expected path length of "
              + expectedPathLen
              + " but certificate has path length "
              + pathLen
              + " instead");
    }
    checkKeyUsagePresent(cert, s, codeSigning);
    if (!cert.getKeyUsage()[5]) {
      throw new CertificateChainException(
          s + "key usage must have the bit positions for key cert sign set");
    }
  }

  /**
   * Validates a code-signing leaf certificate.
   *
   * @throws CertificateChainException if it breaks a leaf rule
   */
  public static void validateCodeSigningLeaf(X509Certificate cert)
      throws CertificateChainException {
    validateLeaf(cert, true);
  }

  private static void validateLeaf(X509Certificate cert, boolean codeSigning)
      throws CertificateChainException {
    String s = "certificate with subject \"" + subject(cert) + "\": ";
    if (cert.getBasicConstraints() >= 0) {
      throw new CertificateChainException(
          s + "if the basic constraints extension is present, the ca field must be set to false");
    }
    checkKeyUsagePresent(cert, s, codeSigning);
    boolean[] ku = cert.getKeyUsage();
    String invalid = "the certificate with subject \"" + subject(cert) + "\" is invalid. ";
    if (!ku[0]) {
      throw new CertificateChainException(
          invalid + "The key usage must have the bit positions for \"Digital Signature\" set");
    }
    String[] names = {
      "DigitalSignature",
      "ContentCommitment",
      "KeyEncipherment",
      "DataEncipherment",
      "KeyAgreement",
      "CertSign",
      "CRLSign",
      "EncipherOnly",
      "DecipherOnly"
    };
    List<String> wrong = new ArrayList<>();
    for (int i = 2; i < ku.length && i < names.length; i++) {
      if (ku[i]) {
        wrong.add('"' + names[i] + '"');
      }
    }
    if (!wrong.isEmpty()) {
      throw new CertificateChainException(
          invalid
              + "The key usage must be \"Digital Signature\" only, but found "
              + String.join(", ", wrong));
    }
    if (codeSigning) {
      checkCodeSigningEku(cert, s);
    } else {
      checkTimestampingEku(cert, s);
    }
    checkKey(cert.getPublicKey(), s);
  }

  private static void checkCodeSigningEku(X509Certificate cert, String s)
      throws CertificateChainException {
    List<String> eku = eku(cert, s);
    if (eku.isEmpty()) {
      return;
    }
    String[][] banned = {
      {EKU_SERVER_AUTH, "ServerAuth"},
      {EKU_CLIENT_AUTH, "ClientAuth"},
      {EKU_EMAIL, "EmailProtection"},
      {EKU_TIME_STAMPING, "TimeStamping"},
      {EKU_OCSP_SIGNING, "OCSPSigning"},
      {EKU_ANY, "Any"}
    };
    for (String[] b : banned) {
      if (eku.contains(b[0])) {
        throw new CertificateChainException(
            s + "extended key usage must not contain " + b[1] + " eku");
      }
    }
    if (!eku.contains(EKU_CODE_SIGNING)) {
      throw new CertificateChainException(s + "extended key usage must contain CodeSigning eku");
    }
  }

  private static void checkTimestampingEku(X509Certificate cert, String s)
      throws CertificateChainException {
    List<String> eku = eku(cert, s);
    if (!(eku.size() == 1 && eku.get(0).equals(EKU_TIME_STAMPING))) {
      throw new CertificateChainException(
          s
              + "timestamp signing certificate must have exactly the TimeStamping extended key usage,"
              + " found "
              + eku);
    }
    if (cert.getCriticalExtensionOIDs() == null
        || !cert.getCriticalExtensionOIDs().contains(OID_EKU)) {
      throw new CertificateChainException(
          s + "timestamp signing certificate extended key usage extension must be marked critical");
    }
  }

  private static List<String> eku(X509Certificate cert, String s) throws CertificateChainException {
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      return eku == null ? List.of() : eku;
    } catch (java.security.cert.CertificateParsingException e) {
      throw new CertificateChainException(s + "malformed extended key usage", e);
    }
  }

  private static void checkKeyUsagePresent(X509Certificate cert, String s, boolean critical)
      throws CertificateChainException {
    if (cert.getKeyUsage() == null) {
      throw new CertificateChainException(s + "key usage extension must be present");
    }
    if (critical
        && (cert.getCriticalExtensionOIDs() == null
            || !cert.getCriticalExtensionOIDs().contains(OID_KEY_USAGE))) {
      throw new CertificateChainException(s + "key usage extension must be marked critical");
    }
  }

  private static void checkKey(PublicKey key, String s) throws CertificateChainException {
    if (key instanceof RSAKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits != 2048 && bits != 3072 && bits != 4096) {
        throw new CertificateChainException(s + "rsa key size " + bits + " bits is not supported");
      }
    } else if (key instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (EcCurves.nistName(ec.getParams()).isEmpty()) {
        throw new CertificateChainException(
            s
                + "ecdsa key size "
                + bits
                + " bits is not supported"
                + (bits == 256 || bits == 384 || bits == 521 ? " (not a NIST P curve)" : ""));
      }
    } else {
      throw new CertificateChainException(
          s + "unsupported public key type " + key.getAlgorithm() + " (" + key.getFormat() + ")");
    }
  }

  private static void checkNoSha1(X509Certificate cert) throws CertificateChainException {
    if (cert.getSigAlgName().toUpperCase(Locale.ROOT).contains("SHA1")) {
      throw new CertificateChainException(
          "certificate with subject \""
              + subject(cert)
              + "\" is signed with SHA-1 ("
              + cert.getSigAlgName()
              + "), which is not allowed");
    }
  }

  private static void checkTime(X509Certificate cert, Optional<Instant> time)
      throws CertificateChainException {
    if (time.isPresent()) {
      checkValidAt(cert, time.get(), "was invalid at signing time of ");
    }
  }

  /**
   * Fails unless {@code cert} is within its validity period at {@code t}; {@code invalidAt} goes
   * between the subject and the time in the message (e.g. {@code "is not valid at "}).
   */
  static void checkValidAt(X509Certificate cert, Instant t, String invalidAt)
      throws CertificateChainException {
    Instant nb = cert.getNotBefore().toInstant();
    Instant na = cert.getNotAfter().toInstant();
    if (t.isBefore(nb) || t.isAfter(na)) {
      throw new CertificateChainException(
          "certificate with subject \""
              + subject(cert)
              + "\" "
              + invalidAt
              + t
              + ". Certificate is valid from ["
              + nb
              + "] to ["
              + na
              + "]");
    }
  }

  /**
   * Fails unless the whole interval {@code [earliest, latest]} of a time stamp lies within the
   * validity period of every certificate of {@code chain}.
   */
  static void checkTimestampWithinValidity(List<X509Certificate> chain, VerifiedTimestamp ts)
      throws TimestampException {
    for (X509Certificate c : chain) {
      Instant nb = c.getNotBefore().toInstant();
      Instant na = c.getNotAfter().toInstant();
      if (ts.earliest().isBefore(nb) || ts.latest().isAfter(na)) {
        throw new TimestampException(
            "time stamp ["
                + ts.earliest()
                + ", "
                + ts.latest()
                + "] is outside the validity of certificate \""
                + subject(c)
                + "\" ["
                + nb
                + ", "
                + na
                + "]");
      }
    }
  }

  static String subject(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }
}
