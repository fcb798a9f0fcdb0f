package dev.ocitrust.policy.internal;

import dev.ocitrust.policy.OcspFetcher;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Reading revocation sources out of certificates and checking OCSP answers with BouncyCastle.
 * Stateless and thread-safe; not API.
 */
public final class RevocationSources {
  private static final String INVALIDITY_DATE = "2.5.29.24";
  private static final Set<String> KNOWN_CRL_CRITICAL =
      Set.of(
          "2.5.29.20", // CRL number
          "2.5.29.35", // authority key identifier
          "2.5.29.28" // issuing distribution point (full CRLs of one issuer)
          );

  private RevocationSources() {}

  /** An OCSP verdict for one certificate. */
  public enum OcspStatus {
    /** Good. */
    GOOD,
    /** Revoked. */
    REVOKED,
    /** No usable answer. */
    UNKNOWN
  }

  /**
   * One OCSP answer.
   *
   * @param status the verdict
   * @param nextUpdate until when a good answer may be reused
   * @param detail why the status is unknown
   */
  public record OcspAnswer(OcspStatus status, Optional<Instant> nextUpdate, String detail) {}

  /** The OCSP responder URLs of {@code cert}'s authority information access extension. */
  public static List<URI> ocspUrls(X509Certificate cert) {
    List<URI> out = new ArrayList<>();
    byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (ext == null) {
      return out;
    }
    try {
      AuthorityInformationAccess aia =
          AuthorityInformationAccess.getInstance(
              ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
      for (AccessDescription d : aia.getAccessDescriptions()) {
        if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
          uri(d.getAccessLocation()).ifPresent(out::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // a malformed extension names no usable responder; the CRL or "unknown" decides
    }
    return out;
  }

  /** The full-name URLs of {@code cert}'s CRL distribution points. */
  public static List<URI> crlUrls(X509Certificate cert) {
    List<URI> out = new ArrayList<>();
    byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (ext == null) {
      return out;
    }
    try {
      CRLDistPoint cdp =
          CRLDistPoint.getInstance(
              ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
      for (DistributionPoint p : cdp.getDistributionPoints()) {
        DistributionPointName n = p.getDistributionPoint();
        if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
          for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
            uri(g).ifPresent(out::add);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // see ocspUrls
    }
    return out;
  }

  private static Optional<URI> uri(GeneralName g) {
    if (g.getTagNo() != GeneralName.uniformResourceIdentifier) {
      return Optional.empty();
    }
    try {
      return Optional.of(URI.create(g.getName().toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A cache key for the OCSP status of {@code cert} issued by {@code issuer}: the SHA-256 of the
   * issuer's public key (in full, so that two issuers never share a key), the issuer's name and the
   * serial number.
   */
  public static String ocspKey(X509Certificate cert, X509Certificate issuer) {
    byte[] keyHash;
    try {
      keyHash = MessageDigest.getInstance("SHA-256").digest(issuer.getPublicKey().getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
    return HexFormat.of().formatHex(keyHash)
        + "/"
        + issuer.getSubjectX500Principal().getName()
        + "/"
        + cert.getSerialNumber().toString(16);
  }

  /** Asks {@code responder} about {@code cert} and validates the answer. */
  public static OcspAnswer ocsp(
      OcspFetcher fetcher,
      URI responder,
      X509Certificate cert,
      X509Certificate issuer,
      Instant now,
      Duration skew) {
    try {
      DigestCalculator sha1 =
          new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
      CertificateID id =
          new CertificateID(sha1, new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
      OCSPReq request = new OCSPReqBuilder().addRequest(id).build();
      byte[] bytes = fetcher.fetchOcsp(responder, request.getEncoded());
      OCSPResp resp = new OCSPResp(bytes);
      if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
        return unknown("responder status " + resp.getStatus());
      }
      if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
        return unknown("not a basic OCSP response");
      }
      if (!signedByIssuerOrDelegate(basic, issuer, now)) {
        return unknown("the response is not signed by the issuer or a delegated responder");
      }
      for (SingleResp s : basic.getResponses()) {
        if (!matches(s.getCertID(), id, cert.getSerialNumber())) {
          continue;
        }
        Instant thisUpdate = s.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(skew))) {
          return unknown("the response is not yet valid (thisUpdate " + thisUpdate + ")");
        }
        Optional<Instant> next =
            Optional.ofNullable(s.getNextUpdate()).map(java.util.Date::toInstant);
        if (next.isPresent() && now.isAfter(next.get())) {
          return unknown("the response expired at " + next.get());
        }
        CertificateStatus status = s.getCertStatus();
        if (status == CertificateStatus.GOOD) {
          return new OcspAnswer(OcspStatus.GOOD, next, "good");
        }
        if (status instanceof RevokedStatus) {
          return new OcspAnswer(OcspStatus.REVOKED, Optional.empty(), "revoked");
        }
        return unknown("the responder does not know the certificate");
      }
      return unknown("the response does not name the certificate");
    } catch (IOException e) {
      return unknown(e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (Exception e) {
      return unknown("malformed response: " + e);
    }
  }

  private static boolean matches(CertificateID got, CertificateID want, BigInteger serial) {
    return got.equals(want) && got.getSerialNumber().equals(serial);
  }

  private static boolean signedByIssuerOrDelegate(
      BasicOCSPResp basic, X509Certificate issuer, Instant now) throws Exception {
    if (basic.isSignatureValid(
        new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
      return true;
    }
    for (X509CertificateHolder h : basic.getCerts()) {
      X509Certificate responder = new JcaX509CertificateConverter().getCertificate(h);
      if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        continue;
      }
      try {
        responder.verify(issuer.getPublicKey());
        responder.checkValidity(java.util.Date.from(now));
      } catch (java.security.GeneralSecurityException e) {
        continue;
      }
      List<String> eku;
      try {
        eku = responder.getExtendedKeyUsage();
      } catch (CertificateException e) {
        continue;
      }
      if (eku == null || !eku.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
        continue;
      }
      if (basic.isSignatureValid(
          new JcaContentVerifierProviderBuilder().build(responder.getPublicKey()))) {
        return true;
      }
    }
    return false;
  }

  private static OcspAnswer unknown(@Nullable String detail) {
    return new OcspAnswer(OcspStatus.UNKNOWN, Optional.empty(), detail == null ? "" : detail);
  }

  /** The invalidity date extension of a CRL entry, if any. */
  public static Optional<Instant> invalidityDate(X509CRLEntry entry) {
    byte[] ext = entry.getExtensionValue(INVALIDITY_DATE);
    if (ext == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ASN1GeneralizedTime.getInstance(
                  ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()))
              .getDate()
              .toInstant());
    } catch (IOException | java.text.ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code crl} marks an extension critical that this checker does not process. */
  public static boolean hasUnknownCriticalExtension(X509CRL crl) {
    Set<String> critical = crl.getCriticalExtensionOIDs();
    return critical != null && !KNOWN_CRL_CRITICAL.containsAll(critical);
  }
}
