package dev.ocitrust.cose;

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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every transparency-dev/merkle vector in shared/vectors/merkle gives its {@code wantErr} outcome
 * (SOURCES.md lists them with the rule that fails).
 */
class MerkleVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> vectors(String kind) throws IOException {
    Path root = TestVectors.require("merkle").resolve(kind);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void findsEveryVectorOfTheSelection() throws IOException {
    assertThat(vectors("inclusion")).hasSize(79);
    assertThat(vectors("consistency")).hasSize(79);
  }

  @TestFactory
  Stream<DynamicTest> inclusionVectors() throws IOException {
    return vectors("inclusion").stream()
        .map(p -> DynamicTest.dynamicTest(name(p), () -> checkInclusion(p)));
  }

  @TestFactory
  Stream<DynamicTest> consistencyVectors() throws IOException {
    return vectors("consistency").stream()
        .map(p -> DynamicTest.dynamicTest(name(p), () -> checkConsistency(p)));
  }

  private static String name(Path p) {
    return p.getParent().getFileName() + "/" + p.getFileName();
  }

  private static void checkInclusion(Path p) throws IOException {
    JsonNode v = JSON.readTree(p.toFile());
    long leafIdx = Long.parseUnsignedLong(v.get("leafIdx").asText());
    long treeSize = Long.parseUnsignedLong(v.get("treeSize").asText());
    byte[] root = b64(v.get("root"));
    byte[] leaf = b64(v.get("leafHash"));
    List<byte[]> proof = proof(v.get("proof"));
    if (v.get("wantErr").asBoolean()) {
      assertThatThrownBy(() -> MerkleTree.verifyInclusion(leafIdx, treeSize, leaf, proof, root))
          .isInstanceOf(MerkleProofException.class);
    } else {
      try {
        MerkleTree.verifyInclusion(leafIdx, treeSize, leaf, proof, root);
      } catch (MerkleProofException e) {
        throw new AssertionError(name(p) + " must verify: " + e.getMessage(), e);
      }
    }
  }

  private static void checkConsistency(Path p) throws IOException {
    JsonNode v = JSON.readTree(p.toFile());
    long size1 = Long.parseUnsignedLong(v.get("size1").asText());
    long size2 = Long.parseUnsignedLong(v.get("size2").asText());
    byte[] root1 = b64(v.get("root1"));
    byte[] root2 = b64(v.get("root2"));
    List<byte[]> proof = proof(v.get("proof"));
    if (v.get("wantErr").asBoolean()) {
      assertThatThrownBy(() -> MerkleTree.verifyConsistency(size1, size2, root1, root2, proof))
          .isInstanceOf(MerkleProofException.class);
    } else {
      try {
        MerkleTree.verifyConsistency(size1, size2, root1, root2, proof);
      } catch (MerkleProofException e) {
        throw new AssertionError(name(p) + " must verify: " + e.getMessage(), e);
      }
    }
  }

  private static byte[] b64(JsonNode n) {
    return n == null || n.isNull() ? new byte[0] : Base64.getDecoder().decode(n.asText());
  }

  private static List<byte[]> proof(JsonNode n) {
    List<byte[]> out = new ArrayList<>();
    if (n != null && !n.isNull()) {
      n.forEach(e -> out.add(b64(e)));
    }
    return out;
  }
}
