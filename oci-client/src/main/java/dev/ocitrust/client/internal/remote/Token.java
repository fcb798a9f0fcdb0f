package dev.ocitrust.client.internal.remote;

import java.time.Instant;

/**
 * A bearer access token and when to stop using it. {@link #toString()} hides the value.
 *
 * @param value the token
 * @param refreshAfter the instant after which a new token is fetched instead
 */
record Token(String value, Instant refreshAfter) {
  @Override
  public String toString() {
    return "Token[<redacted>, refreshAfter=" + refreshAfter + "]";
  }
}
