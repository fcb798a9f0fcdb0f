package dev.ocitrust.cli;

import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.DeploymentGate;
import dev.ocitrust.claims.UpdateReport;
import dev.ocitrust.claims.UpdateSync;
import dev.ocitrust.client.Reference;
import dev.ocitrust.client.Target;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.graph.GraphSync;
import dev.ocitrust.graph.SyncOptions;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.PolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust sync}: bring a copy up to date with what was attached in the source since it was
 * copied, and say whether that changed the deployment verdict.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Bring DESTINATION up to date with SOURCE: copy only what it lacks (a new artifact whole,"
          + " else the new referrers at any depth: claims, signatures, lifecycle notices) and"
          + " report per artifact what arrived. One artifact (SOURCE names a tag or digest),"
          + " every tag of a repository (--all-tags) or the tags and digests listed in a file"
          + " (--from-file). A re-sync where nothing changed sends only listing requests.",
      "With --environment, the deployment gate (as verify --environment) judges each artifact"
          + " in DESTINATION before and after, when something arrived.",
      "Exit status: 0 synced and no verdict changed; 3 synced and a verdict changed"
          + " (e.g. a revocation arrived); 1 failed; 2 usage error."
    })
final class SyncCommand implements Callable<Integer> {
  /** The exit status when a verdict changed. */
  static final int VERDICT_CHANGED = 3;

