package dev.ocitrust.client.internal.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Credential;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.TransferListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** What one client remembers stays bounded however many registries, repositories or subjects. */
class ClientCachesBoundedTest {
  private static final HostPolicy HOSTS = new HostPolicy(Set.of(), true);

  @Test
  void repositoryStatesAreBounded() {
    RemoteContext.Shared shared =
        new RemoteContext.Shared(new OkHttpClient(), HOSTS, TransferListener.NONE, 0, 10, 1);
    for (int i = 0; i < 3 * RemoteContext.MAX_REPOSITORIES; i++) {
      new RemoteContext(shared, "registry.test", "repo" + i).state().referrersApi = Boolean.FALSE;
    }
    assertThat(shared.states.size()).isEqualTo(RemoteContext.MAX_REPOSITORIES);
    // the most recent are still known
    RemoteContext last =
        new RemoteContext(
            shared, "registry.test", "repo" + (3 * RemoteContext.MAX_REPOSITORIES - 1));
    assertThat(last.state().referrersApi).isFalse();
  }

  @Test
  void indexUpdatesKeepNoLockOrChangeOnceDone() throws Exception {
    GroupCommit commits = new GroupCommit();
    AtomicInteger written = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        String key = "repo@" + (i % 3 == 0 ? "busy" : "subject" + i);
        Descriptor entry = blob("referrer " + i);
        futures.add(
            pool.submit(
                () -> {
                  commits.update(
                      key,
                      List.of(entry),
                      Set.of(),
                      (add, remove) -> written.addAndGet(add.size()));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(written).hasValue(2000); // every entry written once, grouped or not
    assertThat(commits.keysInUse()).isZero();
  }

  @Test
  void aFailedIndexUpdateKeepsNothingEither() {
    GroupCommit commits = new GroupCommit();
    assertThatThrownBy(
            () ->
                commits.update(
                    "repo@subject",
                    List.of(blob("r")),
                    Set.of(),
                    (add, remove) -> {
                      throw new IOException("refused");
                    }))
        .hasMessage("refused");
    assertThat(commits.keysInUse()).isZero();
  }

  @Test
  void tokensAreBounded() throws IOException {
    TokenCache cache = new TokenCache(Clock.systemUTC());
    Token token = new Token("t", Instant.now().plusSeconds(600));
    for (int i = 0; i < 3 * TokenCache.MAX_ENTRIES; i++) {
      assertThat(cache.get("scope" + i, () -> token)).isSameAs(token);
    }
    assertThat(cache.size()).isEqualTo(TokenCache.MAX_ENTRIES);
  }

  @Test
  void credentialsAndChallengesAreBoundedPerRegistry() throws IOException {
    AtomicInteger lookups = new AtomicInteger();
    Authenticator auth =
        new Authenticator(
            registry -> {
              lookups.incrementAndGet();
              return Optional.of(Credential.basic("user", "secret"));
            },
            new OkHttpClient(),
            HOSTS,
            Clock.systemUTC(),
            false);
    int registries = 3 * Authenticator.MAX_REGISTRIES;
    for (int i = 0; i < registries; i++) {
      AuthScope scope = new AuthScope("r" + i + ".test", "https://r" + i + ".test", List.of());
      Request request = new Request.Builder().url("https://r" + i + ".test/v2/").build();
      Response challenge =
          new Response.Builder()
              .request(request)
              .protocol(Protocol.HTTP_1_1)
              .code(401)
              .message("Unauthorized")
              .build();
      assertThat(auth.answer(scope, List.of("Basic realm=\"r\""), null, challenge))
          .startsWith("Basic ");
      assertThat(auth.preemptive(scope)).startsWith("Basic "); // remembered: sent up front
    }
    assertThat(lookups).hasValue(registries); // one credential lookup per registry
    assertThat(auth.cached())
        .containsExactly(Authenticator.MAX_REGISTRIES, Authenticator.MAX_REGISTRIES, 0);
  }

  private static Descriptor blob(String content) {
    return Descriptor.of("application/octet-stream", content.getBytes(StandardCharsets.UTF_8));
  }
}
