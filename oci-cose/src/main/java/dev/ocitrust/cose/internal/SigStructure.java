package dev.ocitrust.cose.internal;

/**
 * Builds the COSE {@code Sig_structure} for COSE_Sign1 (RFC 9052 §4.4): {@code ["Signature1",
 * body_protected, external_aad, payload]}.
 *
 * <p>Thread-safe: stateless.
 */
public final class SigStructure {
  private SigStructure() {}

  /** The encoded {@code Sig_structure} the signature covers. */
  public static byte[] sign1(byte[] protectedBytes, byte[] externalAad, byte[] payload) {
    return CborEncoder.encode(
        Cbor.array(
            new Cbor.Text("Signature1"),
            new Cbor.Bytes(protectedBytes),
            new Cbor.Bytes(externalAad),
            new Cbor.Bytes(payload)));
  }
}
