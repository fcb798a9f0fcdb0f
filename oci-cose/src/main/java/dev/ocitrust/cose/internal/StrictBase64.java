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
    // canonical: exactly the length the encoder writes, and zero bits after the last byte
    int pad = 0;
    while (pad < text.length() && text.charAt(text.length() - 1 - pad) == '=') {
      pad++;
    }
    int expected = encoder == URL ? (bytes.length * 4 + 2) / 3 : (bytes.length + 2) / 3 * 4;
    int rest = bytes.length % 3;
    boolean canonical = text.length() == expected;
    if (canonical && rest != 0) {
      int last = value(text.charAt(text.length() - 1 - pad));
      canonical = (last & (rest == 1 ? 0x0f : 0x03)) == 0;
    }
    if (!canonical) {
      throw new JwsFormatException(what + " is not canonical " + kind);
    }
    return bytes;
  }

  /** The 6-bit value of a character the decoder accepted. */
  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' || c == '-' ? 62 : 63;
  }
}
