package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.bytes;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.GraphException;
import dev.ocitrust.testkit.TestCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention rules over verified claims, applied to an OCI image layout. */
class RetentionTest {
  private static final String SCOPE = "local/archive";
  private final ClaimFixture f = new ClaimFixture();
  @TempDir Path dir;
  private OciLayout layout;
  private ClaimVerifier verifier;

  @BeforeEach
  void setUp() throws Exception {
    layout = OciLayout.open(dir);
    verifier = f.verifier(policy(ClaimFixture.APPROVED_BY_EITHER, ""));
  }

  private static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  private static RetentionPolicy rules(String rules) throws Exception {
    return RetentionPolicy.parse(
        bytes("{\"version\":\"1.0\",\"environment\":\"prod\",\"rules\":[" + rules + "]}"), "test");
  }

  private RetentionReport apply(Target store, String rules, boolean dryRun) throws Exception {
    return Retention.builder(rules(rules), verifier)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .dryRun(dryRun)
        .build()
        .apply(store, SCOPE);
  }

  private RetentionReport apply(String rules) throws Exception {
    return apply(layout, rules, false);
  }

  private Descriptor image(String tag) throws Exception {
    return ClaimFixture.image(layout, tag, "net-monitor " + tag);
  }

  private void deployed(String tag, int fromDaysAgo, Integer toDaysAgo) throws Exception {
    Deployment d = Deployment.open("prod", daysAgo(fromDaysAgo));
    f.acmeAt(daysAgo(fromDaysAgo)).deployed(layout, tag, d);
    if (toDaysAgo != null) {
      f.acmeAt(daysAgo(toDaysAgo)).deployed(layout, tag, d.closedAt(daysAgo(toDaysAgo)));
    }
  }

  private boolean present(Descriptor d) throws IOException {
    return OciLayout.open(dir).exists(d);
  }

  private static RetentionDecision decision(RetentionReport r, Descriptor d) {
    return r.decisions().stream()
        .filter(x -> x.artifact().digest().equals(d.digest()))
        .findFirst()
        .orElseThrow();
  }

  private static final String WHILE_DEPLOYED = "{\"name\":\"deployed\",\"keepWhileDeployed\":{}}";
  private static final String EOL =
      "{\"name\":\"eol\",\"keepUntilEndOfLife\":{\"period\":\"P90D\"}}";
  private static final String AFTER =
      "{\"name\":\"archived\",\"keepAfterDeployment\":{\"period\":\"P365D\"}}";
  private static final String NEWEST = "{\"name\":\"newest\",\"keepNewest\":{\"count\":2}}";

  @Test
  void keepWhileDeployedKeepsAnOpenRecordAndExpiresAClosedOne() throws Exception {
    Descriptor running = image("running");
    Descriptor retired = image("retired");
    Descriptor never = image("never");
    deployed("running", 30, null);
    deployed("retired", 30, 1);
    RetentionReport r = apply(WHILE_DEPLOYED);
    assertThat(decision(r, running).expired()).isFalse();
    assertThat(decision(r, running).reason()).contains("kept by rule deployed: deployed in prod");
    assertThat(decision(r, retired).expired()).isTrue();
    assertThat(decision(r, never).expired()).isFalse();
    assertThat(decision(r, never).outcomes().get(0).status())
        .isEqualTo(RetentionOutcome.Status.NOT_APPLICABLE);
    assertThat(present(running)).isTrue();
    assertThat(present(never)).isTrue();
    assertThat(present(retired)).isFalse();
    assertThat(layout.tags()).containsExactlyInAnyOrder("running", "never");
    assertConsistent();
  }

