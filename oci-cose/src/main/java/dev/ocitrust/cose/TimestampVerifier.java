package dev.ocitrust.cose;

import dev.ocitrust.cose.internal.TimestampClient;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.Accuracy;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.jspecify.annotations.Nullable;

/**
 * Verifies RFC 3161 time stamp tokens the way the Notary Project requires: eContentType TSTInfo
 * version 1; imprint hash SHA-256/384/512 equal to the hash of the stamped bytes; a
 * signingCertificateV2 attribute naming the signer certificate, which must be in the token; a valid
 * CMS signature; a chain from the signer through the token's certificates to one of the trusted
 * roots, valid under the time-stamping certificate rules at genTime. Revocation of the TSA chain is
 * not checked here.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TimestampVerifier verifier = TimestampVerifier.create(List.of(tsaRoot));
 * VerifiedTimestamp ts = verifier.verify(token, coseSignatureBytes);
 * }</pre>
 */
public final class TimestampVerifier {
  private static final ASN1ObjectIdentifier SIGNING_CERTIFICATE_V2 =
      PKCSObjectIdentifiers.id_aa_signingCertificateV2;
  private static final int MAX_CHAIN = 8;

  private final List<X509Certificate> roots;

  private TimestampVerifier(List<X509Certificate> roots) {
    this.roots = List.copyOf(roots);
  }

