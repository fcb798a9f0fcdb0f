package dev.ocitrust.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimPolicy;
import dev.ocitrust.claims.DeploymentGate;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.CopyResult;
import dev.ocitrust.graph.DiscoveryOptions;
import dev.ocitrust.graph.GraphCopier;
import dev.ocitrust.graph.Replica;
import dev.ocitrust.graph.ReplicaResult;
import dev.ocitrust.graph.ReplicationResult;
import dev.ocitrust.policy.NotaryVerifier;
import dev.ocitrust.policy.NotationPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ocitrust replicate}: one graph, with its referrers, into several destinations at once. */
@Command(
    name = "replicate",
    mixinStandardHelpOptions = true,
    description = {
      "Copy an artifact with all its referrers into several destinations in one run: the source"
          + " is read once (each blob once, however many destinations), the destinations are"
          + " written concurrently, and one that fails stops no other. Running it again transfers"
          + " only what each destination lacks.",
      "Each destination is tagged with the tag written in it, else the source's tag.",
      "With --verify, the source and each destination are judged by the trust policy (and with"
          + " --environment by the deployment gate) and each destination must reach the source's"
          + " decision.",
      "Exit status: 0 every destination complete (and, with --verify, the same decision as the"
          + " source); 1 a destination failed or decided otherwise; 2 usage error."
    })
