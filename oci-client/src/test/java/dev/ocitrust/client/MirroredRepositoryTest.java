package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.errorBody;
import static dev.ocitrust.client.MockRegistry.host;
import static dev.ocitrust.client.MockRegistry.image;
import static dev.ocitrust.client.MockRegistry.manifest;
import static dev.ocitrust.client.MockRegistry.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order a {@link MirroredRepository} asks its endpoints in, against MockWebServer. */
class MirroredRepositoryTest {
  private final ImageManifest image = image("mirrored");
  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<RegistryClient> clients = new ArrayList<>();

  /** Serves {@link #image} as {@code repo:v1} and by digest, or answers 404 to everything. */
  private final class Registry extends Dispatcher {
    final boolean has;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    Registry(boolean has) {
      this.has = has;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      seen.add(request.getMethod() + " " + path);
      if (!has) {
        return errorBody(404, "MANIFEST_UNKNOWN", "not here");
      }
      if (request.getMethod().equals("HEAD")) {
        return status(405).build(); // the client then GETs
      }
      if (path.endsWith("/manifests/v1")
          || path.endsWith("/manifests/" + image.descriptor().digest())) {
        return manifest(image);
      }
      return errorBody(404, "MANIFEST_UNKNOWN", "not here");
    }
  }

  private String start(Registry registry) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(registry);
    server.start();
    servers.add(server);
    return host(server);
  }

  @AfterEach
  void stop() {
    clients.forEach(RegistryClient::close);
    servers.forEach(MockWebServer::close);
  }

  private MirroredRepository target(
      RegistryClient.Builder builder, String primary, List<RegistryMirror> mirrors)
      throws IOException {
    RegistryHost.Builder host = RegistryHost.builder(primary + "/repo");
    mirrors.forEach(host::mirror);
    RegistryClient client =
        builder.registryHosts(RegistryHosts.builder().host(host.build()).build()).build();
    clients.add(client);
    return (MirroredRepository) client.target(primary + "/repo:v1");
  }

  @Test
  void mirrorsAreAskedInOrderAndThePrimaryLast() throws IOException {
    Registry empty = new Registry(false);
    Registry full = new Registry(true);
    Registry primary = new Registry(true);
    String p = start(primary);
    MirroredRepository repo =
        target(
            client(),
            p,
            List.of(
                RegistryMirror.of(start(empty) + "/repo"),
                RegistryMirror.of(start(full) + "/repo")));
    assertThat(repo.resolve("v1").digest()).isEqualTo(image.descriptor().digest());
    assertThat(repo.pinnedEndpoint()).endsWith(servers.get(2).getPort() + "/repo");
    assertThat(repo.fetchManifest(image.descriptor()).bytes()).isEqualTo(image.bytes());
    assertThat(empty.seen).isNotEmpty();
    assertThat(primary.seen).isEmpty();
  }

  @Test
  void aTagOnlyMirrorServesByDigestOnlyWhatItResolved() throws IOException {
    Registry mirror = new Registry(true);
    Registry primary = new Registry(true);
    String p = start(primary);
    String m = start(mirror) + "/repo";
    MirroredRepository fresh =
        target(client(), p, List.of(new RegistryMirror(m, false, PullFromMirror.TAG_ONLY)));
    fresh.fetchManifest(image.descriptor());
    assertThat(mirror.seen).isEmpty();
    assertThat(primary.seen).hasSize(1);

    MirroredRepository resolved =
        target(client(), p, List.of(new RegistryMirror(m, false, PullFromMirror.TAG_ONLY)));
    resolved.resolve("v1");
    resolved.fetchManifest(image.descriptor());
    assertThat(mirror.seen).hasSize(3); // HEAD and GET of the tag, GET by digest
    assertThat(primary.seen).hasSize(1);
  }

  @Test
  void whenEveryEndpointFailsThePrimarysErrorIsThrownWithTheOthersSuppressed() throws IOException {
    String p = start(new Registry(false));
    MirroredRepository repo =
        target(client(), p, List.of(RegistryMirror.of(start(new Registry(false)) + "/repo")));
    assertThatThrownBy(() -> repo.resolve("v1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining(p)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }

  @Test
  void writesAndExistenceGoToThePrimaryOnly() throws IOException {
    Registry mirror = new Registry(true);
    Registry primary = new Registry(false);
    String p = start(primary);
    MirroredRepository repo =
        target(client(), p, List.of(RegistryMirror.of(start(mirror) + "/repo")));
    assertThat(repo.exists(image.descriptor())).isFalse();
    assertThatThrownBy(() -> repo.tag(image.descriptor(), "v2"))
        .isInstanceOf(NotFoundException.class);
    assertThat(mirror.seen).isEmpty();
    assertThat(primary.seen).isNotEmpty();
    assertThat(repo.primary().registry()).isEqualTo(p);
  }
}
