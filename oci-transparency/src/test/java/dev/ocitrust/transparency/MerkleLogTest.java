package dev.ocitrust.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocitrust.testkit.TestVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The log's proofs against transparency-dev/merkle's happy-path vectors (read from the shared
 * vectors beside the checkout), which all use the RFC 6962 reference tree of 8 entries.
 */
class MerkleLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] REFERENCE = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };

  @TempDir Path dir;

  static Stream<Path> happyPaths() throws IOException {
    Path root = TestVectors.require("merkle");
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().equals("happy-path.json"))
          .sorted()
          .forEach(out::add);
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(7);
    return out.stream();
  }

  private MerkleLog reference(int n) throws IOException {
    MerkleLog log = MerkleLog.open(dir);
    for (int i = 0; i < n; i++) {
      log.append(HexFormat.of().parseHex(REFERENCE[i]));
    }
    return log;
  }

  @ParameterizedTest
  @MethodSource("happyPaths")
  void generatesTheVectorProofs(Path file) throws IOException {
    JsonNode v = JSON.readTree(file.toFile());
    if (v.has("leafIdx")) {
      int size = v.get("treeSize").asInt();
      try (MerkleLog log = reference(8)) {
        InclusionProof p = log.inclusionProof(v.get("leafIdx").asLong(), size);
        assertThat(log.leafHash(p.leafIndex())).isEqualTo(b64(v.get("leafHash")));
        assertThat(log.root(size)).isEqualTo(b64(v.get("root")));
        assertThat(p.path()).containsExactlyElementsOf(b64List(v.get("proof")));
      }
    } else {
      int size1 = v.get("size1").asInt();
      int size2 = v.get("size2").asInt();
      try (MerkleLog log = reference(8)) {
        assertThat(log.root(size1)).isEqualTo(b64(v.get("root1")));
        assertThat(log.root(size2)).isEqualTo(b64(v.get("root2")));
        assertThat(log.consistencyProof(size1, size2).path())
            .containsExactlyElementsOf(b64List(v.get("proof")));
      }
    }
  }

  @Test
  void emptyLogHasTheEmptyStringHashAsRoot() throws IOException {
    try (MerkleLog log = MerkleLog.open(dir)) {
      assertThat(HexFormat.of().formatHex(log.root()))
          .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
  }

  @Test
  void reopenKeepsEveryAppendAndTheRoots() throws IOException {
    byte[] root5;
    try (MerkleLog log = reference(8)) {
      root5 = log.root(5);
    }
    try (MerkleLog log = MerkleLog.openReadOnly(dir)) {
      assertThat(log.size()).isEqualTo(8);
      assertThat(log.root(5)).isEqualTo(root5);
      assertThat(log.entry(7)).isEqualTo(HexFormat.of().parseHex(REFERENCE[7]));
      assertThat(log.entry(0)).isEmpty();
    }
  }

  @Test
  void aSecondWriterIsRefused() throws IOException {
    try (MerkleLog log = MerkleLog.open(dir)) {
      assertThatThrownBy(() -> MerkleLog.open(dir))
          .isInstanceOf(MerkleLogException.class)
          .hasMessageContaining("open for writing");
    }
  }

  @Test
  void aTornAppendIsCutOnTheNextWritableOpenAndIgnoredReadOnly() throws IOException {
    try (MerkleLog log = reference(3)) {
      assertThat(log.size()).isEqualTo(3);
    }
    byte[] root3;
    try (MerkleLog log = MerkleLog.openReadOnly(dir)) {
      root3 = log.root();
    }
    // what a kill between the two writes leaves: an entry without its record, and half a record
    Files.write(
        dir.resolve("entries.bin"),
        new byte[] {0, 0, 0, 9, 1, 2},
        java.nio.file.StandardOpenOption.APPEND);
    Files.write(dir.resolve("leaves.bin"), new byte[17], java.nio.file.StandardOpenOption.APPEND);
    long entriesSize = Files.size(dir.resolve("entries.bin"));
    try (MerkleLog log = MerkleLog.openReadOnly(dir)) {
      assertThat(log.size()).isEqualTo(3);
      assertThat(log.root()).isEqualTo(root3);
    }
    assertThat(Files.size(dir.resolve("entries.bin"))).isEqualTo(entriesSize);
    try (MerkleLog log = MerkleLog.open(dir)) {
      assertThat(log.size()).isEqualTo(3);
      log.append(new byte[] {7});
      assertThat(log.entry(3)).containsExactly(7);
    }
    assertThat(Files.size(dir.resolve("leaves.bin"))).isEqualTo(4 * 40);
  }

  @Test
  void aRecordWhoseEntryDoesNotHashToItIsCut() throws IOException {
    try (MerkleLog log = reference(4)) {
      assertThat(log.size()).isEqualTo(4);
    }
    byte[] leaves = Files.readAllBytes(dir.resolve("leaves.bin"));
    leaves[3 * 40] ^= 1; // the last leaf hash no longer matches its entry
    Files.write(dir.resolve("leaves.bin"), leaves);
    try (MerkleLog log = MerkleLog.open(dir)) {
      assertThat(log.size()).isEqualTo(3);
    }
  }

  @Test
  void proofsOfEverySizeAgreeWithRecomputedRoots() throws IOException {
    try (MerkleLog log = MerkleLog.open(dir)) {
      for (int i = 0; i < 70; i++) {
        log.append(new byte[] {(byte) i});
      }
      for (int n = 1; n <= 70; n++) {
        for (int m = 0; m < n; m++) {
          InclusionProof p = log.inclusionProof(m, n);
          assertThat(Rfc9162Oracle.rootFromInclusion(log.leafHash(m), p)).isEqualTo(log.root(n));
        }
        for (int m = 1; m <= n; m++) {
          ConsistencyProof c = log.consistencyProof(m, n);
          assertThat(Rfc9162Oracle.consistent(log.root(m), log.root(n), c)).isTrue();
        }
      }
    }
  }

  @Test
  void badArgumentsAreRefusedWithTheRange() throws IOException {
    try (MerkleLog log = reference(2)) {
      assertThatThrownBy(() -> log.inclusionProof(2, 2))
          .hasMessageContaining("not below the tree size 2");
      assertThatThrownBy(() -> log.root(3)).hasMessageContaining("outside the log's 0..2");
      assertThatThrownBy(() -> log.consistencyProof(0, 2)).hasMessageContaining("1 <= old size");
    }
  }

  private static byte[] b64(JsonNode n) {
    return Base64.getDecoder().decode(n.asText());
  }

  private static List<byte[]> b64List(JsonNode n) {
    List<byte[]> out = new ArrayList<>();
    if (n != null && !n.isNull()) {
      n.forEach(x -> out.add(b64(x)));
    }
    return out;
  }
}
