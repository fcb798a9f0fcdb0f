package dev.ocitrust.cose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Locale;
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
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** An RFC 3161 TSA on loopback HTTP, built from BouncyCastle's response generator. */
final class LoopbackTsa implements AutoCloseable {
  final X509Certificate root;
  final X509Certificate tsaCert;
  private final KeyPair tsaKeys;
  private final ServerSocket server;
  private final Thread acceptor;
  private final Clock clock;
  private final AtomicLong serial = new AtomicLong(1);
  private volatile UnaryOperator<byte[]> tamper = UnaryOperator.identity();

  LoopbackTsa(Clock clock) throws IOException {
    this.clock = clock;
    // EC keys: cheap to generate, so each test can have its own TSA
    KeyPair rootKeys = TestKeys.ec("secp384r1");
    tsaKeys = TestKeys.ec("secp256r1");
    root = TestPki.selfSigned(TestPki.Spec.ca("CN=Test TSA Root,O=ocitrust,C=US", rootKeys));
    tsaCert =
        TestPki.issue(
            TestPki.Spec.tsa("CN=Test TSA,O=ocitrust,C=US", tsaKeys), root, rootKeys.getPrivate());
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "loopback-tsa");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A minimal HTTP/1.1 server (one request per connection): the JDK's com.sun.net.httpserver is not
   * readable from the patched test module, and this is all a TSA client needs.
   */
  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int c = in.read();
          if (c < 0) {
            break;
          }
          head.write(c);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        byte[] answer;
        String status;
        try {
          answer = tamper.apply(respond(body));
          status = "200 OK";
        } catch (Exception e) {
          answer = new byte[0];
          status = "500 Internal Server Error";
        }
        OutputStream out = s.getOutputStream();
        out.write(
            ("HTTP/1.1 "
                    + status
                    + "\r\nContent-Type: application/timestamp-reply\r\n"
                    + "Content-Length: "
                    + answer.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(answer);
        out.flush();
      } catch (IOException e) {
        // closed or client went away; the loop condition decides
      }
    }
  }

  void tamper(UnaryOperator<byte[]> f) {
    this.tamper = f;
  }

  URI uri() {
    return URI.create(
        "http://"
            + server.getInetAddress().getHostAddress()
            + ":"
            + server.getLocalPort()
            + "/tsa");
  }

  private byte[] respond(byte[] request) throws Exception {
    TimeStampRequest req = new TimeStampRequest(request);
    TimeStampTokenGenerator gen =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", tsaKeys.getPrivate(), tsaCert),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
            new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
    gen.addCertificates(new JcaCertStore(List.of(tsaCert, root)));
    gen.setAccuracySeconds(1);
    TimeStampResponse resp =
        new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED)
            .generateGrantedResponse(
                req, BigInteger.valueOf(serial.getAndIncrement()), Date.from(clock.instant()));
    return resp.getEncoded();
  }

  @Override
  public void close() {
    try {
      server.close();
      acceptor.join(5000);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
