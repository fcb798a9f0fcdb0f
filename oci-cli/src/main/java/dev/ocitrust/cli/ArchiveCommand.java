package dev.ocitrust.cli;

import dev.ocitrust.claims.ArchiveMismatchException;
import dev.ocitrust.claims.ArchiveResult;
import dev.ocitrust.claims.Archiver;
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.ClaimVerifier;
import dev.ocitrust.claims.DeploymentGate;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.policy.NotationPaths;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust archive}: copy an artifact's referrer closure to an archive and close its record.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "Archive an artifact: copy it with every referrer, at every depth, to ARCHIVE (a registry"
          + " repository or, with --to-oci-layout, an OCI image layout), close its deployment"
          + " record in the environment there with a signed deployment claim, and check that the"
          + " archived copy gets the deployment gate's decision the source got.",
      "Exit 0 when both decisions are the same, 1 when they differ."
    })
final class ArchiveCommand implements Callable<Integer> {
  @Mixin RegistryOptions registry;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description = "host/repo:tag or host/repo@digest, or DIR:tag with --from-oci-layout")
  String source;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "1",
      paramLabel = "ARCHIVE",
      description = "host/repo, or DIR with --to-oci-layout")
  String archive;

  @Mixin EnvironmentOption environment;

  @Option(names = "--from-oci-layout", description = "SOURCE is an OCI image layout")
  boolean fromLayout;

  @Option(names = "--to-oci-layout", description = "ARCHIVE is an OCI image layout")
  boolean toLayout;

  @Option(names = "--from-plain-http", description = "INSECURE: plain HTTP to the source registry")
  boolean fromPlainHttp;

  @Option(names = "--to-plain-http", description = "INSECURE: plain HTTP to the archive registry")
  boolean toPlainHttp;

  @Option(
      names = "--from-scope",
      paramLabel = "SCOPE",
      description = "with --from-oci-layout: the source's scope (default: local/<folder name>)")
  @Nullable String fromScope;

  @Option(
      names = "--to-scope",
      paramLabel = "SCOPE",
      description = "with --to-oci-layout: the archive's scope (default: local/<folder name>)")
  @Nullable String toScope;

  @Mixin IssuerOptions issuer;
  @Mixin ConfigOption config;
  @Mixin ClaimPolicyOption claimPolicy;

  @Override
  public Integer call() throws Exception {
    String env = environment.name();
    NotationPaths paths = config.paths();
    ClaimPolicy policy = claimPolicy.require(paths, "verify the archive for " + env);
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = registry.clients();
        GraphCopier copier = GraphCopier.create()) {
      TargetSpec from =
          TargetSpec.open(source, fromLayout, fromPlainHttp, clients, TargetSpec.Access.READ);
      TargetSpec to =
          TargetSpec.open(archive, toLayout, toPlainHttp, clients, TargetSpec.Access.CREATE);
      String reference = from.requireReference();
      ClaimVerifier claims = claimPolicy.verifier(policy, paths);
      Archiver archiver =
          Archiver.builder(
                  copier,
                  DeploymentGate.of(config.notaryVerifier(), claims),
                  claims,
                  issuer.issuer(paths.configDirectory()))
              .build();
      try {
        ArchiveResult r =
            archiver.archive(
                from.target(),
                ScopeOption.scopeOf(from, fromScope),
                reference,
                to.target(),
                ScopeOption.scopeOf(to, toScope),
                env);
        System.out.print(r.text());
        return 0;
      } catch (ArchiveMismatchException e) {
        System.out.print(e.result().archivedDecision().text());
        System.err.println("Error: " + e.getMessage());
        return 1;
      }
    }
  }
}
