package dev.ocitrust.client.internal.remote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 9110 section 11.6.1): a
 * scheme and its parameters. Parameters may come in any order, values may be tokens or quoted
 * strings with backslash escapes, and one header may carry several challenges.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme the scheme in lower case ({@code bearer}, {@code basic})
 * @param params parameters with lower-case names
 */
public record Challenge(String scheme, Map<String, String> params) {
  /** Copies the parameters. */
  public Challenge {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The parameter {@code name} (case-insensitive), or null. */
  public @Nullable String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }

  /** The scopes of a bearer challenge: its {@code scope} value split at spaces. */
  public List<String> scopes() {
    String scope = param("scope");
    List<String> out = new ArrayList<>();
    if (scope != null) {
      for (String s : scope.split(" ", -1)) {
        if (!s.isBlank()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /**
   * Parses all challenges of a header value.
   *
   * @throws IllegalArgumentException naming the position when the value is malformed
   */
  public static List<Challenge> parse(String header) {
    return new Parser(header).challenges();
  }

  private static final class Parser {
    private static final int MAX_LENGTH = 16 * 1024;
    private final String s;
    private int i;

    Parser(String s) {
      if (s.length() > MAX_LENGTH) {
        throw new IllegalArgumentException("WWW-Authenticate is longer than " + MAX_LENGTH);
      }
      this.s = s;
    }

    List<Challenge> challenges() {
      List<Challenge> out = new ArrayList<>();
      skipSeparators();
      while (i < s.length()) {
        String scheme = token();
        if (scheme.isEmpty()) {
          throw error("expected an auth scheme");
        }
        Map<String, String> params = new LinkedHashMap<>();
        skipSpaces();
        // Parameters until the next "scheme <space>" (a token not followed by '=').
        while (i < s.length()) {
          int start = i;
          String name = token();
          skipSpaces();
          if (name.isEmpty()) {
            if (i < s.length() && s.charAt(i) == ',') {
              i++;
              skipSpaces();
              continue;
            }
            throw error("expected a parameter name");
          }
          if (i >= s.length() || s.charAt(i) != '=') {
            // The start of the next challenge (or a token68, which no scheme here uses).
            i = start;
            break;
          }
          i++;
          skipSpaces();
          String value = i < s.length() && s.charAt(i) == '"' ? quoted() : token();
          String key = name.toLowerCase(Locale.ROOT);
          if (params.put(key, value) != null) {
            throw error("duplicate parameter " + key);
          }
          skipSpaces();
          if (i < s.length()) {
            if (s.charAt(i) != ',') {
              throw error("expected ',' after parameter " + key);
            }
            i++;
            skipSpaces();
          }
        }
        out.add(new Challenge(scheme.toLowerCase(Locale.ROOT), params));
        skipSeparators();
      }
      if (out.isEmpty()) {
        throw error("no challenge");
      }
      return out;
    }

    private String token() {
      int start = i;
      while (i < s.length() && isTokenChar(s.charAt(i))) {
        i++;
      }
      return s.substring(start, i);
    }

    private String quoted() {
      StringBuilder b = new StringBuilder();
      i++; // opening quote
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          if (i >= s.length()) {
            break;
          }
          c = s.charAt(i++);
        }
        if (c < 0x20 && c != '\t') {
          throw error("control character in a quoted value");
        }
        b.append(c);
      }
      throw error("unterminated quoted value");
    }

    private void skipSpaces() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
    }

    private void skipSeparators() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
        i++;
      }
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "malformed WWW-Authenticate at position " + i + ": " + what);
    }

    private static boolean isTokenChar(char c) {
      return (c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0) || c == '/' || c == ':';
    }
  }
}
