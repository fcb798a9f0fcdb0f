package dev.ocitrust.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.Sign1VerifyOptions;
import dev.ocitrust.cose.UnverifiedSign1;
import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborDecoder;
import dev.ocitrust.transparency.internal.Rfc9162;
import dev.ocitrust.transparency.internal.Statements;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a vds 1 receipt the way RFC 9942 says, with the test's own RFC 9162 verifier: decode the
 * proof from vdp, recompute the root from the statement's entry, check the signature over it.
 */
final class ReceiptChecks {
  private ReceiptChecks() {}

  /** The verified proof of {@code receipt} for {@code statement}, or an assertion failure. */
  static InclusionProof verify(byte[] receipt, byte[] statement, PublicKey serviceKey)
      throws Exception {
    UnverifiedSign1 r = UnverifiedSign1.parse(receipt);
    assertThat(r.protectedHeaders().integer(ReceiptIssuer.VDS)).contains(1L);
    assertThat(r.payload()).isEmpty();
    Cbor vdp = CborDecoder.decode(r.unprotectedHeaders().encoded(ReceiptIssuer.VDP).orElseThrow());
    Cbor proofs = ((Cbor.MapItem) vdp).get(new Cbor.Int(-1));
    Cbor first = ((Cbor.Array) proofs).items().get(0);
    List<Cbor> p = ((Cbor.Array) CborDecoder.decode(((Cbor.Bytes) first).value())).items();
    List<byte[]> path = new ArrayList<>();
    for (Cbor h : ((Cbor.Array) p.get(2)).items()) {
      path.add(((Cbor.Bytes) h).value());
    }
    InclusionProof proof =
        new InclusionProof(((Cbor.Int) p.get(0)).value(), ((Cbor.Int) p.get(1)).value(), path);
    byte[] leaf = Rfc9162.leaf(Rfc9162.sha256(), Statements.entry(statement));
    byte[] root = Rfc9162Oracle.rootFromInclusion(leaf, proof);
    r.verify(serviceKey, Sign1VerifyOptions.builder().detachedPayload(root).build());
    assertThat(r.protectedHeaders().contains(HeaderLabel.KID)).isTrue();
    return proof;
  }

  /** {@code statement} with {@code receipt} as its only embedded receipt (394). */
  static byte[] embed(byte[] statement, byte[] receipt) throws Exception {
    Cbor.Array a = (Cbor.Array) ((Cbor.Tag) CborDecoder.decode(statement)).content();
    Cbor unprotected =
        new Cbor.MapItem(java.util.Map.of(new Cbor.Int(394), Cbor.array(new Cbor.Bytes(receipt))));
    List<Cbor> items = a.items();
    return dev.ocitrust.cose.internal.CborEncoder.encode(
        new Cbor.Tag(18, Cbor.array(items.get(0), unprotected, items.get(2), items.get(3))));
  }

  /** The receipts embedded (394) in {@code statement}. */
  static List<byte[]> receipts(byte[] statement) throws Exception {
    return UnverifiedSign1.parse(statement)
        .unprotectedHeaders()
        .bytesList(HeaderLabel.of(394))
        .orElseThrow();
  }

  /** The kid of the first key of a COSE_KeySet. */
  static byte[] keyId(byte[] keySet) throws Exception {
    Cbor.MapItem m = (Cbor.MapItem) ((Cbor.Array) CborDecoder.decode(keySet)).items().get(0);
    return ((Cbor.Bytes) m.get(new Cbor.Int(2))).value();
  }

  /** The P-256 key with {@code kid} in a COSE_KeySet. */
  static PublicKey key(byte[] keySet, byte[] kid) throws Exception {
    for (Cbor k : ((Cbor.Array) CborDecoder.decode(keySet)).items()) {
      Cbor.MapItem m = (Cbor.MapItem) k;
      if (m.get(new Cbor.Int(2)) instanceof Cbor.Bytes id
          && java.util.Arrays.equals(id.value(), kid)) {
        assertThat(m.get(new Cbor.Int(-1))).isEqualTo(new Cbor.Int(1));
        java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
        p.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.spec.ECPoint w =
            new java.security.spec.ECPoint(
                new java.math.BigInteger(1, ((Cbor.Bytes) m.get(new Cbor.Int(-2))).value()),
                new java.math.BigInteger(1, ((Cbor.Bytes) m.get(new Cbor.Int(-3))).value()));
        return java.security.KeyFactory.getInstance("EC")
            .generatePublic(
                new java.security.spec.ECPublicKeySpec(
                    w, p.getParameterSpec(java.security.spec.ECParameterSpec.class)));
      }
    }
    throw new AssertionError("no key with that kid in the key set");
  }
}
