package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.RevocationSources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Revocation checking as the Notary Project specifies it: for every certificate of a chain but the
 * root, OCSP when the certificate names responders (authority information access), falling back to
 * CRLs (CRL distribution points) when OCSP gives no answer or answers "unknown"; a certificate with
 * neither is not revocable and counts as good. OCSP responses must be signed by the issuer or by a
 * responder certificate the issuer delegated ({@code id-kp-OCSPSigning}), be current ({@code
 * thisUpdate <= now <= nextUpdate}) and name the certificate; CRLs must be issued and signed by the
 * issuer and carry a future {@code nextUpdate}. A CRL entry with reason {@code removeFromCRL} does
 * not revoke; with an invalidity date after the authentic signing time (signingAuthority scheme) it
 * does not either.
 *
 * <p>Good OCSP answers and CRLs are cached per instance until their {@code nextUpdate}; there is no
 * global cache. Delta CRLs are not fetched.
 *
 * <p>Thread-safe: share one instance.
 *
 * <p>Security guarantees: returns normally only when each non-root certificate is good per a fresh,
 * authentic OCSP answer or CRL, or names no revocation source; revoked and unknown both throw.
 *
 * <pre>{@code
 * RevocationChecker checker = OcspCrlRevocationChecker.builder()
 *     .crlFetcher(uri -> Files.readAllBytes(localCrl))   // offline
 *     .build();
 * }</pre>
 */
public final class OcspCrlRevocationChecker implements RevocationChecker {
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final OcspFetcher ocsp;
  private final CrlFetcher crl;
  private final Clock clock;
  private final Map<URI, X509CRL> crlCache = new ConcurrentHashMap<>();
  private final Map<String, Instant> goodOcspUntil = new ConcurrentHashMap<>();

  private OcspCrlRevocationChecker(OcspFetcher ocsp, CrlFetcher crl, Clock clock) {
    this.ocsp = ocsp;
    this.crl = crl;
    this.clock = clock;
  }

