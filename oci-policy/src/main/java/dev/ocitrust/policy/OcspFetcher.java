package dev.ocitrust.policy;

import java.io.IOException;
import java.net.URI;

/**
 * Sends a DER OCSP request to a responder and returns the DER response. {@link
 * HttpRevocationFetcher} does it over HTTP; offline deployments return stored responses.
 *
 * <p>Exception contract: {@link IOException} when no response could be obtained; the checker then
 * treats the status as unknown (or falls back to a CRL). The response is validated by the caller.
 * Implementations must be thread-safe.
 *
 * <pre>{@code
 * OcspFetcher offline = (uri, request) -> Files.readAllBytes(cacheDir.resolve(key(uri)));
 * }</pre>
 */
@FunctionalInterface
public interface OcspFetcher {
  /** The DER OCSPResponse of {@code responder} to the DER OCSPRequest {@code request}. */
  byte[] fetchOcsp(URI responder, byte[] request) throws IOException;
}