  @Test
  void keepUntilEndOfLifePlusAPeriod() throws Exception {
    Descriptor longGone = image("long-gone");
    Descriptor recent = image("recent");
    Descriptor future = image("future");
    Descriptor revoked = image("revoked");
    Descriptor lifted = image("lifted");
    Descriptor none = image("none");
    f.wabbitAt(daysAgo(100))
        .lifecycle(layout, "long-gone", Lifecycle.of(LifecycleState.END_OF_LIFE));
    f.wabbitAt(daysAgo(10)).lifecycle(layout, "recent", Lifecycle.of(LifecycleState.END_OF_LIFE));
    f.wabbitAt(daysAgo(200))
        .lifecycle(
            layout,
            "future",
            Lifecycle.of(LifecycleState.END_OF_LIFE).effectiveAt(NOW.plus(Duration.ofDays(5))));
    f.wabbitAt(daysAgo(100)).lifecycle(layout, "revoked", Lifecycle.of(LifecycleState.REVOKED));
    f.wabbitAt(daysAgo(100)).lifecycle(layout, "lifted", Lifecycle.of(LifecycleState.END_OF_LIFE));
    f.acmeAt(daysAgo(50)).lifecycle(layout, "lifted", Lifecycle.of(LifecycleState.ACTIVE));
    f.acmeAt(daysAgo(300)).approve(layout, "none", Approval.approved("prod"));
    RetentionReport r = apply(EOL);
    assertThat(decision(r, longGone).expired()).isTrue();
    assertThat(decision(r, longGone).reason()).contains("end of life " + daysAgo(100));
    assertThat(decision(r, recent).expired()).isFalse();
    assertThat(decision(r, future).expired()).isFalse();
    assertThat(decision(r, revoked).expired()).isTrue();
    assertThat(decision(r, lifted).expired()).isFalse();
    assertThat(decision(r, none).expired()).isFalse();
    assertThat(decision(r, none).reason()).contains("no trusted issuer declared its end of life");
    assertThat(present(longGone)).isFalse();
    assertThat(present(revoked)).isFalse();
    assertThat(present(recent) && present(future) && present(lifted) && present(none)).isTrue();
    assertConsistent();
  }

  @Test
  void keepAfterTheLastDeploymentEndedForAPeriod() throws Exception {
    Descriptor old = image("old");
    Descriptor recent = image("recent");
    Descriptor running = image("running");
    Descriptor never = image("never");
    deployed("old", 800, 400);
    deployed("recent", 800, 100);
    deployed("running", 800, null);
    f.acmeAt(daysAgo(300)).approve(layout, "never", Approval.approved("prod"));
    RetentionReport r = apply(AFTER);
    assertThat(decision(r, old).expired()).isTrue();
    assertThat(decision(r, old).reason()).contains("last deployment in prod ended " + daysAgo(400));
    assertThat(decision(r, recent).expired()).isFalse();
    assertThat(decision(r, running).expired()).isFalse();
    assertThat(decision(r, never).expired()).isFalse();
    assertThat(present(old)).isFalse();
    assertConsistent();
  }

  @Test
  void keepTheNewestBySignedClaimTimeNotByTag() throws Exception {
    // tag names and push order suggest the opposite of the signed times
    Descriptor a = image("v3");
    Descriptor b = image("v2");
    Descriptor c = image("v1");
    Descriptor undated = image("v0");
    f.acmeAt(daysAgo(30)).approve(layout, "v3", Approval.approved("prod"));
    f.acmeAt(daysAgo(20)).approve(layout, "v2", Approval.approved("prod"));
    f.acmeAt(daysAgo(10)).approve(layout, "v1", Approval.approved("prod"));
    RetentionReport r = apply(NEWEST);
    assertThat(decision(r, a).expired()).isTrue();
    assertThat(decision(r, a).reason()).contains("number 3");
    assertThat(decision(r, b).expired()).isFalse();
    assertThat(decision(r, c).expired()).isFalse();
    assertThat(decision(r, undated).expired()).isFalse();
    assertThat(present(a)).isFalse();
    assertConsistent();
  }

