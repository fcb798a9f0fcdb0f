package dev.ocitrust.cli;

import dev.ocitrust.policy.BlobVerificationFailedException;
import dev.ocitrust.policy.BlobVerificationResult;
import dev.ocitrust.policy.BlobVerifyOptions;
import dev.ocitrust.policy.CheckOutcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust blob verify --signature F FILE}: verify a file against its detached signature
 * under notation's blob trust policy and trust stores.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a file against its detached Notary Project signature (<file>.cose.sig) under the"
          + " blob trust policy (trustpolicy.blob.json) and trust stores of notation's"
          + " configuration, as notation blob verify does.",
      "The statement is the one named by --policy-name, else the global one (globalPolicy: true)."
          + " Exit 0 when verified (or the statement's level is skip), 1 when rejected."
    })
final class BlobVerifyCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(index = "0", paramLabel = "FILE", description = "the file to verify")
  Path file;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Option(
      names = "--signature",
      required = true,
      paramLabel = "SIGNATURE",
      description = "the signature file, <file>.cose.sig (its name gives the envelope format)")
  Path signature;

  @Option(
      names = "--policy-name",
      paramLabel = "NAME",
      description = "the blob trust policy statement to use (default: the global statement)")
  @Nullable String policyName;

  @Option(
      names = "--media-type",
      paramLabel = "TYPE",
      description = "the media type the signature must sign (default: any)")
  @Nullable String mediaType;

  @Mixin UserMetadataOption userMetadata;
  @Mixin ConfigOption config;

  @Option(
      names = {"-v", "--verbose"},
      description = "print every check")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    BlobVerifyOptions options =
        BlobVerifyOptions.builder()
            .policyName(policyName)
            .mediaType(mediaType)
            .userMetadata(userMetadata.map())
            .build();
    BlobVerificationResult result;
    try {
      result = config.blobVerifier().verify(file, signature, options);
    } catch (BlobVerificationFailedException e) {
      System.err.println("Error: " + e.result().summary());
      print(e.result(), System.err);
      return 1;
    }
    if (result.isVerified()) {
      System.out.println("Successfully verified signature " + signature + " of " + file);
      System.out.println(result.summary());
    } else {
      System.err.println("Warning: " + result.summary());
    }
    print(result, System.out);
    return 0;
  }

  /** Each logged failure as a warning; with --verbose, every check. */
  private void print(BlobVerificationResult result, PrintStream to) {
    for (CheckOutcome check : result.checks()) {
      if (check.status() == CheckOutcome.Status.FAILED && !check.rejects()) {
        System.err.println(
            "Warning: "
                + check.check()
                + " was set to "
                + check.action()
                + " and failed: "
                + check.reason());
      } else if (verbose) {
        to.println("  " + check);
      }
    }
  }
}
