package dev.ocitrust.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import dev.ocitrust.testkit.FaultTally;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A destination registry killed (SIGKILL) in the middle of a replication into two docker-registry
 * 2.8 processes: the other destination completes, the killed one reports its failure, and once it
 * is restarted (same port, same storage) a second run transfers only what it lacks and completes
 * it; both then hold the source's graph node for node. Counted into the fault table ({@link
 * FaultTally}): survived when both destinations hold every node, lost = the bytes of the nodes
 * either lacks.
 */
class ReplicationFaultIT {
  @RegisterExtension static final RegistryExtension SOURCE = RegistryExtension.plain();
  @RegisterExtension static final RegistryExtension EU = RegistryExtension.plain();
  @RegisterExtension static final RegistryExtension US = RegistryExtension.plain();

  private static final int LAYERS = 5;
  private static final int REFERRERS = 60;

  @Test
  void aDestinationKilledMidReplicationIsCompletedByARerun() throws Exception {
    RegistryServer src = SOURCE.server();
    RegistryServer eu = EU.server();
    RegistryServer us = US.server();
    try (RegistryClient client =
            RegistryClient.builder()
                .insecurePlainHttp(src.host())
                .insecurePlainHttp(eu.host())
                .insecurePlainHttp(us.host())
                .build();
        GraphCopier copier = GraphCopier.builder().concurrency(4).build()) {
      Repository source = client.repository(src.host() + "/fault/net-monitor");
      Descriptor root = image(source);
      Repository euRepo = client.repository(eu.host() + "/fault/net-monitor");
      Repository usRepo = client.repository(us.host() + "/fault/net-monitor");
      List<Replica> replicas =
          List.of(
              new Replica(eu.host(), euRepo, List.of("v1")),
              new Replica(us.host(), usRepo, List.of("v1")));

      // kill the US registry once a third of the nodes have arrived somewhere
      ArtifactGraph graph =
          new Discovery(source).discover(root); // only to know the size; not the copy's walk
      int killAt = graph.nodes().size() * 2 / 3;
      AtomicInteger copied = new AtomicInteger();
      AtomicBoolean killed = new AtomicBoolean();
      CopyListener killer =
          new CopyListener() {
            @Override
            public void onCopied(Descriptor node) {
              if (copied.incrementAndGet() >= killAt && killed.compareAndSet(false, true)) {
                us.kill();
              }
            }
          };
      ReplicationResult first =
          copier.replicate(
              source,
              root,
              replicas,
              CopyOptions.withReferrers().toBuilder().listener(killer).build());
      assertThat(killed).isTrue();
      assertThat(first.replicas().get(0).succeeded()).as("EU, never killed").isTrue();
      ReplicaResult failed = first.replicas().get(1);
      assertThat(failed.succeeded()).as("US, killed mid-way").isFalse();
      assertThat(failed.failure().orElseThrow()).hasMessageContaining(us.host());
      assertThat(failed.copy().tags()).isEmpty();

      us.kill(); // stopped for sure before its storage is repaired
      int torn = us.removeTornBlobs(); // a write the kill tore (see RegistryServer)
      us.restart();
      ReplicationResult second =
          copier.replicate(source, root, replicas, CopyOptions.withReferrers());
      long lost = 0;
      boolean tagged = true;
      for (Repository r : List.of(euRepo, usRepo)) {
        lost += Fixtures.bytesMissing(graph, source, r);
        tagged &= r.resolve("v1").equals(root);
      }
      FaultTally.record(
          getClass(),
          "a destination docker-registry SIGKILLed mid-replication (2 destinations, "
              + LAYERS
              + " layers, "
              + graph.nodes().size()
              + " nodes), restarted, replicated again",
          first.replicas().get(0).succeeded()
                  && failed
                      .failure()
                      .map(e -> String.valueOf(e.getMessage()).contains(us.host()))
                      .orElse(false)
                  && second.allSucceeded()
                  && tagged
                  && lost == 0
              ? FaultTally.Outcome.SURVIVED
              : FaultTally.Outcome.UNTYPED_ERROR,
          lost);
      assertThat(second.allSucceeded())
          .as(second.failed() + " (torn blobs removed before the restart: " + torn + ")")
          .isTrue();
      assertThat(second.replicas().get(0).copy().nodesCopied()).as("EU had everything").isZero();
      assertThat(second.replicas().get(1).copy().nodesCopied())
          .as("US gets only what it lacked")
          .isLessThan(graph.nodes().size());
      for (Repository r : List.of(euRepo, usRepo)) {
        assertThat(r.resolve("v1")).isEqualTo(root);
        ArtifactGraph there = new Discovery(r).discover(root);
        assertThat(digests(there)).isEqualTo(digests(graph));
        Fixtures.assertCopiedNodeByNode(graph, source, r);
      }
    }
  }

  private static Set<Digest> digests(ArtifactGraph g) {
    return g.nodes().stream().map(GraphNode::digest).collect(Collectors.toSet());
  }

  /** An image of {@link #LAYERS} random 256 KiB layers, with referrers, some of them signed. */
  private static Descriptor image(Repository repo) throws Exception {
    Random random = new Random(16);
    Descriptor config = Fixtures.blob(repo, MediaTypes.OCI_CONFIG, "{\"replication\":true}");
    ImageManifest.Builder b = ImageManifest.builder(config);
    for (int i = 0; i < LAYERS; i++) {
      byte[] layer = new byte[256 * 1024];
      random.nextBytes(layer);
      Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer);
      repo.push(d, new ByteArrayInputStream(layer));
      b.layer(d);
    }
    ImageManifest image = b.build();
    repo.push(image, "v1");
    for (int i = 0; i < REFERRERS; i++) {
      ImageManifest r =
          Fixtures.referrer(repo, image.descriptor(), Fixtures.SBOM, "{\"sbom\":" + i + "}");
      if (i % 3 == 0) {
        Fixtures.referrer(repo, r.descriptor(), Fixtures.SIG, "signature " + i);
      }
    }
    return image.descriptor();
  }
}
