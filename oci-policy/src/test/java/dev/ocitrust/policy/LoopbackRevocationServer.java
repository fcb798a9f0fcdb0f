package dev.ocitrust.policy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ocitrust.testkit.TestCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CRL distribution point and an OCSP responder for one CA on loopback HTTP (JDK HttpServer),
 * answering from BouncyCastle's CRL and OCSP builders. Statuses are set per serial number.
 */
final class LoopbackRevocationServer implements AutoCloseable {
  enum Ocsp {
    GOOD,
    REVOKED,
    UNKNOWN,
    HTTP_ERROR,
    WRONG_SIGNER,
    DELEGATED_GOOD
  }

  final TestCertificate ca;
  private final HttpServer server;
  final AtomicInteger crlRequests = new AtomicInteger();
  final AtomicInteger ocspRequests = new AtomicInteger();
  private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
  private final Map<BigInteger, Instant> invalidSince = new ConcurrentHashMap<>();
  private final Map<BigInteger, Ocsp> ocsp = new ConcurrentHashMap<>();
  volatile Instant crlNextUpdate = Instant.now().plus(Duration.ofDays(7));
  volatile TestCertificate crlSigner;

  LoopbackRevocationServer(TestCertificate ca) throws IOException {
    this.ca = ca;
    this.crlSigner = ca;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/crl", this::crl);
    server.createContext("/ocsp", this::ocsp);
    server.start();
  }

  URI crlUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crl");
  }

  URI ocspUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
  }

  void revoke(X509Certificate cert, Instant at) {
    revoked.put(cert.getSerialNumber(), at);
  }

  void invalidSince(X509Certificate cert, Instant at) {
    invalidSince.put(cert.getSerialNumber(), at);
  }

  void ocsp(X509Certificate cert, Ocsp answer) {
    ocsp.put(cert.getSerialNumber(), answer);
  }

  private void crl(HttpExchange ex) throws IOException {
    crlRequests.incrementAndGet();
    try {
      Instant now = Instant.now();
      X509v2CRLBuilder b =
          new X509v2CRLBuilder(
              X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
              Date.from(now.minusSeconds(60)));
      b.setNextUpdate(Date.from(crlNextUpdate));
      for (Map.Entry<BigInteger, Instant> e : revoked.entrySet()) {
        ExtensionsGenerator g = new ExtensionsGenerator();
        g.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
        Instant invalid = invalidSince.get(e.getKey());
        if (invalid != null) {
          g.addExtension(
              Extension.invalidityDate, false, new ASN1GeneralizedTime(Date.from(invalid)));
        }
        b.addCRLEntry(e.getKey(), Date.from(e.getValue()), g.generate());
      }
      byte[] body =
          b.build(
                  new JcaContentSignerBuilder(crlSigner.signatureAlgorithm())
                      .build(crlSigner.privateKey()))
              .getEncoded();
      answer(ex, 200, body);
    } catch (Exception e) {
      answer(ex, 500, new byte[0]);
    }
  }

  private void ocsp(HttpExchange ex) throws IOException {
    ocspRequests.incrementAndGet();
    try {
      OCSPReq req = new OCSPReq(ex.getRequestBody().readAllBytes());
      Req one = req.getRequestList()[0];
      Ocsp mode = ocsp.getOrDefault(one.getCertID().getSerialNumber(), Ocsp.GOOD);
      if (mode == Ocsp.HTTP_ERROR) {
        answer(ex, 500, new byte[0]);
        return;
      }
      TestCertificate signer =
          switch (mode) {
            case WRONG_SIGNER ->
                TestCertificate.builder()
                    .subject("CN=Impostor,O=ocitrust,C=US")
                    .certificateAuthority(-1)
                    .build();
            case DELEGATED_GOOD ->
                TestCertificate.builder()
                    .subject("CN=OCSP responder,O=ocitrust,C=US")
                    .signedBy(ca)
                    .ocspSigning()
                    .build();
            default -> ca;
          };
      BasicOCSPRespBuilder b =
          new BasicOCSPRespBuilder(
              new RespID(new JcaX509CertificateHolder(signer.certificate()).getSubject()));
      CertificateStatus status =
          switch (mode) {
            case REVOKED ->
                new RevokedStatus(
                    Date.from(Instant.now().minusSeconds(3600)), CRLReason.keyCompromise);
            case UNKNOWN -> new UnknownStatus();
            default -> CertificateStatus.GOOD;
          };
      Instant now = Instant.now();
      b.addResponse(
          one.getCertID(),
          status,
          Date.from(now.minusSeconds(60)),
          Date.from(now.plus(Duration.ofHours(1))),
          (Extensions) null);
      X509CertificateHolder[] chain =
          mode == Ocsp.DELEGATED_GOOD
              ? new X509CertificateHolder[] {new JcaX509CertificateHolder(signer.certificate())}
              : null;
      byte[] body =
          new OCSPRespBuilder()
              .build(
                  OCSPRespBuilder.SUCCESSFUL,
                  b.build(
                      new JcaContentSignerBuilder(signer.signatureAlgorithm())
                          .build(signer.privateKey()),
                      chain,
                      Date.from(now)))
              .getEncoded();
      answer(ex, 200, body);
    } catch (Exception e) {
      answer(ex, 500, new byte[0]);
    }
  }

  private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