  /**
   * A builder (HTTP fetchers over a new {@link HttpClient}, made on the first fetch, unless
   * replaced).
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void check(List<X509Certificate> chain, Optional<Instant> authenticSigningTime)
      throws RevocationException {
    @Nullable RevocationException unknown = null;
    for (int i = 0; i < chain.size() - 1; i++) {
      try {
        checkOne(chain.get(i), chain.get(i + 1), authenticSigningTime);
      } catch (RevocationException e) {
        if (e.status() == RevocationException.Status.REVOKED) {
          throw e;
        }
        if (unknown == null) {
          unknown = e;
        }
      }
    }
    if (unknown != null) {
      throw unknown;
    }
  }

  private void checkOne(X509Certificate cert, X509Certificate issuer, Optional<Instant> signingTime)
      throws RevocationException {
    List<URI> responders = RevocationSources.ocspUrls(cert);
    List<URI> points = RevocationSources.crlUrls(cert);
    if (responders.isEmpty() && points.isEmpty()) {
      return;
    }
    String subject = cert.getSubjectX500Principal().getName();
    @Nullable String ocspProblem = null;
    if (!responders.isEmpty()) {
      String key = RevocationSources.ocspKey(cert, issuer);
      Instant until = goodOcspUntil.get(key);
      Instant now = clock.instant();
      if (until != null && now.isBefore(until)) {
        return;
      }
      for (URI uri : responders) {
        RevocationSources.OcspAnswer a = RevocationSources.ocsp(ocsp, uri, cert, issuer, now, SKEW);
        switch (a.status()) {
          case GOOD:
            a.nextUpdate().ifPresent(n -> goodOcspUntil.put(key, n));
            return;
          case REVOKED:
            throw new RevocationException(
                RevocationException.Status.REVOKED,
                "certificate with subject \"" + subject + "\" is revoked (OCSP " + uri + ")");
          default:
            ocspProblem = "OCSP " + uri + ": " + a.detail();
        }
      }
    }
    if (points.isEmpty()) {
      throw new RevocationException(
          RevocationException.Status.UNKNOWN,
          "certificate with subject \""
              + subject
              + "\" revocation status is unknown: "
              + ocspProblem);
    }
    @Nullable String crlProblem = null;
    for (URI uri : points) {
      X509CRL list;
      try {
        list = currentCrl(uri, issuer);
      } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
        crlProblem = "CRL " + uri + ": " + e.getMessage();
        continue;
      }
      X509CRLEntry entry = list.getRevokedCertificate(cert.getSerialNumber());
      if (entry == null || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
        return;
      }
      Optional<Instant> invalidity = RevocationSources.invalidityDate(entry);
      if (signingTime.isPresent()
          && invalidity.isPresent()
          && signingTime.get().isBefore(invalidity.get())) {
        return;
      }
      throw new RevocationException(
          RevocationException.Status.REVOKED,
          "certificate with subject \""
              + subject
              + "\" is revoked (CRL "
              + uri
              + ", since "
              + entry.getRevocationDate().toInstant()
              + ")");
    }
    throw new RevocationException(
        RevocationException.Status.UNKNOWN,
        "certificate with subject \""
            + subject
            + "\" revocation status is unknown: "
            + (ocspProblem == null ? "" : ocspProblem + "; ")
            + crlProblem);
  }

  private X509CRL currentCrl(URI uri, X509Certificate issuer)
      throws IOException, java.security.GeneralSecurityException {
    Instant now = clock.instant();
    X509CRL cached = crlCache.get(uri);
    if (cached != null
        && cached.getNextUpdate() != null
        && now.isBefore(cached.getNextUpdate().toInstant())
        && cached.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return cached;
    }
    byte[] bytes = crl.fetchCrl(uri);
    X509CRL list =
        (X509CRL)
            CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    if (!list.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      throw new java.security.cert.CRLException(
          "issued by " + list.getIssuerX500Principal() + ", not by the certificate's issuer");
    }
    list.verify(issuer.getPublicKey());
    if (list.getNextUpdate() == null) {
      throw new java.security.cert.CRLException("the CRL has no nextUpdate");
    }
    if (now.isAfter(list.getNextUpdate().toInstant())) {
      throw new java.security.cert.CRLException(
          "the CRL expired at " + list.getNextUpdate().toInstant());
    }
    if (list.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
      throw new java.security.cert.CRLException(
          "the CRL is not yet valid (thisUpdate " + list.getThisUpdate().toInstant() + ")");
    }
    if (RevocationSources.hasUnknownCriticalExtension(list)) {
      throw new java.security.cert.CRLException("the CRL has an unsupported critical extension");
    }
    crlCache.put(uri, list);
    return list;
  }

  @Override
  public String toString() {
    return "OcspCrlRevocationChecker{" + ocsp + ", " + crl + "}";
  }

  /** Builds an {@link OcspCrlRevocationChecker}. Not thread-safe. */
  public static final class Builder {
    private @Nullable OcspFetcher ocsp;
    private @Nullable CrlFetcher crl;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where OCSP responses come from (default: HTTP, 2 s timeout). */
    public Builder ocspFetcher(OcspFetcher fetcher) {
      this.ocsp = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /** Where CRLs come from (default: HTTP, 5 s timeout). */
    public Builder crlFetcher(CrlFetcher fetcher) {
      this.crl = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /** The clock for freshness checks (default: UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The checker. */
    public OcspCrlRevocationChecker build() {
      OcspFetcher o = ocsp;
      CrlFetcher c = crl;
      if (o == null || c == null) {
        LazyHttpRevocationFetcher http = new LazyHttpRevocationFetcher(Duration.ofSeconds(5));
        o = o == null ? http : o;
        c = c == null ? http : c;
      }
      return new OcspCrlRevocationChecker(o, c, clock);
    }
  }
}
