package dev.ocitrust.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 3161 time stamping authority for tests, with its own root and time stamping certificate
 * (EC keys by default, cheap to make; RSA or others on request), stamping with an injected clock.
 * It answers in the test's process ({@link #respond}) and, once {@link #start() started}, over HTTP
 * on loopback ({@link #uri()}), for clients such as notation that need a URL.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * try (TestTsa tsa = TestTsa.create(Clock.systemUTC()).start()) {
 *   notation("sign", "--timestamp-url", tsa.uri().toString(), ...);
 * }
 * }</pre>
 */
public final class TestTsa implements AutoCloseable {
  private final TestCertificate root;
  private final TestCertificate tsa;
  private final Clock clock;
  private final AtomicLong serial = new AtomicLong(1);
  private volatile UnaryOperator<byte[]> tamper = UnaryOperator.identity();
  private @Nullable HttpServer server;

  private TestTsa(Clock clock, KeyPair rootKeys, KeyPair tsaKeys) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.root =
        TestCertificate.builder()
            .subject("CN=Test TSA Root,O=ocitrust,C=US")
            .keyPair(rootKeys)
            .certificateAuthority(-1)
            .build();
    this.tsa =
        TestCertificate.builder()
            .subject("CN=Test TSA,O=ocitrust,C=US")
            .keyPair(tsaKeys)
            .signedBy(root)
            .timeStamping()
            .build();
  }

  /**
   * A TSA stamping the time of {@code clock}, with a P-384 root and a P-256 time stamping key; not
   * listening until {@link #start()}.
   */
  public static TestTsa create(Clock clock) {
    return create(
        clock, TestCertificate.ecKeyPair("secp384r1"), TestCertificate.ecKeyPair("secp256r1"));
  }

  /**
   * A TSA stamping the time of {@code clock} whose root has {@code rootKeys} and whose time
   * stamping certificate has {@code tsaKeys} (e.g. RSA keys, as most public TSAs use); it signs
   * with SHA-256 and that key's algorithm.
   */
  public static TestTsa create(Clock clock, KeyPair rootKeys, KeyPair tsaKeys) {
    return new TestTsa(clock, rootKeys, tsaKeys);
  }

  /** Listens on a free loopback port; returns this. */
  public synchronized TestTsa start() throws IOException {
    if (server == null) {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      s.createContext("/tsa", this::handle);
      s.start();
      server = s;
    }
    return this;
  }

  /** The TSA's address; {@link #start()} first. */
  public synchronized URI uri() {
    HttpServer s = server;
    if (s == null) {
      throw new IllegalStateException("the TSA is not started");
    }
    InetSocketAddress a = s.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/tsa");
  }

  /** The root certificate that time stamps chain to. */
  public X509Certificate rootCertificate() {
    return root.certificate();
  }

  /** The certificate that signs the time stamps. */
  public X509Certificate tsaCertificate() {
    return tsa.certificate();
  }

  /** From now on, answers {@code f} applied to each DER response (for tampering tests). */
  public void tamper(UnaryOperator<byte[]> f) {
    this.tamper = Objects.requireNonNull(f, "f");
  }

  /**
   * The DER time stamp response granting {@code request} (a DER TimeStampReq), signed with SHA-256
   * and the TSA key's algorithm, with the TSA and root certificates, accuracy one second.
   *
   * @throws IllegalArgumentException if the request cannot be parsed or answered
   */
  public byte[] respond(byte[] request) {
    try {
      TimeStampTokenGenerator gen =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .build(tsa.signatureAlgorithm(), tsa.privateKey(), tsa.certificate()),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
      gen.addCertificates(new JcaCertStore(List.of(tsa.certificate(), root.certificate())));
      gen.setAccuracySeconds(1);
      byte[] der =
          new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED)
              .generateGrantedResponse(
                  new TimeStampRequest(request),
                  BigInteger.valueOf(serial.getAndIncrement()),
                  Date.from(clock.instant()))
              .getEncoded();
      return tamper.apply(der);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot answer the time stamp request: " + e, e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      byte[] answer;
      int status;
      try {
        answer = respond(body);
        status = 200;
      } catch (IllegalArgumentException e) {
        answer = new byte[0];
        status = 500;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  /** Stops listening. */
  @Override
  public synchronized void close() {
    HttpServer s = server;
    if (s != null) {
      s.stop(0);
      server = null;
    }
  }
}
