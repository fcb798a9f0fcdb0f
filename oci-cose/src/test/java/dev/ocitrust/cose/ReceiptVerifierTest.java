package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.cose.internal.Cbor;
import dev.ocitrust.cose.internal.CborEncoder;
import dev.ocitrust.cose.internal.CoseKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC9162_SHA256 receipts issued here by a test service (proofs from the RFC's definitions, ES256
 * signature over the root): they verify, and every bit flip of the receipt, the proof's tree size,
 * leaf index and path, the vds and the signature is rejected, as are receipts for another statement
 * or signed by another service.
 */
class ReceiptVerifierTest {
  private static final String ISS = "https://ts.example";

  record Service(KeyPair keys, byte[] kid) {
    static Service create() throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      return new Service(kp, CoseKeys.thumbprint(kp.getPublic()));
    }

    byte[] keySet() throws Exception {
      Cbor.MapItem k = CoseKeys.fromPublicKey(keys.getPublic());
      java.util.Map<Cbor, Cbor> m = new java.util.LinkedHashMap<>(k.entries());
      m.put(new Cbor.Int(2), new Cbor.Bytes(kid));
      return CborEncoder.encode(Cbor.array(new Cbor.MapItem(m)));
    }

    byte[] sign(byte[] root, byte[] vdp) throws Exception {
      CoseHeaders prot =
          CoseHeaders.builder()
              .algorithm(CoseAlgorithm.ES256)
              .put(HeaderLabel.KID, kid)
              .put(HeaderLabel.VDS, 1)
              .putEncoded(
                  HeaderLabel.CWT_CLAIMS,
                  CborEncoder.encode(
                      new Cbor.MapItem(
                          java.util.Map.of(
                              new Cbor.Int(1), new Cbor.Text(ISS),
                              new Cbor.Int(6), new Cbor.Int(1_766_000_000L)))))
              .build();
      CoseHeaders unprot = CoseHeaders.builder().putEncoded(HeaderLabel.VDP, vdp).build();
      return Sign1Signer.builder(keys.getPrivate())
          .protectedHeaders(prot)
          .unprotectedHeaders(unprot)
          .detached(true)
          .build()
          .sign(root);
    }

