package dev.ocitrust.policy.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the certificates of one trust-store file: DER (one or several concatenated certificates) or
 * PEM (one or several {@code CERTIFICATE} blocks; text around blocks is ignored, any other block
 * type is an error).
 */
public final class CertificateFiles {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private CertificateFiles() {}

  /**
   * Parses {@code bytes}.
   *
   * @throws CertificateException with a reason if the content is not certificates, or holds none
   */
  public static List<X509Certificate> parse(byte[] bytes) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<X509Certificate> out;
    if (text.contains(BEGIN)) {
      out = parsePem(factory, text);
    } else {
      out = parseDer(factory, bytes);
    }
    if (out.isEmpty()) {
      throw new CertificateException("the file holds no certificate");
    }
    return List.copyOf(out);
  }

  private static List<X509Certificate> parsePem(CertificateFactory factory, String text)
      throws CertificateException {
    List<X509Certificate> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return out;
      }
      int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
      if (labelEnd < 0) {
        throw new CertificateException("malformed PEM header");
      }
      String label = text.substring(begin + BEGIN.length(), labelEnd);
      String endLine = END + label + DASHES;
      int end = text.indexOf(endLine, labelEnd);
      if (end < 0) {
        throw new CertificateException("PEM block \"" + label + "\" has no end line");
      }
      if (!label.equals("CERTIFICATE")) {
        throw new CertificateException("PEM block \"" + label + "\" is not a CERTIFICATE block");
      }
      String body = text.substring(labelEnd + DASHES.length(), end).replaceAll("\\s+", "");
      byte[] der;
      try {
        der = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new CertificateException("PEM block is not valid base64", e);
      }
      List<X509Certificate> one = parseDer(factory, der);
      if (one.size() != 1) {
        throw new CertificateException("a PEM CERTIFICATE block must hold exactly one certificate");
      }
      out.addAll(one);
      from = end + endLine.length();
    }
  }

  private static List<X509Certificate> parseDer(CertificateFactory factory, byte[] der)
      throws CertificateException {
    List<X509Certificate> out = new ArrayList<>();
    int offset = 0;
    while (offset < der.length) {
      int length = derLength(der, offset);
      ByteArrayInputStream in = new ByteArrayInputStream(der, offset, length);
      out.add((X509Certificate) factory.generateCertificate(in));
      offset += length;
    }
    return out;
  }

  /** The total length (header + content) of the DER SEQUENCE at {@code offset}. */
  private static int derLength(byte[] der, int offset) throws CertificateException {
    if (der.length - offset < 2 || (der[offset] & 0xff) != 0x30) {
      throw new CertificateException(
          "not a DER certificate (expected a SEQUENCE at byte " + offset + ")");
    }
    int first = der[offset + 1] & 0xff;
    long content;
    int header;
    if (first < 0x80) {
      content = first;
      header = 2;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 4 || der.length - offset < 2 + n) {
        throw new CertificateException("unsupported DER length at byte " + offset);
      }
      content = 0;
      for (int i = 0; i < n; i++) {
        content = (content << 8) | (der[offset + 2 + i] & 0xff);
      }
      header = 2 + n;
    }
    long total = header + content;
    if (total > der.length - offset) {
      throw new CertificateException("truncated DER certificate at byte " + offset);
    }
    return (int) total;
  }
}
