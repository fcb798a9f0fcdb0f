package dev.ocitrust.client.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * JSON reading and writing for untrusted documents (manifests, indexes, referrer lists, token
 * responses).
 *
 * <p>Reading is strict: duplicate keys are an error (two parsers must never see two different
 * documents in the same bytes), nesting is bounded. Writing escapes {@code <}, {@code >} and {@code
 * &} as Go's encoder does, so bytes written here equal those written by Go tools.
 *
 * <p>Thread-safe: the reader and factory are immutable once built and are never reconfigured.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(8 * 1024 * 1024)
                  .maxNumberLength(32)
                  .build())
          .characterEscapes(new GoEscapes())
          .build();

  private static final ObjectReader READER = JsonMapper.builder(FACTORY).build().reader();

  private Json() {}

  /**
   * Parses {@code bytes} as one JSON document, rejecting duplicate keys and trailing content. A
   * syntax error's message is Jackson's own, with the line and column but none of its source
   * description lines.
   */
  public static JsonNode read(byte[] bytes) throws IOException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonNode node = READER.readTree(parser);
      if (node == null) {
        throw new IOException("empty document");
      }
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IOException(oneLine(e), e);
    }
  }

  /** Jackson's message on one line: what it found, then where ("at line 2, column 1"). */
  static String oneLine(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " ");
    JsonLocation where = e.getLocation();
    return where == null || where.getLineNr() < 0
        ? message
        : message + " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  /** A writer of one JSON document; see {@link Writer#write}. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the document to {@code generator}. */
    void write(JsonGenerator generator) throws IOException;
  }

  /** Writes compactly, as Go's {@code json.Marshal} does. */
  public static byte[] write(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }

  /** Go's HTML-safe escaping of {@code <}, {@code >} and {@code &}. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    GoEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii['<'] = ESCAPE_CUSTOM;
      ascii['>'] = ESCAPE_CUSTOM;
      ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<' -> new SerializedString("\\u003c");
        case '>' -> new SerializedString("\\u003e");
        case '&' -> new SerializedString("\\u0026");
        case 0x2028 -> new SerializedString("\\u2028");
        case 0x2029 -> new SerializedString("\\u2029");
        default -> null;
      };
    }
  }
}
