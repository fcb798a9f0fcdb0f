package dev.ocitrust.client;

import static dev.ocitrust.client.TestGraphs.pushImage;
import static dev.ocitrust.client.TestGraphs.pushReferrer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.testkit.FaultTally;
import dev.ocitrust.testkit.FaultTally.Outcome;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mirrors and failover against real docker-registries: the primary down with a mirror up, a stale
 * mirror under each {@link ReferrerSource}, a mirror serving other bytes, a digest-only mirror, and
 * credentials that stay with their host. Each fault is counted into the fault table ({@link
 * FaultTally}) from what the test saw: served content compared with what was published, referrer
 * listings with what was attached, errors by their type and what they name.
 */
class MirrorFailoverIT {
  private static final String REVOKED = "application/vnd.example.revocation+json";
  private static final String SCAN = "application/vnd.example.scan+json";

  private RegistryServer primary;
  private RegistryServer mirror;

  @BeforeEach
  void start() throws IOException {
    primary = RegistryServer.builder().start();
    mirror = RegistryServer.builder().start();
  }

  @AfterEach
  void stop() {
    primary.close();
    mirror.close();
  }

  private RegistryClient client(PullFromMirror pull, ReferrerSource source) {
    RegistryHosts hosts =
        RegistryHosts.builder()
            .host(
                RegistryHost.builder(primary.host() + "/app")
                    .mirror(new RegistryMirror(mirror.host() + "/cache/app", true, pull))
                    .build())
            .build();
    return RegistryClient.builder()
        .insecurePlainHttpForLoopback(true)
        .retryPolicy(RetryPolicy.none())
        .registryHosts(hosts)
        .referrerSource(source)
        .build();
  }

  /** The same image in the primary's {@code app} and the mirror's {@code cache/app}, tagged v1. */
  private ImageManifest publish(RegistryClient direct) throws IOException {
    ImageManifest image = null;
    for (Repository r :
        List.of(
            direct.repository(primary.host() + "/app"),
            direct.repository(mirror.host() + "/cache/app"))) {
      image = pushImage(r, "app");
      r.tag(image.descriptor(), "v1");
    }
    return image;
  }

  private static RegistryClient direct() {
    return RegistryClient.builder().insecurePlainHttpForLoopback(true).build();
  }

  @Test
  void primaryDownIsServedFromTheMirror() throws IOException {
    try (RegistryClient direct = direct();
        RegistryClient client = client(PullFromMirror.ALL, ReferrerSource.PRIMARY_REQUIRED)) {
      ImageManifest image = publish(direct);
      primary.close();
      assertThatThrownBy(() -> direct.repository(primary.host() + "/app").resolve("v1"))
          .isInstanceOf(RegistryConnectionException.class);

      MirroredRepository app = (MirroredRepository) client.target(primary.host() + "/app:v1");
      Descriptor v1 = app.resolve("v1");
      ImageManifest fetched = (ImageManifest) app.fetchManifest(v1);
      byte[] layer = app.fetchBytes(fetched.layers().get(0), 1024);
      byte[] published = "layer one of app".getBytes(StandardCharsets.UTF_8);
      long lost =
          FaultTally.bytesLost(image.bytes(), fetched.bytes())
              + FaultTally.bytesLost(published, layer);
      FaultTally.record(
          getClass(),
          "primary down, mirror up (resolve, manifest and blob served from the mirror)",
          v1.digest().equals(image.descriptor().digest()) && lost == 0
              ? Outcome.SURVIVED
              : Outcome.UNTYPED_ERROR,
          lost);
      assertThat(v1.digest()).isEqualTo(image.descriptor().digest());
      assertThat(app.pinnedEndpoint()).isEqualTo(mirror.host() + "/cache/app");
      assertThat(fetched.bytes()).isEqualTo(image.bytes());
      assertThat(new String(layer, StandardCharsets.UTF_8)).isEqualTo("layer one of app");
      // writes go to the primary only: it is down, so the push fails instead of landing on the
      // mirror
      assertThatThrownBy(() -> app.tag(v1, "v2")).isInstanceOf(RegistryConnectionException.class);
      assertThat(direct.repository(mirror.host() + "/cache/app").tags()).containsExactly("v1");
    }
  }

