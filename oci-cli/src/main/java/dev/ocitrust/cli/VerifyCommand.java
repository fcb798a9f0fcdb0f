package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ArtifactLocation;
import dev.ocitrust.claims.ClaimDecision;
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.DeploymentDeniedException;
import dev.ocitrust.claims.DeploymentGate;
import dev.ocitrust.claims.GateResult;
import dev.ocitrust.claims.RedirectChain;
import dev.ocitrust.claims.SuccessorLocator;
import dev.ocitrust.policy.CheckOutcome;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.SignatureReport;
import dev.ocitrust.policy.VerificationFailedException;
import dev.ocitrust.policy.VerificationResult;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust verify}: decide from a notation configuration (trust policy and trust store)
 * whether an artifact's Notary Project signatures come from a trusted identity; with {@code
 * --environment}, the deployment gate: the signature AND the claims under the claim policy.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an artifact's Notary Project signatures against a trust policy and trust store.",
      "Reads notation's configuration: trustpolicy.oci.json (or trustpolicy.json) and truststore/.",
      "With --environment, the deployment gate: the signature under the trust policy AND the"
          + " claims under the claim policy (claimpolicy.json); exit 0 only when both allow."
    })
final class VerifyCommand implements Callable<Integer> {
  @Mixin TargetOptions where;
  @Mixin ConfigOption config;
  @Mixin ScopeOption scope;
  @Mixin ClaimPolicyOption claimPolicy;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description = "decide deployment to this environment: signature AND claims (e.g. prod)")
  @Nullable String environment;

  @Mixin OutputOption output;

  @Option(
      names = "--follow-redirect",
      description =
          "with --environment: when the claims name a successor (a lifecycle redirect), verify it"
              + " in full by the same policies, and so on (at most 8); exit 0 when the last one"
              + " passes, and print the chain")
  boolean followRedirect;

  @Option(
      names = {"-v", "--verbose"},
      description = "print every signature's checks")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    output.json(); // an unknown format is a usage error before any work
    if (environment == null && claimPolicy.file != null) {
      throw new IllegalArgumentException(
          "--claim-policy needs --environment ENV: claims are judged for an environment");
    }
    if (environment != null && !Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "--environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    if (followRedirect && environment == null) {
      throw new IllegalArgumentException(
          "--follow-redirect needs --environment ENV: redirects come from the claim decision");
    }
    NotationPaths paths = config.paths();
    NotaryVerifier verifier = config.notaryVerifier();
    ClaimPolicy policy = null;
    if (environment != null) {
      policy =
          claimPolicy
              .load(paths)
              .orElseThrow(
                  () ->
                      new PolicyException(
                          "no claim policy to judge claims for "
                              + environment
                              + ": "
                              + claimPolicy.source(paths)
                              + " does not exist; write one or pass --claim-policy FILE"));
    }
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.read(clients);
      try {
        return decide(spec, clients, verifier, policy, paths);
      } finally {
        ReferrerSources.print(spec.target(), output.json() ? System.err : System.out);
      }
    }
  }

  private int decide(
      TargetSpec spec,
      TargetSpec.Clients clients,
      NotaryVerifier verifier,
      @Nullable ClaimPolicy policy,
      NotationPaths paths)
      throws Exception {
    String s = scope.of(spec);
    if (policy != null && environment != null) {
      DeploymentGate gate = DeploymentGate.of(verifier, claimPolicy.verifier(policy, paths));
      if (followRedirect) {
        return follow(
            gate, new ArtifactLocation(spec.target(), s, spec.requireReference()), spec, clients);
      }
      try {
        print(gate.verify(spec.target(), s, spec.requireReference(), environment), s);
        return 0;
      } catch (DeploymentDeniedException e) {
        print(e.result(), s);
        return 1;
      }
    }
    VerificationResult result;
    try {
      result = verifier.verify(spec.target(), s, spec.requireReference());
    } catch (VerificationFailedException e) {
      print(e.result());
      return 1;
    }
    print(result);
    return 0;
  }

  private int follow(
      DeploymentGate gate, ArtifactLocation start, TargetSpec spec, TargetSpec.Clients clients)
      throws Exception {
    String env = java.util.Objects.requireNonNull(environment);
    try {
      RedirectChain chain = gate.verifyFollowingRedirects(start, env, successors(spec, clients));
      print(chain.hops(), chain.locations(), true);
      return 0;
    } catch (DeploymentDeniedException e) {
      RedirectChain chain = e.chain().orElseThrow();
      print(chain.hops(), chain.locations(), false);
      return 1;
    }
  }

  private void print(List<GateResult> hops, List<ArtifactLocation> at, boolean allowed)
      throws Exception {
    if (output.json()) {
      System.out.print(new GateJson().chain(hops, at, allowed));
      return;
    }
    for (int i = 0; i < hops.size(); i++) {
      if (i > 0) {
        System.out.println("redirect " + i + ": " + at.get(i - 1) + " -> successor " + at.get(i));
      }
      print(hops.get(i), at.get(i).scope());
    }
    if (hops.size() > 1) {
      GateResult last = hops.get(hops.size() - 1);
      System.out.println(
          (allowed ? "deploy: " : "no deployable successor: ")
              + at.get(at.size() - 1).scope()
              + "@"
              + last.artifact().digest());
    }
  }

  /**
   * Opens successors named by full references: in a registry (plain HTTP only for the target's own
   * registry with --plain-http); a layout's successors must be tags or digests in it.
   */
  private SuccessorLocator successors(TargetSpec spec, TargetSpec.Clients clients) {
    if (spec.registryReference().isEmpty()) {
      return SuccessorLocator.sameStore();
    }
    return (ref, from) ->
        new ArtifactLocation(
            clients.forRegistry(ref.registry(), false).repository(ref),
            ref.registry() + "/" + ref.repository(),
            ref.manifestReference());
  }

  private void print(GateResult r, String scope) throws Exception {
    if (output.json()) {
      System.out.print(new GateJson().gate(r, scope));
    } else {
      System.out.print(r.text());
      if (verbose) {
        // the text holds each rejection's reason already: the other checks, once each
        r.signatures().ifPresent(v -> printChecks(v, System.out));
      }
    }
    if (r.isAllowed()) {
      r.signatures()
          .filter(v -> v.verdict() == VerificationResult.Verdict.SKIPPED)
          .ifPresent(v -> System.err.println("Warning: " + v.summary()));
      for (String w : r.claims().map(ClaimDecision::warnings).orElse(List.of())) {
        System.err.println("Warning: " + w);
      }
    }
  }

  private void print(VerificationResult result) throws Exception {
    if (output.json()) {
      System.out.print(new GateJson().signatures(result));
      return;
    }
    // a rejection is an error: on standard error, each signature's reason once (in the summary)
    PrintStream to = result.isVerified() ? System.out : System.err;
    to.println(result);
    if (verbose) {
      printChecks(result, to);
    }
  }

  /**
   * Each signature's checks, except those that rejected it: their reason is in the summary line.
   */
  private static void printChecks(VerificationResult result, PrintStream to) {
    for (SignatureReport report : result.signatures()) {
      to.println(
          "  signature "
              + report.signatureManifest().digest()
              + report.envelopeFormat().map(f -> " (" + f.formatName() + ")").orElse("")
              + (report.accepted() ? " accepted" : " rejected"));
      for (CheckOutcome check : report.checks()) {
        if (!check.rejects()) {
          to.println("    " + check);
        }
      }
    }
  }
}
