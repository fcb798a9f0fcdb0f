package dev.ocitrust.cli;

import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.ClaimVerifier;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.PolicyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --claim-policy}: the claim policy document, else {@code claimpolicy.json} in notation's
 * configuration folder; and the claim verifier built on it, whose fetches run on a pool this object
 * owns until {@link #close()}.
 */
final class ClaimPolicyOption implements AutoCloseable {
  @Option(
      names = "--claim-policy",
      paramLabel = "FILE",
      description = "the claim policy (default: claimpolicy.json in --config)")
  @Nullable Path file;

  private @Nullable ExecutorService pool;

  /** Where the policy is read from, for messages. */
  String source(NotationPaths paths) {
    return (file != null ? file : paths.configDirectory().resolve(ClaimPolicy.FILE_NAME))
        .toString();
  }

  /**
   * The policy, or empty when neither {@code --claim-policy} is given nor the configuration folder
   * holds one.
   *
   * @throws PolicyException if the document cannot be read or is invalid (statement, property)
   */
  Optional<ClaimPolicy> load(NotationPaths paths) throws PolicyException {
    if (file != null) {
      if (!Files.exists(file)) {
        throw new IllegalArgumentException("--claim-policy " + file + " does not exist");
      }
      return Optional.of(ClaimPolicy.read(file));
    }
    Path standard = paths.configDirectory().resolve(ClaimPolicy.FILE_NAME);
    if (!Files.exists(standard, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(ClaimPolicy.load(paths));
  }

  /**
   * The policy, which must exist to {@code purpose}.
   *
   * @throws PolicyException if there is none, or it cannot be read or is invalid
   */
  ClaimPolicy require(NotationPaths paths, String purpose) throws PolicyException {
    return load(paths)
        .orElseThrow(
            () ->
                new PolicyException(
                    "no claim policy to "
                        + purpose
                        + ": "
                        + source(paths)
                        + " does not exist; write one or pass --claim-policy FILE"));
  }

  /** A verifier under {@code policy}, anchored in the trust stores of {@code paths}. */
  ClaimVerifier verifier(ClaimPolicy policy, NotationPaths paths) {
    return ClaimVerifier.builder(
            policy, DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
        .executor(pool(), ClaimVerifier.DEFAULT_CONCURRENCY)
        .build();
  }

  /** A verifier without policy: it lists claims, each checked against its own chain only. */
  ClaimVerifier unverifiedLister() {
    return ClaimVerifier.withoutPolicy()
        .executor(pool(), ClaimVerifier.DEFAULT_CONCURRENCY)
        .build();
  }

  private ExecutorService pool() {
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      pool =
          Executors.newFixedThreadPool(
              ClaimVerifier.DEFAULT_CONCURRENCY,
              r -> {
                Thread t = new Thread(r, "ocitrust-claims-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return pool;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }
}
