package dev.ocitrust.cli;

import dev.ocitrust.policy.DirectoryTrustStore;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.OciTrustPolicy;
import dev.ocitrust.policy.SignatureReport;
import dev.ocitrust.policy.VerificationFailedException;
import dev.ocitrust.policy.VerificationResult;
import java.util.concurrent.Callable;
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
  @Mixin ConfigOption config;
  @Mixin ScopeOption scope;

  @Option(
      names = {"-v", "--verbose"},
      description = "print every signature's checks")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    NotationPaths paths = config.paths();
    NotaryVerifier verifier =
        NotaryVerifier.builder(
                OciTrustPolicy.load(paths),
                DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
            .build();
    try (TargetSpec.Clients clients = new TargetSpec.Clients()) {
      TargetSpec spec = where.open(clients);
      VerificationResult result;
      try {
        result = verifier.verify(spec.target(), scope.of(spec), spec.requireReference());
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
