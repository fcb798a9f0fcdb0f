package dev.ocitrust.policy;

import dev.ocitrust.cose.TimestampAuthority;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

/** An RFC 3161 authority in the test's process, stamping with its own clock (no network). */
final class InProcessTsa implements TimestampAuthority {
  final Pki.Issued root = Pki.rsaRoot("CN=Test TSA Root,O=ocitrust,C=US");
  final Pki.Issued tsa = Pki.tsaLeaf("CN=Test TSA,O=ocitrust,C=US", root);
  private final Clock clock;
  private final AtomicLong serial = new AtomicLong(1);

  InProcessTsa(Clock clock) {
    this.clock = clock;
  }

  X509Certificate rootCert() {
    return root.cert();
  }

  @Override
  public byte[] timestamp(byte[] request) {
    try {
      TimeStampTokenGenerator gen =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .build("SHA256withRSA", tsa.keys().getPrivate(), tsa.cert()),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
      gen.addCertificates(new JcaCertStore(List.of(tsa.cert(), root.cert())));
      gen.setAccuracySeconds(1);
      return new TimeStampResponseGenerator(gen, TSPAlgorithms.ALLOWED)
          .generateGrantedResponse(
              new TimeStampRequest(request),
              BigInteger.valueOf(serial.getAndIncrement()),
              Date.from(clock.instant()))
          .getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
