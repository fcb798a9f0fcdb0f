package dev.ocitrust.cose.internal;

import dev.ocitrust.cose.TimestampAuthority;
import dev.ocitrust.cose.TimestampException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * Requests an RFC 3161 time stamp over given bytes (for Notary: the COSE signature) with a random
 * nonce and {@code certReq=true}, and checks the response against the request (status granted,
 * imprint, nonce, certificate present).
 *
 * <p>Thread-safe: stateless.
 */
public final class TimestampClient {
  private TimestampClient() {}

  /** The hash OID for a JCA hash name. */
  public static ASN1ObjectIdentifier hashOid(String hashName) {
    return switch (hashName) {
      case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
      case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
      case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
      default -> throw new IllegalArgumentException("unsupported hash " + hashName);
    };
  }

  /** Returns the DER time stamp token over {@code message}, hashed with {@code hashName}. */
  public static byte[] request(
      TimestampAuthority tsa, byte[] message, String hashName, SecureRandom random)
      throws TimestampException {
    try {
      byte[] digest = MessageDigest.getInstance(hashName).digest(message);
      TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
      gen.setCertReq(true);
      TimeStampRequest req = gen.generate(hashOid(hashName), digest, new BigInteger(64, random));
      byte[] answer;
      try {
        answer = tsa.timestamp(req.getEncoded());
      } catch (IOException e) {
        throw new TimestampException("cannot reach time stamp authority " + tsa + ": " + e, e);
      }
      TimeStampResponse resp = new TimeStampResponse(answer);
      resp.validate(req);
      if (resp.getTimeStampToken() == null) {
        throw new TimestampException(
            "time stamp authority " + tsa + " refused: " + resp.getStatusString());
      }
      return resp.getTimeStampToken().getEncoded();
    } catch (TSPException | IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof TimestampException te) {
        throw te;
      }
      throw new TimestampException("invalid time stamp response: " + e.getMessage(), e);
    }
  }
}
