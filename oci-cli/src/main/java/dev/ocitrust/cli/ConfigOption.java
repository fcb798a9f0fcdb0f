package dev.ocitrust.cli;

import dev.ocitrust.policy.BlobTrustPolicy;
import dev.ocitrust.policy.BlobVerifier;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.PolicyException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --config}: notation's configuration folder, where the trust policy, the trust stores, the
 * claim policy and {@code signingkeys.json} are.
 */
final class ConfigOption {
  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "notation's configuration folder (default: $XDG_CONFIG_HOME/notation or ~/.config/notation)")
  @Nullable Path config;

  /** A Notary Project verifier under the folder's trust policy and trust stores. */
  NotaryVerifier notaryVerifier() throws PolicyException {
    NotationPaths paths = paths();
    return NotaryVerifier.builder(
            OciTrustPolicy.load(paths),
            DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
        .plugins(paths)
        .build();
  }

  /** A blob verifier under the folder's blob trust policy and trust stores. */
  BlobVerifier blobVerifier() throws PolicyException {
    NotationPaths paths = paths();
    return BlobVerifier.builder(
            BlobTrustPolicy.load(paths),
            DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
        .build();
  }

  /** The folder's files. */
  NotationPaths paths() throws PolicyException {
    return config != null ? NotationPaths.of(config) : NotationPaths.userDefault();
  }
}