  @Test
  void aDigestOnlyMirrorNeverResolvesATag() throws IOException {
    try (RegistryClient direct = direct();
        RegistryClient client =
            client(PullFromMirror.DIGEST_ONLY, ReferrerSource.PRIMARY_REQUIRED)) {
      ImageManifest image = publish(direct);
      primary.close();
      Target app = client.target(primary.host() + "/app:v1");
      Throwable thrown = FaultTally.thrownBy(() -> app.resolve("v1"));
      Descriptor byDigest = app.resolve(image.descriptor().digest().toString());
      byte[] fetched = app.fetchManifest(byDigest).bytes();
      FaultTally.record(
          getClass(),
          "primary down, digest-only mirror asked for a tag (not resolved there)",
          FaultTally.typedError(thrown, RegistryConnectionException.class, primary.host()),
          FaultTally.bytesLost(image.bytes(), fetched));
      assertThat(thrown)
          .isInstanceOf(RegistryConnectionException.class)
          .hasMessageContaining(primary.host());
      assertThat(byDigest.digest()).isEqualTo(image.descriptor().digest());
      assertThat(fetched).isEqualTo(image.bytes());
    }
  }

  @Test
  void aMirrorServingOtherBytesIsPassedOver() throws IOException {
    try (RegistryClient direct = direct();
        RegistryClient client = client(PullFromMirror.ALL, ReferrerSource.PRIMARY_REQUIRED)) {
      ImageManifest image = publish(direct);
      String hex = image.descriptor().digest().encoded();
      Path data =
          mirror
              .storageDir()
              .resolve(
                  "docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
      // the mirror answers the digest with another valid manifest
      ImageManifest other = pushImage(direct.repository(mirror.host() + "/cache/app"), "other");
      Files.write(data, other.bytes());
      assertThatThrownBy(
              () ->
                  direct.repository(mirror.host() + "/cache/app").fetchManifest(image.descriptor()))
          .isInstanceOf(ContentVerificationException.class);

      Target app = client.target(primary.host() + "/app:v1");
      byte[] served = app.fetchManifest(image.descriptor()).bytes();
      long lost = FaultTally.bytesLost(image.bytes(), served);
      FaultTally.record(
          getClass(),
          "mirror answers a digest with another manifest (passed over, primary serves)",
          lost == 0 ? Outcome.SURVIVED : Outcome.UNTYPED_ERROR,
          lost);
      assertThat(served).isEqualTo(image.bytes());
      primary.close();
      Throwable thrown = FaultTally.thrownBy(() -> app.fetchManifest(image.descriptor()));
      FaultTally.record(
          getClass(),
          "mirror answers a digest with another manifest, primary down (fails, nothing served)",
          thrown != null
                  && List.of(thrown.getSuppressed()).stream()
                      .anyMatch(ContentVerificationException.class::isInstance)
              ? FaultTally.typedError(thrown, RegistryConnectionException.class, primary.host())
              : Outcome.UNTYPED_ERROR,
          0);
      assertThat(thrown)
          .isInstanceOf(RegistryConnectionException.class)
          .satisfies(
              e ->
                  assertThat(e.getSuppressed())
                      .hasAtLeastOneElementOfType(ContentVerificationException.class));
    }
  }

  @Test
  void aStaleMirrorCannotHideARevocationUnlessAskedTo() throws IOException {
    try (RegistryClient direct = direct()) {
      ImageManifest image = publish(direct);
      Descriptor subject = image.descriptor();
      Repository primaryApp = direct.repository(primary.host() + "/app");
      Repository mirrorApp = direct.repository(mirror.host() + "/cache/app");
      ImageManifest scan = pushReferrer(primaryApp, subject, SCAN, "{\"scan\":\"clean\"}");
      pushReferrer(mirrorApp, subject, SCAN, "{\"scan\":\"clean\"}");
      ImageManifest revoked = pushReferrer(primaryApp, subject, REVOKED, "{\"revoked\":true}");
      ImageManifest mirrorOnly = pushReferrer(mirrorApp, subject, SCAN, "{\"scan\":\"eu\"}");

      try (RegistryClient required = client(PullFromMirror.ALL, ReferrerSource.PRIMARY_REQUIRED);
          RegistryClient union = client(PullFromMirror.ALL, ReferrerSource.UNION);
          RegistryClient any = client(PullFromMirror.ALL, ReferrerSource.ANY_AVAILABLE)) {
        MirroredRepository r = (MirroredRepository) required.target(primary.host() + "/app:v1");
        List<Digest> atPrimary = List.of(scan.descriptor().digest(), revoked.descriptor().digest());
        List<Digest> everywhere =
            List.of(
                scan.descriptor().digest(),
                revoked.descriptor().digest(),
                mirrorOnly.descriptor().digest());
        List<Digest> requiredListed = digests(r.referrers(subject, null));
        MirroredRepository u = (MirroredRepository) union.target(primary.host() + "/app:v1");
        List<Digest> unionListed = digests(u.referrers(subject, null));
        long missing =
            FaultTally.missing(atPrimary, requiredListed)
                + FaultTally.missing(everywhere, unionListed);
        FaultTally.record(
            getClass(),
            "stale mirror without the revocation, primary up (primary-required and union list it;"
                + " lost: referrers missing)",
            missing == 0 ? Outcome.SURVIVED : Outcome.UNTYPED_ERROR,
            missing);
        assertThat(requiredListed).containsExactlyInAnyOrderElementsOf(atPrimary);
        assertThat(r.referrerListings().get(0).includesPrimary()).isTrue();
        assertThat(r.referrerListings().get(0).toString())
            .contains(primary.host() + "/app (primary)");

        assertThat(unionListed).containsExactlyInAnyOrderElementsOf(everywhere);
        assertThat(u.referrerListings().get(0).from())
            .containsExactly(primary.host() + "/app", mirror.host() + "/cache/app");
        // the mirror-only referrer is read from the mirror, verified by digest
        assertThat(u.fetchManifest(mirrorOnly.descriptor()).bytes()).isEqualTo(mirrorOnly.bytes());

        MirroredRepository a = (MirroredRepository) any.target(primary.host() + "/app:v1");
        assertThat(digests(a.referrers(subject, null)))
            .doesNotContain(revoked.descriptor().digest());
        assertThat(a.referrerListings().get(0).includesPrimary()).isFalse();
        assertThat(a.referrerListings().get(0).toString())
            .contains("WARNING: not from the primary");

        primary.close();
        Throwable requiredThrew = FaultTally.thrownBy(() -> r.referrers(subject, null));
        Throwable unionThrew = FaultTally.thrownBy(() -> u.referrers(subject, null));
        Outcome unionOutcome =
            FaultTally.typedError(
                unionThrew, PrimaryUnavailableException.class, primary.host() + "/app", "union");
        FaultTally.record(
            getClass(),
            "stale mirror, primary down, primary-required and union (fail closed)",
            unionOutcome == Outcome.TYPED_ERROR
                ? FaultTally.typedError(
                    requiredThrew,
                    PrimaryUnavailableException.class,
                    primary.host() + "/app",
                    "primary-required")
                : Outcome.UNTYPED_ERROR,
            0);
        assertThat(requiredThrew)
            .isInstanceOf(PrimaryUnavailableException.class)
            .hasMessageContaining(primary.host() + "/app")
            .hasMessageContaining("primary-required")
            .hasCauseInstanceOf(RegistryConnectionException.class);
        assertThat(unionThrew)
            .isInstanceOf(PrimaryUnavailableException.class)
            .hasMessageContaining(primary.host() + "/app")
            .hasMessageContaining("union");
        assertThat(a.referrers(subject, null)).hasSize(2);
      }
    }
  }

  @Test
  void credentialsGoOnlyToTheHostTheyWereConfiguredFor() throws Exception {
    try (RegistryServer locked = RegistryServer.builder().htpasswd().start();
        MockWebServer spy = new MockWebServer()) {
      spy.start();
      for (int i = 0; i < 20; i++) {
        spy.enqueue(
            new MockResponse.Builder()
                .code(401)
                .addHeader("WWW-Authenticate", "Basic realm=\"mirror\"")
                .build());
      }
      Credential credential = Credential.basic(locked.username(), locked.password());
      CredentialsProvider onlyPrimary = CredentialsProvider.of(locked.host(), credential);
      String spyHost = spy.url("/").host() + ":" + spy.getPort();
      RegistryHosts hosts =
          RegistryHosts.builder()
              .host(
                  RegistryHost.builder(locked.host() + "/app")
                      .mirror(new RegistryMirror(spyHost + "/app", true, PullFromMirror.ALL))
                      .build())
              .build();
      try (RegistryClient client =
          RegistryClient.builder()
              .insecurePlainHttpForLoopback(true)
              .retryPolicy(RetryPolicy.none())
              .credentials(onlyPrimary)
              .registryHosts(hosts)
              .build()) {
        ImageManifest image = pushImage(client.repository(locked.host() + "/app"), "locked");
        client.repository(locked.host() + "/app").tag(image.descriptor(), "v1");

        Target app = client.target(locked.host() + "/app:v1");
        assertThat(app.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
        assertThat(app.fetchManifest(image.descriptor()).bytes()).isEqualTo(image.bytes());
      }
      assertThat(spy.getRequestCount()).isGreaterThanOrEqualTo(2);
      for (int i = spy.getRequestCount(); i > 0; i--) {
        RecordedRequest seen = spy.takeRequest();
        assertThat(seen.getHeaders().get("Authorization")).as(seen.getUrl().encodedPath()).isNull();
      }
    }
  }

  private static List<Digest> digests(List<Descriptor> descriptors) {
    return descriptors.stream().map(Descriptor::digest).toList();
  }
}
