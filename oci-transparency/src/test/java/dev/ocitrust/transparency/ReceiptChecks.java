package dev.ocitrust.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.cose.ReceiptVerifier;
import dev.ocitrust.cose.ServiceKeys;
import dev.ocitrust.cose.TransparentStatement;
import dev.ocitrust.cose.UnverifiedReceipt;
import dev.ocitrust.cose.VerifiableDataStructure;
import dev.ocitrust.cose.VerifiedReceipt;
import java.security.PublicKey;
import java.util.Optional;

/** Verifies the service's vds 1 receipts with the SDK's verifier (oci-cose's ReceiptVerifier). */
final class ReceiptChecks {
  private ReceiptChecks() {}

  /** The verified receipt {@code receipt} for {@code statement}, or an exception. */
  static VerifiedReceipt verify(byte[] receipt, byte[] statement, PublicKey serviceKey)
      throws Exception {
    return verify(receipt, statement, ServiceKeys.of(serviceKey, Optional.empty()));
  }

  /** As above, with the keys of a COSE_KeySet or another {@link ServiceKeys}. */
  static VerifiedReceipt verify(byte[] receipt, byte[] statement, ServiceKeys keys)
      throws Exception {
    UnverifiedReceipt r = UnverifiedReceipt.parse(receipt);
    assertThat(r.verifiableDataStructure()).contains(VerifiableDataStructure.RFC9162_SHA256);
    assertThat(r.keyId()).isPresent();
    return ReceiptVerifier.builder("local", keys)
        .build()
        .verify(r, TransparentStatement.parse(statement).entry());
  }
}
