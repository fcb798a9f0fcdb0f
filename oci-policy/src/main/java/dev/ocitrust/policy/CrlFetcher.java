package dev.ocitrust.policy;

import java.io.IOException;
import java.net.URI;

/**
 * Downloads a CRL from a distribution point. {@link HttpRevocationFetcher} does it over HTTP;
 * offline deployments return stored CRLs.
 *
 * <p>Exception contract: {@link IOException} when the CRL could not be obtained; the checker then
 * treats the status as unknown. The CRL is validated by the caller (issuer, signature, freshness).
 * Implementations must be thread-safe.
 *
 * <pre>{@code
 * CrlFetcher offline = uri -> Files.readAllBytes(crlDir.resolve("issuer.crl"));
 * }</pre>
 */
@FunctionalInterface
public interface CrlFetcher {
  /** The DER (or PEM) CRL at {@code distributionPoint}. */
  byte[] fetchCrl(URI distributionPoint) throws IOException;
}
