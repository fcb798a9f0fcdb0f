package dev.ocitrust.cli;

import dev.ocitrust.client.RegistryClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The TLS settings of {@code --ca-file}, {@code --cert-file}/{@code --key-file} and {@code
 * --insecure}, read once per run. Every bad file is a usage error naming the option and the file.
 */
final class TlsFiles {
  private TlsFiles() {}

  /** What to apply to a registry client builder; {@link #DEFAULT} changes nothing. */
  interface Tls {
    void applyTo(RegistryClient.Builder builder);
  }

  static final Tls DEFAULT = b -> {};

  /** The settings of the options; {@link #DEFAULT} when none is given. */
  static Tls of(
      @Nullable Path caFile, @Nullable Path certFile, @Nullable Path keyFile, boolean insecure) {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(
          certFile == null ? "--key-file needs --cert-file" : "--cert-file needs --key-file");
    }
    if (caFile != null && insecure) {
      throw new IllegalArgumentException(
          "--ca-file and --insecure exclude each other: --insecure trusts every certificate");
    }
    if (caFile == null && certFile == null && !insecure) {
      return DEFAULT;
    }
    try {
      X509TrustManager trust =
          insecure ? new TrustEverything() : trustManager(caFile == null ? null : caFile);
      KeyManager[] keys =
          certFile == null || keyFile == null ? null : keyManagers(certFile, keyFile);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, null);
      return b -> {
        b.tls(context.getSocketFactory(), trust);
        if (insecure) {
          b.hostnameVerifier((host, session) -> true);
        }
      };
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("TLS settings cannot be used: " + Main.describe(e), e);
    }
  }

  /** A trust manager for the certificates of {@code caFile}, or the JDK's when it is null. */
  static X509TrustManager trustManager(@Nullable Path caFile)
      throws GeneralSecurityException, java.io.IOException {
    KeyStore store = null;
    if (caFile != null) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      List<X509Certificate> certs = PemFiles.certificates(caFile, "--ca-file");
      for (int i = 0; i < certs.size(); i++) {
        store.setCertificateEntry("ca-" + i, certs.get(i));
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
  }

  private static KeyManager[] keyManagers(Path certFile, Path keyFile)
      throws GeneralSecurityException, java.io.IOException {
    List<X509Certificate> chain = PemFiles.certificates(certFile, "--cert-file");
    PrivateKey key = PemFiles.privateKey(keyFile, "--key-file");
    char[] none = new char[0];
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setKeyEntry("client", key, none, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, none);
    return factory.getKeyManagers();
  }

  /** {@code --insecure}: accepts every server certificate. */
  @SuppressWarnings("CustomX509TrustManager") // the explicit, loudly named opt-in
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