final class ReplicateCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "host/repo:tag or host/repo@digest, or DIR[:tag|@digest] with --from-oci-layout")
  String source;

  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "DESTINATION",
      description = "host/repo[:tag], or DIR[:tag] with --to-oci-layout; one or more")
  List<String> destinations;

  @Mixin RegistryOptions registry;

  @Option(names = "--from-oci-layout", description = "SOURCE is an OCI image layout")
  boolean fromLayout;

  @Option(names = "--to-oci-layout", description = "every DESTINATION is an OCI image layout")
  boolean toLayout;

  @Option(names = "--from-plain-http", description = "INSECURE: plain HTTP to the source registry")
  boolean fromPlainHttp;

  @Option(
      names = "--to-plain-http",
      description = "INSECURE: plain HTTP to the destination registries")
  boolean toPlainHttp;

  @Mixin ReferrerTypeOptions types;

  @Option(
      names = "--verify",
      description =
          "judge the source and each destination with the trust policy of --config (and with"
              + " --environment the deployment gate); a destination must reach the source's"
              + " decision")
  boolean verify;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description = "with --verify: judge deployment to ENV (signature AND claims)")
  @Nullable String environment;

  @Mixin ConfigOption config;
  @Mixin ClaimPolicyOption claimPolicy;
  @Mixin OutputOption output;

  @Option(
      names = "--concurrency",
      description =
          "parallel transfers, all destinations together (default: sized for this machine)")
  @Nullable Integer concurrency;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json(); // an unknown format is a usage error before any work
    if (environment != null && !verify) {
      throw new IllegalArgumentException("--environment needs --verify");
    }
    if (environment != null && !Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "--environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    if (claimPolicy.file != null && environment == null) {
      throw new IllegalArgumentException(
          "--claim-policy needs --verify --environment ENV: claims are judged for an environment");
    }
    ClaimPolicyOption pool = claimPolicy;
    try (pool;
        TargetSpec.Clients clients = registry.clients();
        GraphCopier copier = copier()) {
      ReplicaDecisions decisions = verify ? decisions() : null;
      TargetSpec from =
          TargetSpec.open(source, fromLayout, fromPlainHttp, clients, TargetSpec.Access.READ);
      Descriptor root = from.target().resolve(from.requireReference());
      for (String d : destinations) {
        Optional<Digest> pinned = TargetSpec.writtenDigest(d, toLayout);
        if (pinned.isPresent() && !pinned.get().equals(root.digest())) {
          throw new IllegalArgumentException(
              "the destination "
                  + d
                  + " names the digest "
                  + pinned.get()
                  + " but the source "
                  + from.display()
                  + " is "
                  + root.digest());
        }
      }
      List<TargetSpec> to = new ArrayList<>();
      List<Replica> replicas = new ArrayList<>();
      for (String d : destinations) {
        TargetSpec spec =
            TargetSpec.open(d, toLayout, toPlainHttp, clients, TargetSpec.Access.CREATE);
        to.add(spec);
        replicas.add(
            new Replica(d, spec.target(), spec.writtenTag().or(from::tag).stream().toList()));
      }
      CopyOptions options =
          CopyOptions.builder()
              .referrerDepth(DiscoveryOptions.UNLIMITED)
              .filter(types.filter())
              .build();
      ReplicationResult result = copier.replicate(from.target(), root, replicas, options);
      ReplicaDecisions.Decision atSource = null;
      List<ReplicaDecisions.@Nullable Decision> verdicts = new ArrayList<>();
      if (decisions != null) {
        String digest = root.digest().toString();
        atSource = decisions.judge(from.target(), ScopeOption.scopeOf(from, null), digest);
        for (int i = 0; i < to.size(); i++) {
          verdicts.add(
              result.replicas().get(i).succeeded()
                  ? decisions.judge(
                      to.get(i).target(), ScopeOption.scopeOf(to.get(i), null), digest)
                  : null);
        }
      }
      // fail closed: a source that could not be judged makes no decision to agree with
      boolean ok =
          result.allSucceeded() && (atSource == null || !atSource.decision().equals("ERROR"));
      for (ReplicaDecisions.Decision v : verdicts) {
        ok &= v == null || atSource == null || v.decision().equals(atSource.decision());
      }
      System.out.print(
          json
              ? json(from.display(), result, atSource, verdicts)
              : text(from.display(), result, atSource, verdicts));
      return ok ? 0 : 1;
    }
  }

  private GraphCopier copier() {
    GraphCopier.Builder b = GraphCopier.builder();
    if (concurrency != null) {
      b.concurrency(concurrency);
    }
    return b.build();
  }

  private ReplicaDecisions decisions() throws Exception {
    if (environment == null) {
      return new ReplicaDecisions(config.notaryVerifier(), null, null);
    }
    NotationPaths paths = config.paths();
    NotaryVerifier verifier = config.notaryVerifier();
    ClaimPolicy policy = claimPolicy.require(paths, "judge claims for " + environment);
    return new ReplicaDecisions(
        verifier, DeploymentGate.of(verifier, claimPolicy.verifier(policy, paths)), environment);
  }

  private static String text(
      String from,
      ReplicationResult r,
      ReplicaDecisions.@Nullable Decision atSource,
      List<ReplicaDecisions.@Nullable Decision> verdicts) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "Replicated %s (%s) to %d destinations: %d complete, %d failed; %d nodes, %d blobs"
                + " read from the source, %d ms%n",
            from,
            r.root().digest(),
            r.replicas().size(),
            r.replicas().size() - r.failed().size(),
            r.failed().size(),
            r.graph().nodes().size(),
            r.sourceBlobReads(),
            r.duration().toMillis()));
    if (atSource != null) {
      b.append("  source: ")
          .append(atSource.decision())
          .append(": ")
          .append(atSource.detail())
          .append('\n');
    }
    for (int i = 0; i < r.replicas().size(); i++) {
      ReplicaResult x = r.replicas().get(i);
      CopyResult c = x.copy();
      b.append("  ").append(x.replica().name()).append(": ");
      if (x.failure().isPresent()) {
        b.append("FAILED: ").append(ErrorMessage.describe(x.failure().get()));
        b.append(
            String.format(
                " (%d nodes copied before the failure; run again to finish)", c.nodesCopied()));
      } else {
        b.append(
            String.format(
                "%d nodes copied, %d skipped, %d bytes, %d ms%s",
                c.nodesCopied(),
                c.nodesSkipped(),
                c.bytesCopied(),
                c.duration().toMillis(),
                c.tags().isEmpty() ? "" : ", tagged " + String.join(", ", c.tags())));
      }
      b.append('\n');
      ReplicaDecisions.Decision v = verdicts.isEmpty() ? null : verdicts.get(i);
      if (v != null && atSource != null) {
        boolean same = v.decision().equals(atSource.decision());
        b.append("    ")
            .append(same ? "same decision as the source: " : "DIFFERENT decision from the source: ")
            .append(v.decision())
            .append(": ")
            .append(v.detail())
            .append('\n');
      }
    }
    return b.toString();
  }

  private static String json(
      String from,
      ReplicationResult r,
      ReplicaDecisions.@Nullable Decision atSource,
      List<ReplicaDecisions.@Nullable Decision> verdicts)
      throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode top = mapper.createObjectNode();
    top.put("source", from);
    top.put("digest", r.root().digest().toString());
    top.put("nodes", r.graph().nodes().size());
    top.put("sourceBlobReads", r.sourceBlobReads());
    top.put("durationMs", r.duration().toMillis());
    top.put("complete", r.allSucceeded());
    if (atSource != null) {
      top.putObject("sourceDecision")
          .put("decision", atSource.decision())
          .put("detail", atSource.detail());
    }
    ArrayNode list = top.putArray("destinations");
    for (int i = 0; i < r.replicas().size(); i++) {
      ReplicaResult x = r.replicas().get(i);
      ObjectNode o = list.addObject();
      o.put("destination", x.replica().name());
      o.put("status", x.succeeded() ? "complete" : "failed");
      x.failure().ifPresent(e -> o.put("error", ErrorMessage.describe(e)));
      o.put("nodesCopied", x.copy().nodesCopied());
      o.put("nodesSkipped", x.copy().nodesSkipped());
      o.put("bytesCopied", x.copy().bytesCopied());
      o.put("durationMs", x.copy().duration().toMillis());
      ArrayNode tags = o.putArray("tags");
      x.copy().tags().forEach(tags::add);
      ReplicaDecisions.Decision v = verdicts.isEmpty() ? null : verdicts.get(i);
      if (v != null && atSource != null) {
        o.putObject("decision")
            .put("decision", v.decision())
            .put("detail", v.detail())
            .put("sameAsSource", v.decision().equals(atSource.decision()));
      }
    }
    return mapper.writeValueAsString(top) + "\n";
  }
}
