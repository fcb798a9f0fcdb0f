package dev.ocitrust.cose;

import java.io.IOException;

/**
 * An RFC 3161 time stamping authority: takes a DER {@code TimeStampReq} and returns the DER {@code
 * TimeStampResp}. {@link HttpTimestampAuthority} is the HTTP implementation (RFC 3161 §3.4); tests
 * and offline setups can supply their own.
 *
 * <p>Implementations must be thread-safe.
 *
 * <p>Exception contract: {@link IOException} when the authority cannot be reached or answers with a
 * transport error; {@link TimestampException} when it answers but not with a response. The caller
 * validates the response (status, imprint, nonce) itself.
 *
 * <pre>{@code
 * TimestampAuthority tsa = HttpTimestampAuthority.create(HttpClient.newHttpClient(), tsaUri);
 * byte[] response = tsa.timestamp(requestDer);
 * }</pre>
 */
@FunctionalInterface
public interface TimestampAuthority {
  /** Sends {@code timeStampRequest} and returns the authority's DER response. */
  byte[] timestamp(byte[] timeStampRequest) throws IOException, TimestampException;
}