  /**
   * A verifier trusting {@code roots}, each of which must be a self-issued, self-signed CA
   * certificate (what a Notary {@code tsa} trust store may hold).
   *
   * @throws IllegalArgumentException if {@code roots} is empty
   * @throws CertificateChainException if a root is not a self-signed CA root
   */
  public static TimestampVerifier create(Collection<X509Certificate> roots)
      throws CertificateChainException {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted TSA root is required");
    }
    for (X509Certificate r : roots) {
      String subject = NotaryCertificates.subject(r);
      if (!r.getIssuerX500Principal().equals(r.getSubjectX500Principal())) {
        throw new CertificateChainException(
            "certificate with subject \""
                + subject
                + "\" is not a root CA certificate: issuer ("
                + r.getIssuerX500Principal().getName()
                + ") and subject ("
                + subject
                + ") are not the same");
      }
      if (r.getBasicConstraints() < 0) {
        throw new CertificateChainException(
            "certificate with subject \""
                + subject
                + "\" is not a root CA certificate: x509: invalid signature: parent certificate cannot"
                + " sign this kind of certificate");
      }
      try {
        r.verify(r.getPublicKey());
      } catch (java.security.GeneralSecurityException | RuntimeException e) {
        throw new CertificateChainException(
            "certificate with subject \""
                + subject
                + "\" is not a root CA certificate: "
                + e.getMessage(),
            e);
      }
    }
    return new TimestampVerifier(new ArrayList<>(roots));
  }

  /**
   * Verifies {@code token} (DER CMS ContentInfo) as a time stamp over {@code stamped}.
   *
   * @throws TimestampException if any check fails
   */
  public VerifiedTimestamp verify(byte[] token, byte[] stamped) throws TimestampException {
    TimeStampToken tst;
    try {
      tst = new TimeStampToken(new CMSSignedData(token));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      throw new TimestampException("invalid time stamp token: " + e.getMessage(), e);
    }
    TimeStampTokenInfo info = tst.getTimeStampInfo();
    if (!BigInteger.ONE.equals(info.toASN1Structure().getVersion().getValue())) {
      throw new TimestampException("invalid TSTInfo: version must be 1");
    }
    checkImprint(info, stamped);
    AttributeTable signed = tst.getSignedAttributes();
    if (signed == null || signed.get(SIGNING_CERTIFICATE_V2) == null) {
      throw new TimestampException(
          "failed to verify signed token: signingCertificateV2 attribute is missing");
    }
    List<X509Certificate> embedded = certificates(tst);
    X509Certificate signer = null;
    for (X509Certificate c : embedded) {
      try {
        if (tst.getSID().match(new X509CertificateHolder(c.getEncoded()))) {
          signer = c;
          break;
        }
      } catch (IOException | CertificateException | RuntimeException e) {
        throw new TimestampException("malformed certificate in time stamp token", e);
      }
    }
    if (signer == null) {
      throw new TimestampException(
          "failed to verify signed token: signing certificate not found in the timestamp token");
    }
    try {
      // Checks the CMS signature, the signingCertificate(V2) hash against this certificate, its
      // validity at genTime and the critical timeStamping-only EKU.
      tst.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
    } catch (TSPException | OperatorCreationException | RuntimeException e) {
      throw new TimestampException("failed to verify signed token: " + e.getMessage(), e);
    }
    Instant genTime = info.getGenTime().toInstant();
    List<X509Certificate> chain = buildChain(signer, embedded);
    try {
      NotaryCertificates.validateTimestampingChain(chain, Optional.of(genTime));
    } catch (CertificateChainException e) {
      throw new TimestampException("invalid time stamping certificate chain: " + e.getMessage(), e);
    }
    return new VerifiedTimestamp(genTime, accuracy(info), chain);
  }

  private static void checkImprint(TimeStampTokenInfo info, byte[] stamped)
      throws TimestampException {
    ASN1ObjectIdentifier alg = info.getMessageImprintAlgOID();
    String hash = null;
    for (String h : List.of("SHA-256", "SHA-384", "SHA-512")) {
      if (TimestampClient.hashOid(h).equals(alg)) {
        hash = h;
      }
    }
    if (hash == null) {
      throw new TimestampException("invalid TSTInfo: unsupported imprint hash " + alg);
    }
    try {
      byte[] expected = MessageDigest.getInstance(hash).digest(stamped);
      if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
        throw new TimestampException("invalid TSTInfo: mismatched message");
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new TimestampException("no " + hash + " available", e);
    }
  }

  private static Duration accuracy(TimeStampTokenInfo info) throws TimestampException {
    Accuracy acc = info.toASN1Structure().getAccuracy();
    if (acc != null) {
      try {
        long s = acc.getSeconds() == null ? 0 : acc.getSeconds().longValueExact();
        long ms = acc.getMillis() == null ? 0 : acc.getMillis().longValueExact();
        long us = acc.getMicros() == null ? 0 : acc.getMicros().longValueExact();
        return Duration.ofSeconds(s).plusMillis(ms).plusNanos(Math.multiplyExact(us, 1000));
      } catch (ArithmeticException e) {
        throw new TimestampException("invalid TSTInfo: accuracy out of range", e);
      }
    }
    if ("0.4.0.2023.1.1".equals(info.getPolicy().getId())) {
      return Duration.ofSeconds(1);
    }
    return Duration.ZERO;
  }

  private static List<X509Certificate> certificates(TimeStampToken tst) throws TimestampException {
    Collection<X509CertificateHolder> holders;
    try {
      holders = tst.getCertificates().getMatches(null);
    } catch (RuntimeException e) {
      // BouncyCastle decodes the certificates of a CMS structure lazily, here, and signals a
      // malformed one with an unchecked exception.
      throw new TimestampException("malformed certificate in time stamp token: " + e, e);
    }
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
    for (X509CertificateHolder h : holders) {
      try {
        out.add(conv.getCertificate(h));
      } catch (CertificateException | RuntimeException e) {
        throw new TimestampException("malformed certificate in time stamp token", e);
      }
    }
    return out;
  }

  private List<X509Certificate> buildChain(X509Certificate signer, List<X509Certificate> pool)
      throws TimestampException {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(signer);
    X509Certificate current = signer;
    while (chain.size() <= MAX_CHAIN) {
      X509Certificate trusted = trustedMatch(current);
      if (trusted != null) {
        chain.set(chain.size() - 1, trusted);
        return chain;
      }
      X509Certificate issuer = findIssuer(current, roots);
      if (issuer == null) {
        issuer = findIssuer(current, pool);
      }
      if (issuer == null || issuer.equals(current)) {
        throw new TimestampException(
            "failed to verify signed token: x509: certificate signed by"
                + " unknown authority ("
                + current.getSubjectX500Principal()
                + ")");
      }
      chain.add(issuer);
      current = issuer;
    }
    throw new TimestampException("time stamping certificate chain longer than " + MAX_CHAIN);
  }

  private @Nullable X509Certificate trustedMatch(X509Certificate c) {
    for (X509Certificate r : roots) {
      try {
        if (Arrays.equals(r.getEncoded(), c.getEncoded())) {
          return r;
        }
      } catch (CertificateException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable X509Certificate findIssuer(
      X509Certificate child, List<X509Certificate> pool) {
    for (X509Certificate p : pool) {
      if (p.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
        try {
          child.verify(p.getPublicKey());
          return p;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
          // not this one
        }
      }
    }
    return null;
  }
}