  @Test
  void unsignedDataNeverDecidesADeletion() throws Exception {
    Descriptor marked = image("marked");
    Descriptor forged = image("forged");
    Descriptor untrusted = image("untrusted");
    // an unsigned end-of-life marker long past
    ImageManifest marker =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(ClaimTypes.UNSIGNED_LIFECYCLE)
            .layer(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .subject(marked)
            .annotations(Map.of(ClaimTypes.UNSIGNED_END_OF_LIFE_ANNOTATION, "2020-01-01T00:00:00Z"))
            .build();
    layout.push(Descriptor.EMPTY_JSON_DESCRIPTOR, new byte[] {'{', '}'});
    layout.pushReferrers(marked, List.of(marker));
    // a closed deployment record whose annotations lie about its signed values
    byte[] statement =
        ClaimFixture.statement(
            f.acme,
            ClaimFixture.ACME_ISS,
            forged,
            ClaimTypes.DEPLOYMENT,
            Deployment.open("prod", daysAgo(900)).closedAt(daysAgo(800)).toJson(),
            daysAgo(800));
    ClaimFixture.attachWithAnnotations(
        layout,
        forged,
        statement,
        ClaimTypes.DEPLOYMENT,
        Map.of(ClaimTypes.ISSUER_ANNOTATION, "https://somebody-else.example"));
    // a revocation and a closed deployment signed by a key no trust store anchors
    TestCertificate mallory =
        ClaimFixture.leaf(ClaimFixture.ACME_DN, ClaimFixture.root("CN=Mallory,O=x,C=US"));
    ClaimIssuer m = f.issuer(mallory, ClaimFixture.ACME_ISS, daysAgo(800));
    m.lifecycle(layout, "untrusted", Lifecycle.of(LifecycleState.REVOKED));
    m.deployed(layout, "untrusted", Deployment.open("prod", daysAgo(900)).closedAt(daysAgo(800)));

    RetentionReport r = apply(String.join(",", WHILE_DEPLOYED, AFTER, NEWEST.replace("2", "1")));
    for (Descriptor d : List.of(marked, forged, untrusted)) {
      assertThat(decision(r, d).expired()).as(d.digest().toString()).isFalse();
      assertThat(decision(r, d).reason()).contains("unsigned data never decides a deletion");
      assertThat(present(d)).isTrue();
    }
    assertThat(r.deleted()).isEmpty();
  }

  @Test
  void aDryRunDeletesNothing() throws Exception {
    Descriptor retired = image("retired");
    image("running");
    deployed("retired", 30, 1);
    deployed("running", 30, null);
    Map<String, byte[]> before = snapshot();
    RetentionReport r = apply(layout, WHILE_DEPLOYED, true);
    Map<String, byte[]> after = snapshot();
    assertThat(after).containsOnlyKeys(before.keySet());
    before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
    assertThat(r.dryRun()).isTrue();
    assertThat(decision(r, retired).expired()).isTrue();
    assertThat(r.deleted().get(retired.digest())).isNotEmpty();
    assertThat(r.text()).contains("EXPIRED " + retired.digest()).contains("would delete ");
    assertThat(r.json()).contains("\"wouldDelete\"");
  }

  @Test
  void contentAKeptArtifactStillUsesIsKept() throws Exception {
    Descriptor kept = image("kept");
    byte[] own = bytes("only in retired");
    Descriptor ownLayer = Descriptor.of(MediaTypes.OCI_LAYER_TAR, own);
    layout.push(ownLayer, own);
    ImageManifest keptManifest = (ImageManifest) layout.fetchManifest(kept);
    Descriptor shared = keptManifest.layers().get(0);
    Descriptor retired =
        layout.push(
            ImageManifest.builder(keptManifest.config()).layer(shared).layer(ownLayer).build());
    layout.tag(retired, "retired");
    deployed("retired", 30, 1);
    deployed("kept", 30, null);
    apply(WHILE_DEPLOYED);
    assertThat(present(retired)).isFalse();
    assertThat(present(ownLayer)).isFalse();
    assertThat(present(shared)).isTrue();
    assertThat(present(keptManifest.config())).isTrue();
    assertConsistent();
  }

  @Test
  void aRunThatFailsPartWayCanBeRunAgainAndLeavesAConsistentStore() throws Exception {
    Descriptor retired = image("retired");
    Descriptor running = image("running");
    deployed("retired", 30, 1);
    deployed("running", 30, null);
    f.wabbitAt(daysAgo(3)).issue(layout, "retired", ClaimFixture.SARIF, bytes("{}"));
    Descriptor sbom = sbom(retired);
    List<String> order = new java.util.ArrayList<>();
    Target failing =
        new ForwardingTarget(layout) {
          @Override
          public void delete(Descriptor target) throws IOException {
            order.add(target.digest().toString());
            if (order.size() == 2) {
              throw new IOException("disk unplugged");
            }
            super.delete(target);
          }
        };
    assertThatThrownBy(() -> apply(failing, WHILE_DEPLOYED, false))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("stopped after 0 of 1 expired artifacts")
        .hasMessageContaining("run it again");
    // what is not a verified claim goes first: the SBOM's manifest went, its layer did not
    assertThat(order.get(0)).isEqualTo(sbom.digest().toString());
    assertConsistent();
    layout = OciLayout.open(dir);
    RetentionReport again = apply(WHILE_DEPLOYED);
    assertThat(again.decisions().stream().filter(RetentionDecision::expired)).hasSize(1);
    assertThat(present(retired)).isFalse();
    assertThat(present(running)).isTrue();
    assertThat(OciLayout.open(dir).tags()).containsExactly("running");
    assertConsistent();
  }

  @Test
  void verifiedClaimsGoNewestFirstAndSharedBlobsStayUntilNoExpiredArtifactNeedsThem()
      throws Exception {
    Descriptor retired = image("retired");
    image("also-retired");
    deployed("retired", 30, 1);
    deployed("also-retired", 30, 2);
    f.wabbitAt(daysAgo(3)).issue(layout, "retired", ClaimFixture.SARIF, bytes("{}"));
    List<String> order = new java.util.ArrayList<>();
    Target recording =
        new ForwardingTarget(layout) {
          @Override
          public void delete(Descriptor target) throws IOException {
            assertConsistent(); // before every deletion: nothing left names missing content
            order.add(target.digest().toString());
            super.delete(target);
          }
        };
    RetentionReport r = apply(recording, WHILE_DEPLOYED, false);
    List<Descriptor> gone = r.deleted().get(retired.digest());
    List<String> claimTypes =
        gone.stream()
            .filter(
                d ->
                    d.mediaType().equals(MediaTypes.OCI_MANIFEST)
                        && !d.digest().equals(retired.digest()))
            .map(d -> d.digest().toString())
            .toList();
    // the closing record (1 day ago), the scan (3 days ago), the open record (30 days ago)
    assertThat(claimTypes).hasSize(3);
    assertThat(order.indexOf(claimTypes.get(0))).isLessThan(order.indexOf(claimTypes.get(1)));
    assertThat(order.indexOf(claimTypes.get(1))).isLessThan(order.indexOf(claimTypes.get(2)));
    assertConsistent();
  }

  /** An unsigned SBOM referrer of {@code subject}. */
  private Descriptor sbom(Descriptor subject) throws Exception {
    byte[] sbom = bytes("{\"spdxVersion\":\"SPDX-2.3\"}");
    Descriptor layer = Descriptor.of("application/spdx+json", sbom);
    layout.push(Descriptor.EMPTY_JSON_DESCRIPTOR, new byte[] {'{', '}'});
    layout.push(layer, sbom);
    ImageManifest m =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType("application/spdx+json")
            .layer(layer)
            .subject(subject)
            .build();
    layout.pushReferrers(subject, List.of(m));
    return m.descriptor();
  }

  /** Every manifest index.json names is there with everything it names and every referrer. */
  private void assertConsistent() throws IOException {
    OciLayout l = OciLayout.open(dir);
    java.util.ArrayDeque<Descriptor> queue = new java.util.ArrayDeque<>(l.index());
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (!queue.isEmpty()) {
      Descriptor d = queue.removeFirst();
      if (!seen.add(d.digest().toString())) {
        continue;
      }
      assertThat(l.exists(d)).as("%s is named but missing", d.digest()).isTrue();
      if (!MediaTypes.isManifest(d.mediaType())) {
        continue;
      }
      Manifest m = l.fetchManifest(d);
      if (m instanceof ImageManifest im) {
        queue.add(im.config());
        queue.addAll(im.layers());
      } else if (m instanceof dev.ocitrust.client.ImageIndex ix) {
        queue.addAll(ix.manifests());
      }
      m.subject().ifPresent(queue::add);
      queue.addAll(l.referrers(d, null));
    }
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
