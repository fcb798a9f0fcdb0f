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
}
