package dev.ocitrust.cli;

import dev.ocitrust.client.OciLayout;
import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.SignatureReport;
import dev.ocitrust.policy.VerificationFailedException;
import dev.ocitrust.policy.VerificationResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust verify}: decide from a notation configuration (trust policy and trust store)
 * whether an artifact's Notary Project signatures come from a trusted identity.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an artifact's Notary Project signatures against a trust policy and trust store.",
      "Reads notation's configuration: trustpolicy.oci.json (or trustpolicy.json) and truststore/."
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(
      names = "--config",
      description =
          "notation's configuration folder (default: $XDG_CONFIG_HOME/notation or ~/.config/notation)")
  @Nullable Path config;

  @Option(
      names = "--scope",
      description =
          "with --oci-layout: the layout name of the local/<name> policy scope (default: the folder name)")
  @Nullable String scope;

  @Option(
      names = {"-v", "--verbose"},
      description = "print every signature's checks")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    NotationPaths paths = config != null ? NotationPaths.of(config) : NotationPaths.userDefault();
    NotaryVerifier verifier =
        NotaryVerifier.builder(
                OciTrustPolicy.load(paths),
                DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
            .build();
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec spec = where.open(clients);
      VerificationResult result;
      try {
        if (spec.target() instanceof OciLayout layout) {
          String name = scope != null ? scope : layout.root().getFileName().toString();
          result = verifier.verifyLocal(layout, name, spec.requireReference());
        } else {
          result = verifier.verify(spec.target(), spec.registryReference().orElseThrow());
        }
      } catch (VerificationFailedException e) {
        print(e.result());
        return 1;
      }
      print(result);
      return 0;
    }
  }

  private void print(VerificationResult result) {
    System.out.println(result);
    if (verbose || !result.isVerified()) {
      for (SignatureReport report : result.signatures()) {
        System.out.println("  " + report);
      }
    }
  }
}
