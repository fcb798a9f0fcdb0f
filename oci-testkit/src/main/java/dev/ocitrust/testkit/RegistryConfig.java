package dev.ocitrust.testkit;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Renders the docker-registry 2.8 {@code config.yml} (package-private; stateless). */
final class RegistryConfig {
  private RegistryConfig() {}

  static String render(
      int port,
      String secret,
      Path storage,
      @Nullable Path htpasswd,
      @Nullable TokenAuthConfig token,
      @Nullable TlsIdentity tls,
      boolean requireClientCertificate) {
    StringBuilder y = new StringBuilder();
    y.append("version: 0.1\n");
    y.append("log:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: false\n");
    y.append("storage:\n");
    y.append("  filesystem:\n    rootdirectory: ").append(quote(storage.toString())).append('\n');
    y.append("  delete:\n    enabled: true\n");
    y.append("  cache:\n    blobdescriptor: inmemory\n");
    y.append("  maintenance:\n    uploadpurging:\n      enabled: false\n");
    y.append("http:\n");
    y.append("  addr: ").append(quote("127.0.0.1:" + port)).append('\n');
    y.append("  secret: ").append(quote(secret)).append('\n');
    y.append("  headers:\n    X-Content-Type-Options: [nosniff]\n");
    if (tls != null) {
      y.append("  tls:\n");
      y.append("    certificate: ")
          .append(quote(tls.serverCertificatePem().toString()))
          .append('\n');
      y.append("    key: ").append(quote(tls.serverKeyPem().toString())).append('\n');
      if (requireClientCertificate) {
        y.append("    clientcas:\n      - ")
            .append(quote(tls.caCertificatePem().toString()))
            .append('\n');
      }
    }
    y.append("health:\n  storagedriver:\n    enabled: false\n");
    if (htpasswd != null) {
      y.append("auth:\n  htpasswd:\n    realm: ocitrust-test\n");
      y.append("    path: ").append(quote(htpasswd.toString())).append('\n');
    } else if (token != null) {
      y.append("auth:\n  token:\n");
      y.append("    realm: ").append(quote(token.realm().toString())).append('\n');
      y.append("    service: ").append(quote(token.service())).append('\n');
      y.append("    issuer: ").append(quote(token.issuer())).append('\n');
      y.append("    rootcertbundle: ")
          .append(quote(token.rootCertBundle().toString()))
          .append('\n');
    }
    return y.toString();
  }

  /** A YAML double-quoted scalar. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
