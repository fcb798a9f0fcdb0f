package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.JwsFormatException;
import java.util.Base64;

/**
 * Canonical base64 only: a value is accepted when it decodes and encoding the bytes again gives the
 * same text. So base64url (RFC 7515 §2) rejects padding, {@code +}, {@code /}, white space and
 * non-zero trailing bits; standard base64 (x5c, the time stamp token) requires its padding and
 * rejects the URL alphabet. Nothing decodes two ways, so an envelope cannot be re-encoded without
 * its text changing.
 *
 * <p>Thread-safe: stateless.
 */
public final class StrictBase64 {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Encoder STD = Base64.getEncoder();

  private StrictBase64() {}

  /** Base64url without padding. */
  public static String url(byte[] bytes) {
    return URL.encodeToString(bytes);
  }

  /** Standard base64 with padding. */
  public static String std(byte[] bytes) {
    return STD.encodeToString(bytes);
  }

  /**
   * Decodes canonical base64url without padding; {@code what} names the value in errors.
   *
   * @throws JwsFormatException if {@code text} is not that
   */
  public static byte[] fromUrl(String text, String what) throws JwsFormatException {
    if (text.indexOf('=') >= 0) {
      throw new JwsFormatException(what + " is base64url with padding; JWS forbids the '='");
    }
    return decode(Base64.getUrlDecoder(), URL, text, what, "base64url");
  }

  /**
   * Decodes canonical standard base64 with padding; {@code what} names the value in errors.
   *
   * @throws JwsFormatException if {@code text} is not that
   */
  public static byte[] fromStd(String text, String what) throws JwsFormatException {
    return decode(Base64.getDecoder(), STD, text, what, "base64");
  }

  private static byte[] decode(
      Base64.Decoder decoder, Base64.Encoder encoder, String text, String what, String kind)
      throws JwsFormatException {
    byte[] bytes;
    try {
      bytes = decoder.decode(text);
    } catch (IllegalArgumentException e) {
      throw new JwsFormatException(what + " is not " + kind + ": " + e.getMessage(), e);
    }
    if (!encoder.encodeToString(bytes).equals(text)) {
      throw new JwsFormatException(what + " is not canonical " + kind);
    }
    return bytes;
  }
}
