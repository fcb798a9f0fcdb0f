package dev.ocitrust.cose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PEM (or DER) certificate files, keeping the comment line before each block. */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "(?:#([^\\n]*)\\n)?-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----");

  private Pem() {}

  record Entry(String comment, X509Certificate cert) {}

  static List<Entry> read(Path file) throws IOException, CertificateException {
    byte[] raw = Files.readAllBytes(file);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    List<Entry> out = new ArrayList<>();
    if (!text.contains("-----BEGIN")) {
      out.add(
          new Entry("", (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(raw))));
      return out;
    }
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      out.add(
          new Entry(
              m.group(1) == null ? "" : m.group(1).trim(),
              (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der))));
    }
    return out;
  }

  static List<X509Certificate> certs(Path file) throws IOException, CertificateException {
    return read(file).stream().map(Entry::cert).toList();
  }
}
