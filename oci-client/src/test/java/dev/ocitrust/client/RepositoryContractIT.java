package dev.ocitrust.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared {@link Target} contract against a real docker-registry 2.8 (no referrers API, so the
 * referrer tests exercise the fallback tag schema), one fresh repository per test.
 */
class RepositoryContractIT extends TargetContractTest {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static RegistryClient client;
  private static RegistryServer server;

  @BeforeAll
  static void start(RegistryServer s) {
    server = s;
    client = RegistryClient.builder().insecurePlainHttp(s.host()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Override
  Target newStore() {
    return client.repository(server.host() + "/contract/repo" + COUNTER.incrementAndGet());
  }

  @Override
  void afterConcurrentWrites(Target store, int tags) throws IOException {
    // every referrer landed in the one fallback index: nothing lost to concurrent updates
    Repository repo = (Repository) store;
    assertThat(repo.allTags()).hasSize(tags + 1);
  }
}
