package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.claims.ReceiptCheck;
import dev.ocitrust.claims.TrustedService;
import dev.ocitrust.client.ContentVerificationException;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.InvalidManifestException;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.NotFoundException;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.CoseFormatException;
import dev.ocitrust.cose.TransparentStatement;
import dev.ocitrust.cose.UnverifiedReceipt;
import dev.ocitrust.cose.VerifiedReceipt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the receipts a claim carries, embedded in its statement (394) and attached to its manifest
 * as referrers of type {@link ClaimTypes#RECEIPT}, and verifies each against the trusted
 * transparency services. Reads only.
 *
 * <p>Thread-safe: stateless.
 */
public final class ReceiptChecks {
  private ReceiptChecks() {}

  /**
   * The checks of every receipt of the claim {@code claimManifest} whose statement is {@code
   * statement}; referrers are looked up only when {@code referrers} is true.
   *
   * @throws IOException if the store fails other than by missing or corrupt content
   */
  public static List<ReceiptCheck> of(
      Target target,
      Descriptor claimManifest,
      byte[] statement,
      List<TrustedService> services,
      boolean referrers,
      long maxBytes)
      throws IOException {
    List<ReceiptCheck> out = new ArrayList<>();
    TransparentStatement ts;
    try {
      ts = TransparentStatement.parse(statement);
    } catch (CoseFormatException e) {
      out.add(
          new ReceiptCheck("embedded", Optional.empty(), false, String.valueOf(e.getMessage())));
      return out;
    }
    byte[] entry = ts.entry();
    List<byte[]> embedded = ts.receipts();
    for (int i = 0; i < embedded.size(); i++) {
      out.add(check("embedded[" + i + "]", embedded.get(i), entry, services));
    }
    if (referrers) {
      for (Descriptor d : target.referrers(claimManifest, ClaimTypes.RECEIPT)) {
        String source = "referrer " + d.digest();
        try {
          out.add(check(source, attached(target, d, maxBytes), entry, services));
        } catch (NotFoundException | ContentVerificationException | InvalidManifestException e) {
          out.add(
              new ReceiptCheck(
                  source,
                  Optional.empty(),
                  false,
                  "unreadable: " + String.valueOf(e.getMessage())));
        } catch (CoseFormatException e) {
          out.add(
              new ReceiptCheck(source, Optional.empty(), false, String.valueOf(e.getMessage())));
        }
      }
    }
    return out;
  }

  private static byte[] attached(Target target, Descriptor d, long maxBytes)
      throws IOException, CoseFormatException {
    Manifest m = target.fetchManifest(d);
    if (!(m instanceof ImageManifest im)
        || im.layers().size() != 1
        || !im.layers().get(0).mediaType().equals(ClaimTypes.RECEIPT)) {
      throw new CoseFormatException(
          "a receipt referrer has exactly one layer of type " + ClaimTypes.RECEIPT);
    }
    return target.fetchBytes(im.layers().get(0), maxBytes);
  }

  private static ReceiptCheck check(
      String source, byte[] receipt, byte[] entry, List<TrustedService> services) {
    UnverifiedReceipt r;
    try {
      r = UnverifiedReceipt.parse(receipt);
    } catch (CoseFormatException e) {
      return new ReceiptCheck(source, Optional.empty(), false, String.valueOf(e.getMessage()));
    }
    if (services.isEmpty()) {
      return new ReceiptCheck(source, Optional.empty(), false, "no trusted service: " + r);
    }
    List<String> why = new ArrayList<>();
    for (TrustedService s : services) {
      try {
        VerifiedReceipt v = s.verifier().verify(r, entry);
        return new ReceiptCheck(source, Optional.of(s.name()), true, v.toString());
      } catch (CoseException e) {
        why.add(s.name() + ": " + e.getMessage());
      }
    }
    return new ReceiptCheck(source, Optional.empty(), false, String.join("; ", why));
  }
}
