package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageIndex;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.Platform;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.RegistryExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies between two real docker-registry 2.8 processes (no referrers API: the fallback tag schema
 * on both sides), checked with oras, and graphs made by oras and notation copied by ocitrust.
 */
class RegistryCopyIT {
  @RegisterExtension static final RegistryExtension A = RegistryExtension.plain();
  @RegisterExtension static final RegistryExtension B = RegistryExtension.plain();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger REPO = new AtomicInteger();
  private static RegistryClient client;

  @TempDir Path dir;

  @BeforeAll
  static void client() {
    client =
        RegistryClient.builder()
            .insecurePlainHttp(A.server().host())
            .insecurePlainHttp(B.server().host())
            .build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static String repoName() {
    return "graph/repo" + REPO.incrementAndGet();
  }

  /**
   * The nodes {@link #populate} pushes: the index, two images (manifest, config, own layer) and the
   * layer they share; three referrers (manifest, layer) and the empty config they share.
   */
  private static final int POPULATED_NODES = 1 + 2 * 3 + 1 + 3 * 2 + 1;

  /** index(amd64, arm64) <- sig; amd64 <- sbom <- sig; all pushed by ocitrust into {@code repo}. */
  private static ImageIndex populate(Repository repo) throws IOException {
    MemoryStore staging = new MemoryStore();
    Descriptor shared =
        Fixtures.blob(staging, "application/vnd.oci.image.layer.v1.tar", "shared layer");
    ImageManifest amd = Fixtures.image(staging, "amd64", shared);
    ImageManifest arm = Fixtures.image(staging, "arm64", shared);
    ImageIndex index =
        Fixtures.index(
            staging,
            Map.of(Platform.of("linux", "amd64"), amd, Platform.of("linux", "arm64"), arm));
    Fixtures.referrer(staging, index.descriptor(), Fixtures.SIG, "sig of index");
    ImageManifest sbom =
        Fixtures.referrer(
            staging,
            amd.descriptor(),
            Fixtures.SBOM,
            "sbom",
            Map.of("org.opencontainers.image.created", "2026-11-28T00:00:00Z"));
    Fixtures.referrer(staging, sbom.descriptor(), Fixtures.SIG, "sig of sbom");
    try (GraphCopier copier = GraphCopier.create()) {
      copier.copy(
          staging,
          index.descriptor(),
          repo,
          CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
    }
    return index;
  }

  @Test
  void copiesAGraphWithReferrersBetweenRegistriesThatOrasSeesTheSame() throws IOException {
    String srcName = A.server().host() + "/" + repoName();
    String dstName = B.server().host() + "/" + repoName();
    Repository src = client.repository(srcName);
    ImageIndex index = populate(src);
    CountingTarget dst = new CountingTarget(client.repository(dstName));

    CopyResult r;
    try (GraphCopier copier = GraphCopier.create()) {
      r =
          copier.copy(
              src,
              "v1",
              dst,
              CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
    }
    assertThat(r.root()).isEqualTo(src.resolve("v1"));
    assertThat(r.nodesCopied()).isEqualTo(POPULATED_NODES);
    // one fallback-index update per subject: index, amd64 manifest, sbom
    assertThat(dst.referrerBatches).hasSize(3);

    PeerCli oras = PeerCli.of("oras");
    JsonNode before =
        normalize(
            JSON.readTree(
                oras.runOk(
                        "discover",
                        "--plain-http",
                        "--format",
                        "json",
                        srcName + "@" + index.manifests().get(0).digest())
                    .stdout()));
    JsonNode after =
        normalize(
            JSON.readTree(
                oras.runOk(
                        "discover",
                        "--plain-http",
                        "--format",
                        "json",
                        dstName + "@" + index.manifests().get(0).digest())
                    .stdout()));
    assertThat(after).isEqualTo(before);
    assertThat(before.get("referrers")).hasSize(1);
    assertThat(before.get("referrers").get(0).get("referrers")).hasSize(1);
    JsonNode indexReferrers =
        JSON.readTree(
            oras.runOk("discover", "--plain-http", "--format", "json", dstName + ":v1").stdout());
    assertThat(indexReferrers.get("referrers")).hasSize(1);

    // the same copy again moves nothing
    CountingTarget again = new CountingTarget(client.repository(dstName));
    try (GraphCopier copier = GraphCopier.create()) {
      CopyResult none = copier.copy(src, "v1", again, CopyOptions.withReferrers());
      assertThat(none.nodesCopied()).isZero();
    }
    assertThat(again.referrerBatches).isEmpty();
  }

  @Test
  void aGraphMadeByOrasAndNotationIsCopiedNodeByNode() throws IOException {
    String srcName = A.server().host() + "/" + repoName();
    String dstName = B.server().host() + "/" + repoName();
    Files.writeString(dir.resolve("app.txt"), "hello");
    Files.writeString(dir.resolve("sbom.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");
    PeerCli oras = PeerCli.of("oras").withDirectory(dir);
    oras.runOk(
        "push",
        "--plain-http",
        srcName + ":v1",
        "--artifact-type",
        "application/vnd.example.app",
        "app.txt");
    oras.runOk(
        "attach",
        "--plain-http",
        srcName + ":v1",
        "--artifact-type",
        "application/spdx+json",
        "sbom.json");
    PeerCli notation =
        PeerCli.of("notation")
            .withDirectory(dir)
            .withEnv("XDG_CONFIG_HOME", dir.resolve("cfg").toString());
    notation.runOk("cert", "generate-test", "--default", "wabbit-networks.io");
    Repository src = client.repository(srcName);
    notation.runOk(
        "sign",
        "--insecure-registry",
        "--signature-format",
        "cose",
        srcName + "@" + src.resolve("v1").digest());

    Repository dst = client.repository(dstName);
    CopyResult r;
    try (GraphCopier copier = GraphCopier.create()) {
      r =
          copier.copy(
              src,
              "v1",
              dst,
              CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build());
    }
    assertThat(r.graph().ofArtifactType(ArtifactGraph.NOTARY_SIGNATURE)).hasSize(1);
    Fixtures.assertCopiedNodeByNode(r.graph(), src, dst);
    JsonNode before =
        normalize(
            JSON.readTree(
                oras.runOk("discover", "--plain-http", "--format", "json", srcName + ":v1")
                    .stdout()));
    JsonNode after =
        normalize(
            JSON.readTree(
                oras.runOk("discover", "--plain-http", "--format", "json", dstName + ":v1")
                    .stdout()));
    assertThat(after).isEqualTo(before);
    assertThat(after.get("referrers")).hasSize(2);
    // notation verifies the copied signature in the destination registry
    Files.writeString(
        dir.resolve("trustpolicy.json"),
        """
        {"version":"1.0","trustPolicies":[{"name":"wabbit","registryScopes":["*"],
        "signatureVerification":{"level":"strict"},
        "trustStores":["ca:wabbit-networks.io"],"trustedIdentities":["*"]}]}
        """);
    notation.runOk("policy", "import", "--force", dir.resolve("trustpolicy.json").toString());
    notation.runOk("verify", "--insecure-registry", dstName + "@" + r.root().digest());
  }

  @Test
  void aFailedCopyIsFinishedByARerunWithTheFallbackIndexIntact() throws IOException {
    Repository src = client.repository(A.server().host() + "/" + repoName());
    ImageIndex index = populate(src);
    ImageManifest amd = (ImageManifest) src.fetchManifest(index.manifests().get(0));
    ImageManifest sbom =
        (ImageManifest) src.fetchManifest(src.referrers(amd.descriptor(), Fixtures.SBOM).get(0));
    CountingTarget failing = new CountingTarget(src);
    failing.failFetch.add(sbom.layers().get(0).digest());
    Repository dst = client.repository(B.server().host() + "/" + repoName());
    CopyOptions options =
        CopyOptions.builder().referrerDepth(DiscoveryOptions.UNLIMITED).tag("v1").build();
    try (GraphCopier copier = GraphCopier.builder().concurrency(2).build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> copier.copy(failing, "v1", dst, options))
          .isInstanceOf(CopyFailedException.class);
      assertThat(dst.tags()).isEmpty();
      assertThat(dst.referrers(amd.descriptor(), null)).isEmpty();

      CountingTarget src2 = new CountingTarget(src);
      CopyResult r = copier.copy(src2, "v1", dst, options);
      assertThat(r.nodesSkipped()).isPositive();
      assertThat(CountingTarget.count(src2.fetches, sbom.layers().get(0).digest())).isEqualTo(1);
    }
    assertThat(dst.resolve("v1")).isEqualTo(index.descriptor());
    assertThat(dst.referrers(amd.descriptor(), null))
        .extracting(Descriptor::digest)
        .containsExactly(sbom.descriptor().digest());
    assertThat(dst.referrers(sbom.descriptor(), null)).hasSize(1);
    assertThat(dst.referrers(index.descriptor(), null)).hasSize(1);
  }

  @Test
  void blobsAreMountedWithinOneRegistry() throws IOException {
    Repository src = client.repository(A.server().host() + "/" + repoName());
    populate(src);
    Repository dst = client.repository(A.server().host() + "/" + repoName());
    try (GraphCopier copier = GraphCopier.create()) {
      CopyResult r = copier.copy(src, "v1", dst, CopyOptions.withReferrers());
      assertThat(r.blobsMounted()).isPositive();
      assertThat(r.nodesCopied() + r.blobsMounted()).isEqualTo(POPULATED_NODES);
    }
  }

  @Test
  void purgeEmptiesTheFallbackIndexDeepestFirst() throws IOException {
    Repository repo = client.repository(A.server().host() + "/" + repoName());
    ImageIndex index = populate(repo);
    ImageManifest amd = (ImageManifest) repo.fetchManifest(index.manifests().get(0));
    PurgeResult r = Purger.builder().build().purge(repo, index.descriptor());
    assertThat(r.deleted()).hasSize(6);
    assertThat(repo.exists(index.descriptor())).isFalse();
    assertThat(repo.referrers(amd.descriptor(), null)).isEmpty();
    assertThat(repo.tags()).isEmpty();
  }

  /** As {@link Fixtures#normalizeDiscovered}, without the root's annotations. */
  private static JsonNode normalize(JsonNode node) {
    ObjectNode copy = (ObjectNode) Fixtures.normalizeDiscovered(node);
    copy.remove("annotations");
    return copy;
  }
}
