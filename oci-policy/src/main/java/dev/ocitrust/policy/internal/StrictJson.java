package dev.ocitrust.policy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Strict reading of the JSON documents people and issuers write (trust policies, claim payloads,
 * the claim policy, retention documents): invalid JSON, duplicate keys, trailing content, {@code
 * null}, unknown or mis-cased properties and values of the wrong type are all errors, each naming
 * the JSON path of the value.
 *
 * <p>Thread-safe: the reader is immutable.
 */
public final class StrictJson {
  private static final ObjectReader READER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  /** Jackson's "[Source: ...; " prefix inside locations, which says nothing here. */
  private static final Pattern SOURCE_NOISE = Pattern.compile("\\[Source: [^;]*; ");

  private StrictJson() {}

  /** A structural error in a document, with the JSON path of the value. */
  public static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    private final String path;

    Problem(String path, String message, Throwable cause) {
      super((path.isEmpty() ? "" : path + ": ") + message, cause);
      this.path = path;
    }

    Problem(String path, String message) {
      super((path.isEmpty() ? "" : path + ": ") + message);
      this.path = path;
    }

    /** The JSON path of the value, e.g. {@code claimPolicies[0].issuers[1].iss}. */
    public String path() {
      return path;
    }
  }

  /**
   * Parses {@code json} (UTF-8) as one JSON document: duplicate keys and trailing content are
   * errors, whose message is Jackson's without its source noise, with line and column.
   */
  public static @Nullable JsonNode readTree(byte[] json) throws Problem {
    try {
      return READER.readTree(json);
    } catch (JsonProcessingException e) {
      String message = SOURCE_NOISE.matcher(e.getOriginalMessage()).replaceAll("[");
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new Problem("", message + where, e);
    } catch (IOException e) {
      throw new Problem("", "cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads {@code json} (UTF-8), which must be one JSON object. */
  public static Fields readObject(byte[] json) throws Problem {
    JsonNode root;
    try {
      root = readTree(json);
    } catch (Problem e) {
      throw new Problem("", "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new Problem("", "expected a JSON object");
    }
    return new Fields(root, "");
  }

  /** The properties of one JSON object, read by name, each error naming its path. */
  public static final class Fields {
    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    /** The path of this object ({@code ""} for the document). */
    public String path() {
      return path;
    }

    private String at(String name) {
      return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Fails on a property not in {@code allowed}; a property that differs from an allowed one only
     * in case is named as mis-cased.
     */
    public void allowOnly(Set<String> allowed) throws Problem {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (allowed.contains(name)) {
          continue;
        }
        for (String a : allowed) {
          if (a.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
            throw new Problem(at(name), "unknown property; did you mean \"" + a + "\"?");
          }
        }
        throw new Problem(
            at(name), "unknown property (allowed: " + String.join(", ", allowed) + ")");
      }
    }

    /** Whether the property is present. */
    public boolean has(String name) {
      return node.has(name);
    }

    private Optional<JsonNode> value(String name) throws Problem {
      JsonNode v = node.get(name);
      if (v == null) {
        return Optional.empty();
      }
      if (v.isNull()) {
        throw new Problem(at(name), "must not be null");
      }
      return Optional.of(v);
    }

    /** A required, non-empty string. */
    public String text(String name) throws Problem {
      return optionalText(name).orElseThrow(() -> new Problem(at(name), "is required"));
    }

    /** An optional string; present means non-empty. */
    public Optional<String> optionalText(String name) throws Problem {
      Optional<JsonNode> v = value(name);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      if (!v.get().isTextual()) {
        throw new Problem(at(name), "expected a string, found " + kind(v.get()));
      }
      if (v.get().textValue().isEmpty()) {
        throw new Problem(at(name), "must not be empty");
      }
      return Optional.of(v.get().textValue());
    }

    /** The array {@code name} (of {@code what}, for messages), or empty when absent and allowed. */
    private Optional<JsonNode> array(String name, boolean required, String what) throws Problem {
      Optional<JsonNode> v = value(name);
      if (v.isEmpty()) {
        if (required) {
          throw new Problem(at(name), "is required");
        }
        return v;
      }
      if (!v.get().isArray()) {
        throw new Problem(at(name), "expected an array of " + what + ", found " + kind(v.get()));
      }
      return v;
    }

    /**
     * A list of distinct non-empty strings; required means present and non-empty, otherwise absent
     * gives an empty list.
     */
    public List<String> texts(String name, boolean required) throws Problem {
      Optional<JsonNode> v = array(name, required, "strings");
      if (v.isEmpty()) {
        return List.of();
      }
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < v.get().size(); i++) {
        JsonNode e = v.get().get(i);
        String where = at(name) + "[" + i + "]";
        if (!e.isTextual()) {
          throw new Problem(where, "expected a string, found " + kind(e));
        }
        if (e.textValue().isEmpty()) {
          throw new Problem(where, "must not be empty");
        }
        if (!out.add(e.textValue())) {
          throw new Problem(where, "\"" + e.textValue() + "\" is listed twice");
        }
      }
      if (required && out.isEmpty()) {
        throw new Problem(at(name), "must not be empty");
      }
      return List.copyOf(out);
    }

    /** An optional RFC 3339 time with an offset, e.g. {@code 2026-12-31T00:00:00Z}. */
    public Optional<Instant> optionalInstant(String name) throws Problem {
      Optional<String> v = optionalText(name);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(java.time.OffsetDateTime.parse(v.get()).toInstant());
      } catch (DateTimeParseException e) {
        throw new Problem(
            at(name),
            "\"" + v.get() + "\" is not an RFC 3339 time such as 2026-12-31T00:00:00Z",
            e);
      }
    }

    /** A required RFC 3339 time. */
    public Instant instant(String name) throws Problem {
      return optionalInstant(name).orElseThrow(() -> new Problem(at(name), "is required"));
    }

    /** An optional positive ISO 8601 duration, e.g. {@code P30D} or {@code PT12H}. */
    public Optional<Duration> optionalDuration(String name) throws Problem {
      Optional<String> v = optionalText(name);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      Duration d;
      try {
        d = Duration.parse(v.get());
      } catch (DateTimeParseException e) {
        throw new Problem(
            at(name), "\"" + v.get() + "\" is not an ISO 8601 duration such as P30D or PT12H", e);
      }
      if (d.isNegative() || d.isZero()) {
        throw new Problem(at(name), "must be a positive duration, found " + v.get());
      }
      return Optional.of(d);
    }

    /** A required whole number of at least 1. */
    public int positiveInt(String name) throws Problem {
      JsonNode v = value(name).orElseThrow(() -> new Problem(at(name), "is required"));
      if (!v.isInt() || v.intValue() < 1) {
        throw new Problem(at(name), "expected a whole number of at least 1, found " + v);
      }
      return v.intValue();
    }

    /** A required object. */
    public Fields object(String name) throws Problem {
      JsonNode v = value(name).orElseThrow(() -> new Problem(at(name), "is required"));
      if (!v.isObject()) {
        throw new Problem(at(name), "expected an object, found " + kind(v));
      }
      return new Fields(v, at(name));
    }

    /** A list of objects; required means present and non-empty. */
    public List<Fields> objects(String name, boolean required) throws Problem {
      Optional<JsonNode> v = array(name, required, "objects");
      if (v.isEmpty()) {
        return List.of();
      }
      List<Fields> out = new ArrayList<>();
      for (int i = 0; i < v.get().size(); i++) {
        JsonNode e = v.get().get(i);
        String where = at(name) + "[" + i + "]";
        if (!e.isObject()) {
          throw new Problem(where, "expected an object, found " + kind(e));
        }
        out.add(new Fields(e, where));
      }
      if (required && out.isEmpty()) {
        throw new Problem(at(name), "must not be empty");
      }
      return out;
    }

    /** A problem at property {@code name} of this object. */
    public Problem problem(String name, String message) {
      return new Problem(at(name), message);
    }

    private static String kind(JsonNode n) {
      return n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
  }
}
