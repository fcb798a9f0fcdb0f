package dev.ocitrust.policy;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether any certificate of a chain is revoked. {@link OcspCrlRevocationChecker} is the
 * implementation the verifier uses by default (OCSP preferred, CRL fallback, over HTTP); offline
 * deployments supply fetchers that read their own responses, or their own checker.
 *
 * <p>Exception contract: return normally only when every certificate except the root is known not
 * to be revoked or carries no revocation information at all (no OCSP URL, no CRL distribution
 * point); throw {@link RevocationException} with {@link RevocationException.Status#REVOKED} when
 * one is revoked and {@link RevocationException.Status#UNKNOWN} when a status could not be
 * established (unreachable responder, bad or stale response). Both fail verification where the
 * revocation check is enforced.
 *
 * <p>Implementations must be thread-safe.
 *
 * <pre>{@code
 * RevocationChecker checker = OcspCrlRevocationChecker.builder().build();
 * checker.check(chain, Optional.empty());
 * }</pre>
 */
public interface RevocationChecker {
  /**
   * Checks {@code chain} (leaf first, root last, already validated as a chain).
   *
   * @param authenticSigningTime the authentic signing time (signingAuthority scheme only): a
   *     certificate whose CRL entry has an invalidity date after it counts as not revoked
   * @throws RevocationException if a certificate is revoked or its status is unknown
   */
  void check(List<X509Certificate> chain, Optional<java.time.Instant> authenticSigningTime)
      throws RevocationException;
}