    /** An inclusion receipt for entries[index] in the tree of all entries. */
    byte[] inclusionReceipt(List<byte[]> entries, int index) throws Exception {
      List<byte[]> leaves = new ArrayList<>();
      entries.forEach(e -> leaves.add(MerkleTree.leafHash(e)));
      Rfc9162InclusionProof p =
          new Rfc9162InclusionProof(entries.size(), index, RefMerkle.path(index, leaves));
      byte[] vdp =
          CborEncoder.encode(
              new Cbor.MapItem(
                  java.util.Map.of(new Cbor.Int(-1), Cbor.array(new Cbor.Bytes(p.encode())))));
      return sign(MerkleTree.root(leaves), vdp);
    }
  }

  static byte[] statement(String text) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    return Sign1Signer.builder(kp.getPrivate())
        .protectedHeaders(
            CoseHeaders.builder()
                .put(HeaderLabel.KID, "issuer-key".getBytes(StandardCharsets.UTF_8))
                .put(HeaderLabel.CONTENT_TYPE, "text/plain")
                .build())
        .build()
        .sign(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<byte[]> entries(int n, byte[] at3) {
    return entries(n, 3, at3);
  }

  private static List<byte[]> entries(int n, int at, byte[] entry) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i == at ? entry : ("other entry " + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void aReceiptEmbeddedInItsStatementVerifies() throws Exception {
    Service s = Service.create();
    TransparentStatement ts = TransparentStatement.parse(statement("hello"));
    byte[] receipt = s.inclusionReceipt(entries(7, ts.entry()), 3);
    TransparentStatement withReceipt = ts.withReceipt(receipt);
    assertThat(withReceipt.entry()).isEqualTo(ts.entry());
    assertThat(TransparentStatement.parse(withReceipt.bytes()).receipts()).hasSize(1);

    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(s.keySet()))
            .issuer(ISS)
            .build();
    VerifiedReceipt r = v.verify(TransparentStatement.parse(withReceipt.bytes()));
    assertThat(r.leafIndex()).hasValue(3);
    assertThat(r.treeSize()).hasValue(7);
    assertThat(r.issuer()).contains(ISS);
    assertThat(r.service()).isEqualTo("test-ts");
    assertThat(r.toString()).startsWith("receipt from test-ts (RFC9162_SHA256 (1), iss " + ISS);
    // the statement's own signature is untouched by embedding
    assertThat(withReceipt.message().signature()).isEqualTo(ts.message().signature());
  }

  @Test
  void everyBitFlipOfTheReceiptIsRejected() throws Exception {
    Service s = Service.create();
    TransparentStatement ts = TransparentStatement.parse(statement("hello"));
    // the newest leaf, as a log answers a registration: its path shape binds the tree size too
    // (for leaf 3 of 7, sizes 5 to 8 share one shape; everyBitOfTheProofFieldsMatters covers that)
    byte[] receipt = s.inclusionReceipt(entries(7, 6, ts.entry()), 6);
    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(s.keySet())).build();
    byte[] entry = ts.entry();
    v.verify(UnverifiedReceipt.parse(receipt), entry);
    assertThat(
            ReceiptMutations.acceptedBitFlips(
                receipt, m -> v.verify(UnverifiedReceipt.parse(m), entry)))
        .isZero();
  }

  @Test
  void everyBitOfTheProofFieldsMatters() throws Exception {
    Service s = Service.create();
    TransparentStatement ts = TransparentStatement.parse(statement("hello"));
    List<byte[]> entries = entries(7, ts.entry());
    UnverifiedReceipt good = UnverifiedReceipt.parse(s.inclusionReceipt(entries, 3));
    Rfc9162InclusionProof p = good.rfc9162InclusionProofs().get(0);
    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(s.keySet())).build();
    int accepted = 0;
    for (int bit = 0; bit < 64; bit++) {
      long mask = 1L << bit;
      accepted +=
          accepts(
              v, good, new Rfc9162InclusionProof(p.treeSize(), p.leafIndex() ^ mask, p.path()), ts);
      // a size of the same path shape proves the same leaf in the same signed root (RFC 9162
      // does not sign the size); 7 ^ 1 = 6 is one: leaf 3 sits in the left subtree of 4 either way
      long size = p.treeSize() ^ mask;
      boolean sameShape = RefMerkle.pathShape(3, size).equals(RefMerkle.pathShape(3, 7));
      assertThat(accepts(v, good, new Rfc9162InclusionProof(size, p.leafIndex(), p.path()), ts))
          .as("tree size %s", Long.toUnsignedString(size))
          .isEqualTo(sameShape ? 1 : 0);
    }
    for (int e = 0; e < p.path().size(); e++) {
      for (int bit = 0; bit < 256; bit++) {
        accepted +=
            accepts(v, good, new Rfc9162InclusionProof(7, 3, RefMerkle.flip(p.path(), e, bit)), ts);
      }
    }
    assertThat(accepted).isZero();
  }

  private static int accepts(
      ReceiptVerifier v, UnverifiedReceipt good, Rfc9162InclusionProof p, TransparentStatement ts)
      throws Exception {
    byte[] vdp =
        CborEncoder.encode(
            new Cbor.MapItem(
                java.util.Map.of(new Cbor.Int(-1), Cbor.array(new Cbor.Bytes(p.encode())))));
    CoseHeaders unprot = CoseHeaders.builder().putEncoded(HeaderLabel.VDP, vdp).build();
    byte[] mutated = ReceiptMutations.withUnprotected(good.message(), unprot);
    try {
      v.verify(UnverifiedReceipt.parse(mutated), ts.entry());
      return 1;
    } catch (CoseException e) {
      return 0;
    }
  }

  @Test
  void vdsFlipsAreRejected() throws Exception {
    Service s = Service.create();
    TransparentStatement ts = TransparentStatement.parse(statement("hello"));
    byte[] receipt = s.inclusionReceipt(entries(7, ts.entry()), 3);
    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(s.keySet())).build();
    for (int bit = 0; bit < 16; bit++) {
      byte[] m = ReceiptMutations.withVds(receipt, 1 ^ (1L << bit));
      assertThatThrownBy(() -> v.verify(UnverifiedReceipt.parse(m), ts.entry()))
          .isInstanceOf(CoseException.class);
    }
  }

  @Test
  void aReceiptForAnotherStatementIsRejected() throws Exception {
    Service s = Service.create();
    TransparentStatement mine = TransparentStatement.parse(statement("mine"));
    TransparentStatement other = TransparentStatement.parse(statement("other"));
    byte[] receipt = s.inclusionReceipt(entries(7, other.entry()), 3);
    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(s.keySet())).build();
    assertThatThrownBy(() -> v.verify(mine.withReceipt(receipt)))
        .isInstanceOf(ReceiptException.class)
        .hasMessageContaining("does not verify with the key of test-ts");
  }

  @Test
  void aReceiptSignedByAnotherServiceIsRejected() throws Exception {
    Service trusted = Service.create();
    Service rogue = Service.create();
    TransparentStatement ts = TransparentStatement.parse(statement("hello"));
    byte[] receipt = rogue.inclusionReceipt(entries(7, ts.entry()), 3);
    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(trusted.keySet())).build();
    assertThatThrownBy(() -> v.verify(ts.withReceipt(receipt)))
        .hasMessageContaining("no key of test-ts has the receipt's kid h'");
    // the same rogue key without a kid match: every configured key is tried, none verifies
    ReceiptVerifier anyKid =
        ReceiptVerifier.builder(
                "test-ts", ServiceKeys.of(trusted.keys().getPublic(), Optional.of(rogue.kid())))
            .build();
    assertThatThrownBy(() -> anyKid.verify(UnverifiedReceipt.parse(receipt), ts.entry()))
        .isInstanceOf(CoseSignatureException.class);
  }

  @Test
  void aConsistencyReceiptProvesTheLogOnlyGrew() throws Exception {
    Service s = Service.create();
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      leaves.add(MerkleTree.leafHash(("e" + i).getBytes(StandardCharsets.UTF_8)));
    }
    byte[] root6 = MerkleTree.root(leaves.subList(0, 6));
    byte[] root11 = MerkleTree.root(leaves);
    Rfc9162ConsistencyProof p =
        new Rfc9162ConsistencyProof(6, 11, RefMerkle.consistency(6, leaves));
    byte[] vdp =
        CborEncoder.encode(
            new Cbor.MapItem(
                java.util.Map.of(new Cbor.Int(-2), Cbor.array(new Cbor.Bytes(p.encode())))));
    UnverifiedReceipt r = UnverifiedReceipt.parse(s.sign(root11, vdp));
    ReceiptVerifier v =
        ReceiptVerifier.builder("test-ts", ServiceKeys.fromCoseKeySet(s.keySet())).build();
    assertThat(v.verifyConsistency(r, root6, root11).treeSize()).hasValue(11);
    byte[] otherRoot = MerkleTree.root(leaves.subList(0, 5));
    assertThatThrownBy(() -> v.verifyConsistency(r, otherRoot, root11))
        .isInstanceOf(MerkleProofException.class);
    assertThatThrownBy(() -> v.verify(r, new byte[1]))
        .isInstanceOf(ReceiptException.class)
        .hasMessageContaining("holds no inclusion proof");
  }

  @Test
  void aKeySetRoundTripsWithItsKids() throws Exception {
    Service s = Service.create();
    ServiceKeys keys = ServiceKeys.fromCoseKeySet(s.keySet());
    ServiceKeys again = ServiceKeys.fromCoseKeySet(keys.toCoseKeySet());
    assertThat(again.forKeyId(Optional.of(s.kid()))).containsExactly(s.keys().getPublic());
    assertThat(again.thumbprints()).isEqualTo(keys.thumbprints());
    assertThat(again.forKeyId(Optional.of(new byte[] {1, 2, 3}))).isEmpty();
  }

  @Test
  void malformedReceiptsAreNamed() throws Exception {
    Service s = Service.create();
    byte[] noVdp = s.sign(new byte[32], CborEncoder.encode(new Cbor.MapItem(java.util.Map.of())));
    assertThatThrownBy(() -> UnverifiedReceipt.parse(noVdp))
        .hasMessage("receipt: vdp (396) holds no proof (-1 or -2)");
    byte[] attached = Sign1Signer.builder(s.keys().getPrivate()).build().sign(new byte[32]);
    assertThatThrownBy(() -> UnverifiedReceipt.parse(attached))
        .hasMessageContaining("vds (395) is missing");
  }
}