  /** How many artifacts are synced at once. */
  private static final int ARTIFACTS_AT_ONCE = 4;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "host/repo:tag, host/repo@digest, or host/repo with --all-tags or --from-file;"
              + " DIR[:tag] with --from-oci-layout")
  String source;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "1",
      paramLabel = "DESTINATION",
      description = "host/repo[:tag], or DIR[:tag] with --to-oci-layout")
  String destination;

  @Mixin ReferrerTypeOptions types;
  @Mixin RegistryOptions registry;

  @Option(names = "--all-tags", description = "sync every tag of the SOURCE repository or layout")
  boolean allTags;

  @Option(
      names = "--from-file",
      paramLabel = "FILE",
      description = "sync the tags and digests of SOURCE listed in FILE, one a line ('#' comments)")
  @Nullable Path list;

  @Option(names = "--from-oci-layout", description = "SOURCE is an OCI image layout")
  boolean fromLayout;

  @Option(names = "--to-oci-layout", description = "DESTINATION is an OCI image layout")
  boolean toLayout;

  @Option(names = "--from-plain-http", description = "INSECURE: plain HTTP to the source registry")
  boolean fromPlainHttp;

  @Option(
      names = "--to-plain-http",
      description = "INSECURE: plain HTTP to the destination registry")
  boolean toPlainHttp;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description =
          "judge each artifact in DESTINATION for ENV before and after (signature AND"
              + " claims, with the trust policy and claim policy of --config)")
  @Nullable String environment;

  @Mixin ConfigOption config;
  @Mixin ClaimPolicyOption claimPolicy;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = "with --to-oci-layout: the registry scope of the policies (local/NAME)")
  @Nullable String scope;

  @Mixin OutputOption output;

  @Option(
      names = "--concurrency",
      description = "parallel transfers (default: sized for this machine)")
  @Nullable Integer concurrency;

  @Override
  public Integer call() throws Exception {
    output.json(); // an unknown format is a usage error before any work
    if (allTags && list != null) {
      throw new IllegalArgumentException("--all-tags and --from-file exclude each other");
    }
    if (environment != null && !Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "--environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    if (environment == null && claimPolicy.file != null) {
      throw new IllegalArgumentException(
          "--claim-policy needs --environment ENV: verdicts are judged for an environment");
    }
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = registry.clients();
        GraphCopier copier = copier()) {
      TargetSpec from =
          TargetSpec.open(source, fromLayout, fromPlainHttp, clients, TargetSpec.Access.READ);
      TargetSpec to =
          TargetSpec.open(destination, toLayout, toPlainHttp, clients, TargetSpec.Access.CREATE);
      Optional<String> tag = explicitTag(to);
      List<String> references = references(from);
      if (tag.isPresent() && references.size() != 1) {
        throw new IllegalArgumentException(
            "DESTINATION " + destination + " names a tag: sync one artifact to it, not several");
      }
      UpdateSync updates =
          environment == null
              ? UpdateSync.withoutVerdicts(GraphSync.of(copier))
              : UpdateSync.of(GraphSync.of(copier), gate());
      String s = ScopeOption.scopeOf(to, scope);
      String env = environment == null ? "" : environment;
      SyncOptions.Builder chosen = SyncOptions.builder().filter(types.filter());
      tag.ifPresent(chosen::tag);
      SyncOptions options = chosen.build();
      List<UpdateReport> reports = new ArrayList<>();
      SyncReportPrinter printer = new SyncReportPrinter(source, destination, environment);
      // artifacts are independent: a few at a time (each mostly waits on listings)
      ExecutorService artifacts =
          Executors.newFixedThreadPool(Math.min(ARTIFACTS_AT_ONCE, references.size()));
      try {
        List<Future<UpdateReport>> pending = new ArrayList<>();
        for (String reference : references) {
          pending.add(
              artifacts.submit(
                  () -> updates.sync(from.target(), reference, to.target(), s, env, options)));
        }
        for (Future<UpdateReport> f : pending) {
          UpdateReport r = result(f);
          reports.add(r);
          if (!output.json()) {
            System.out.print(printer.text(r));
          }
        }
      } finally {
        artifacts.shutdownNow();
      }
      if (output.json()) {
        System.out.print(printer.json(reports));
      } else {
        System.out.print(printer.summary(reports));
      }
      return reports.stream().anyMatch(UpdateReport::verdictChanged) ? VERDICT_CHANGED : 0;
    }
  }

  /** Waits for one artifact's sync and rethrows its failure as it was thrown. */
  private static UpdateReport result(Future<UpdateReport> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  private GraphCopier copier() {
    GraphCopier.Builder b = GraphCopier.builder();
    if (concurrency != null) {
      b.concurrency(concurrency);
    }
    return b.build();
  }

  private DeploymentGate gate() throws PolicyException, java.io.IOException {
    NotationPaths paths = config.paths();
    NotaryVerifier verifier = config.notaryVerifier();
    return DeploymentGate.of(
        verifier,
        claimPolicy.verifier(
            claimPolicy
                .load(paths)
                .orElseThrow(
                    () ->
                        new PolicyException(
                            "no claim policy to judge claims for "
                                + environment
                                + ": "
                                + claimPolicy.source(paths)
                                + " does not exist; write one or pass --claim-policy FILE")),
            paths));
  }

  /** The tag DESTINATION names itself, if it does. */
  private Optional<String> explicitTag(TargetSpec to) {
    if (toLayout) {
      return to.tag();
    }
    return Reference.parseStrict(destination).tag();
  }

  /** The tags or digests of SOURCE to sync. */
  private List<String> references(TargetSpec from) throws java.io.IOException {
    Target target = from.target();
    if (allTags) {
      List<String> tags = target.tags();
      if (tags.isEmpty()) {
        throw new IllegalArgumentException(from.display() + " has no tags to sync");
      }
      return tags;
    }
    if (list != null) {
      if (!Files.isRegularFile(list)) {
        throw new IllegalArgumentException("--from-file " + list + " is not a file");
      }
      List<String> refs = new ArrayList<>();
      int n = 0;
      for (String line : Files.readAllLines(list)) {
        n++;
        String ref = line.strip();
        if (ref.isEmpty() || ref.startsWith("#")) {
          continue;
        }
        if (!Reference.isValidTag(ref) && !isDigest(ref)) {
          throw new IllegalArgumentException(
              list + " line " + n + ": \"" + ref + "\" is neither a tag nor a digest");
        }
        refs.add(ref);
      }
      if (refs.isEmpty()) {
        throw new IllegalArgumentException(list + " lists no tag or digest");
      }
      return refs;
    }
    boolean named =
        fromLayout ? from.reference().isPresent() : hasTagOrDigest(Reference.parseStrict(source));
    if (!named) {
      throw new IllegalArgumentException(
          "SOURCE "
              + source
              + " names no tag or digest: add one, or pass --all-tags or --from-file");
    }
    return List.of(from.requireReference());
  }

  private static boolean hasTagOrDigest(Reference r) {
    return r.tag().isPresent() || r.digest().isPresent();
  }

  private static boolean isDigest(String ref) {
    try {
      dev.ocitrust.client.Digest.parse(ref);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
