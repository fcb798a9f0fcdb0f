package dev.ocitrust.cose.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ocitrust.cose.JwsFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON for signed envelopes, with Jackson: the bytes must be UTF-8 (no byte order mark, no
 * UTF-16/32 detection, no malformed sequence), hold exactly one JSON value (trailing content is an
 * error) and no object with a duplicate key, at any depth.
 *
 * <p>Thread-safe: the reader is immutable.
 */
public final class StrictJsonText {
  private static final ObjectReader READER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  private StrictJsonText() {}

  /**
   * Parses {@code utf8} as one JSON value; {@code what} names it in errors (e.g. "the JWS protected
   * header").
   *
   * @throws JwsFormatException if the bytes are not UTF-8 or not exactly one valid JSON value
   */
  public static JsonNode read(byte[] utf8, String what) throws JwsFormatException {
    // Envelopes are ASCII (base64 in JSON): those go to Jackson's byte parser as they are. A
    // control character is never valid JSON outside white space, and refusing it here also keeps
    // Jackson from taking zero bytes for UTF-16 or UTF-32. Anything else is decoded strictly first.
    boolean ascii = true;
    for (byte b : utf8) {
      if (b < 0) {
        ascii = false;
      } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
        throw new JwsFormatException(
            what + " contains the control character 0x" + Hex.encode(new byte[] {b}));
      }
    }
    try {
      JsonNode node = ascii ? READER.readTree(utf8) : READER.readTree(decode(utf8, what));
      if (node == null || node.isMissingNode()) {
        throw new JwsFormatException(what + " is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new JwsFormatException(
          what
              + " is not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"),
          e);
    } catch (java.io.IOException e) {
      throw new JwsFormatException(what + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String decode(byte[] utf8, String what) throws JwsFormatException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new JwsFormatException(what + " is not valid UTF-8", e);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      throw new JwsFormatException(what + " starts with a byte order mark");
    }
    return text;
  }
}
