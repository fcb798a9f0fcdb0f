package dev.ocitrust.policy.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A strict RFC 4514 distinguished-name parser. It returns the RDNs as written (first to last), each
 * a list of attribute type/value pairs, values unescaped. Spaces around separators, around {@code
 * =} and unescaped leading/trailing spaces of values are ignored, as LDAP libraries (and notation)
 * do. {@code ;} is accepted as an RDN separator (RFC 4514 section 4). Unescaped {@code "}, {@code
 * <} and {@code >} are errors.
 */
public final class Rfc4514 {
  private static final Pattern DESCR = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
  private static final Pattern NUMERICOID =
      Pattern.compile("(?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))+");
  private static final String ESCAPABLE = " \"#+,;<=>\\";

  private Rfc4514() {}

  /** One attribute type and value; {@code hexForm} if written as {@code #<hex BER>}. */
  public record Attribute(String type, String value, boolean hexForm) {}

  /** A syntax error with a reason. */
  public static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  /** Parses {@code dn}; an empty (or all-space) string has no RDNs. */
  public static List<List<Attribute>> parse(String dn) throws SyntaxException {
    List<List<Attribute>> rdns = new ArrayList<>();
    int n = dn.length();
    int i = skipSpaces(dn, 0);
    if (i == n) {
      return rdns;
    }
    List<Attribute> rdn = new ArrayList<>();
    while (true) {
      // attribute type
      int eq = dn.indexOf('=', i);
      if (eq < 0) {
        throw new SyntaxException("attribute \"" + dn.substring(i).trim() + "\" has no '='");
      }
      String type = dn.substring(i, eq).trim();
      if (!DESCR.matcher(type).matches() && !NUMERICOID.matcher(type).matches()) {
        throw new SyntaxException("\"" + type + "\" is not a valid attribute type");
      }
      i = skipSpaces(dn, eq + 1);
      // attribute value
      boolean hex = i < n && dn.charAt(i) == '#';
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int keepUpTo = 0; // bytes.size() after the last escaped or non-space character
      char end = 0;
      while (i < n) {
        char c = dn.charAt(i);
        if (c == ',' || c == ';' || c == '+') {
          end = c;
          i++;
          break;
        }
        if (c == '\\') {
          if (i + 1 >= n) {
            throw new SyntaxException("dangling '\\' at the end of \"" + dn + "\"");
          }
          char d = dn.charAt(i + 1);
          if (ESCAPABLE.indexOf(d) >= 0) {
            bytes.write(d);
            i += 2;
          } else if (i + 2 < n && isHex(d) && isHex(dn.charAt(i + 2))) {
            bytes.write(Integer.parseInt(dn.substring(i + 1, i + 3), 16));
            i += 3;
          } else {
            throw new SyntaxException("invalid escape \"\\" + d + "\" in \"" + dn + "\"");
          }
          keepUpTo = bytes.size();
          continue;
        }
        if (c == '"' || c == '<' || c == '>') {
          throw new SyntaxException(
              "character '" + c + "' must be escaped in attribute values (\"" + dn + "\")");
        }
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < n) {
          utf8 = dn.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(utf8, 0, utf8.length);
        if (c != ' ') {
          keepUpTo = bytes.size();
        }
        i++;
      }
      byte[] all = bytes.toByteArray();
      String value = decode(all, keepUpTo, dn);
      rdn.add(new Attribute(type, value, hex));
      if (end == '+') {
        i = skipSpaces(dn, i);
        continue;
      }
      rdns.add(List.copyOf(rdn));
      rdn = new ArrayList<>();
      if (end == 0) {
        return rdns;
      }
      i = skipSpaces(dn, i);
      if (i == n) {
        throw new SyntaxException("\"" + dn + "\" ends with a separator");
      }
    }
  }

  private static String decode(byte[] all, int length, String dn) throws SyntaxException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(all, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SyntaxException("hex escapes in \"" + dn + "\" are not valid UTF-8");
    }
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
