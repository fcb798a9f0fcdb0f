package dev.ocitrust.cose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9162 hashing against the RFC 6962 reference log of 8 entries (roots from the transparency-dev
 * SOURCES), and proofs generated here from the definitions (§2.1.3.1, §2.1.4.1) checked for every
 * (index, size) and (size1, size2) pair up to 33 leaves, with every bit of every path element, the
 * index and the size flipped.
 */
class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] ENTRIES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static List<byte[]> leaves(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          MerkleTree.leafHash(("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void rootsOfTheReferenceLog() {
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 0; n < ENTRIES.length; n++) {
      leaves.add(MerkleTree.leafHash(HEX.parseHex(ENTRIES[n])));
      assertThat(HEX.formatHex(MerkleTree.root(leaves))).isEqualTo(ROOTS[n]);
    }
    assertThat(HEX.formatHex(MerkleTree.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void everyInclusionProofVerifiesAndEveryMutationFails() throws MerkleProofException {
    for (int n = 1; n <= 33; n++) {
      List<byte[]> leaves = leaves(n);
      byte[] root = MerkleTree.root(leaves);
      assertThat(root).isEqualTo(RefMerkle.mth(leaves));
      for (int m = 0; m < n; m++) {
        List<byte[]> path = RefMerkle.path(m, leaves);
        MerkleTree.verifyInclusion(m, n, leaves.get(m), path, root);
        int size = n;
        int index = m;
        for (int e = 0; e < path.size(); e++) {
          for (int bit = 0; bit < 256; bit += 37) {
            List<byte[]> bad = RefMerkle.flip(path, e, bit);
            assertThatThrownBy(
                    () -> MerkleTree.verifyInclusion(index, size, leaves.get(index), bad, root))
                .isInstanceOf(MerkleProofException.class);
          }
        }
        for (int bit = 0; bit < 63; bit++) {
          long badIndex = index ^ (1L << bit);
          long badSize = size ^ (1L << bit);
          assertThatThrownBy(
                  () -> MerkleTree.verifyInclusion(badIndex, size, leaves.get(index), path, root))
              .isInstanceOf(MerkleProofException.class);
          // the tree size is not signed: a size whose path has the same shape cannot be told
          // apart, and proves the same leaf in the same root; every other size is rejected
          if (RefMerkle.pathShape(index, badSize).equals(RefMerkle.pathShape(index, size))) {
            assertThat(MerkleTree.rootFromInclusionProof(index, badSize, leaves.get(index), path))
                .isEqualTo(root);
          } else {
            assertThatThrownBy(
                    () -> MerkleTree.verifyInclusion(index, badSize, leaves.get(index), path, root))
                .isInstanceOf(MerkleProofException.class);
          }
        }
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndEveryMutationFails() throws MerkleProofException {
    List<byte[]> all = leaves(33);
    for (int n = 1; n <= 33; n++) {
      byte[] root2 = MerkleTree.root(all.subList(0, n));
      for (int m = 1; m <= n; m++) {
        byte[] root1 = MerkleTree.root(all.subList(0, m));
        List<byte[]> path = RefMerkle.consistency(m, all.subList(0, n));
        MerkleTree.verifyConsistency(m, n, root1, root2, path);
        int s1 = m;
        int s2 = n;
        for (int e = 0; e < path.size(); e++) {
          List<byte[]> bad = RefMerkle.flip(path, e, 7 * e + 3);
          assertThatThrownBy(() -> MerkleTree.verifyConsistency(s1, s2, root1, root2, bad))
              .isInstanceOf(MerkleProofException.class);
        }
        if (m < n) {
          assertThatThrownBy(() -> MerkleTree.verifyConsistency(s1, s2, root2, root1, path))
              .isInstanceOf(MerkleProofException.class);
          for (int bit = 0; bit < 8; bit++) {
            long b1 = s1 ^ (1L << bit);
            long b2 = s2 ^ (1L << bit);
            assertThatThrownBy(() -> MerkleTree.verifyConsistency(b1, s2, root1, root2, path))
                .isInstanceOf(MerkleProofException.class);
            if (RefMerkle.consistencyShape(s1, b2, true)
                .equals(RefMerkle.consistencyShape(s1, s2, true))) {
              MerkleTree.verifyConsistency(s1, b2, root1, root2, path);
            } else {
              assertThatThrownBy(() -> MerkleTree.verifyConsistency(s1, b2, root1, root2, path))
                  .isInstanceOf(MerkleProofException.class);
            }
          }
        }
      }
    }
  }

  @Test
  void unsignedIndicesAreNotNegative() {
    byte[] leaf = MerkleTree.leafHash(new byte[0]);
    assertThatThrownBy(() -> MerkleTree.verifyInclusion(-1L, 8, leaf, List.of(), leaf))
        .isInstanceOf(MerkleProofException.class)
        .hasMessageContaining("18446744073709551615");
  }

  @Test
  void wrongHashSizesAreNamed() {
    byte[] leaf = MerkleTree.leafHash(new byte[0]);
    assertThatThrownBy(() -> MerkleTree.verifyInclusion(0, 2, leaf, List.of(new byte[31]), leaf))
        .hasMessageContaining("inclusion path element 0 must be 32 bytes, found 31");
    assertThatThrownBy(() -> MerkleTree.nodeHash(leaf, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
