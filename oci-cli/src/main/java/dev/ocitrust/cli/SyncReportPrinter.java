package dev.ocitrust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ocitrust.claims.ClaimRecord;
import dev.ocitrust.claims.Lifecycle;
import dev.ocitrust.claims.UpdateReport;
import dev.ocitrust.graph.GraphNode;
import dev.ocitrust.graph.SyncResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What {@code ocitrust sync} prints: per artifact what arrived and the verdict, text or JSON. */
final class SyncReportPrinter {
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final String source;
  private final String destination;
  private final @Nullable String environment;

  SyncReportPrinter(String source, String destination, @Nullable String environment) {
    this.source = source;
    this.destination = destination;
    this.environment = environment;
  }

  /** One artifact, as text. */
  String text(UpdateReport r) {
    SyncResult s = r.sync();
    StringBuilder b = new StringBuilder(s.reference()).append(" (").append(s.root().digest());
    if (s.unchanged()) {
      return b.append("): up to date\n").toString();
    }
    b.append("): ")
        .append(s.rootCopied() ? "copied, " : "")
        .append(s.arrived().size())
        .append(" referrer(s) arrived");
    s.tagged().ifPresent(t -> b.append(", tagged ").append(t));
    b.append('\n');
    for (GraphNode n : s.arrived()) {
      b.append("  + ")
          .append(kind(n))
          .append(' ')
          .append(n.artifactType().orElse("(no artifact type)"))
          .append(' ')
          .append(n.digest())
          .append('\n');
    }
    for (ClaimRecord c : r.lifecycleChanges()) {
      b.append("  lifecycle ").append(c.digest()).append(": ").append(lifecycle(c)).append('\n');
    }
    r.verdictAfter()
        .ifPresent(
            after -> {
              b.append("  verdict for ").append(environment).append(": ");
              r.verdictBefore().ifPresent(before -> b.append(before).append(" -> "));
              b.append(after).append(r.verdictChanged() ? " (changed)" : "").append('\n');
            });
    return b.toString();
  }

  /** The last line of a text report. */
  String summary(List<UpdateReport> reports) {
    long updated = reports.stream().filter(r -> !r.sync().unchanged()).count();
    long changed = reports.stream().filter(UpdateReport::verdictChanged).count();
    return "Synced "
        + reports.size()
        + " artifact(s) from "
        + source
        + " to "
        + destination
        + ": "
        + updated
        + " updated, "
        + (reports.size() - updated)
        + " up to date"
        + (environment != null ? "; " + changed + " verdict(s) changed" : "")
        + "\n";
  }

  /** Every artifact, as JSON. */
  String json(List<UpdateReport> reports) throws JsonProcessingException {
    ObjectNode root = json.createObjectNode();
    root.put("source", source);
    root.put("destination", destination);
    if (environment != null) {
      root.put("environment", environment);
    }
    root.put("verdictChanged", reports.stream().anyMatch(UpdateReport::verdictChanged));
    ArrayNode artifacts = root.putArray("artifacts");
    for (UpdateReport r : reports) {
      SyncResult s = r.sync();
      ObjectNode a = artifacts.addObject();
      a.put("reference", s.reference());
      a.put("digest", s.root().digest().toString());
      a.put("upToDate", s.unchanged());
      a.put("copied", s.rootCopied());
      s.tagged().ifPresent(t -> a.put("tagged", t));
      a.put("nodesCopied", s.nodesCopied());
      a.put("bytesCopied", s.bytesCopied());
      ArrayNode arrived = a.putArray("arrived");
      for (GraphNode n : s.arrived()) {
        ObjectNode o = arrived.addObject();
        o.put("digest", n.digest().toString());
        o.put("kind", kind(n));
        n.artifactType().ifPresent(t -> o.put("artifactType", t));
      }
      ArrayNode lifecycle = a.putArray("lifecycle");
      for (ClaimRecord c : r.lifecycleChanges()) {
        ObjectNode o = lifecycle.addObject();
        o.put("digest", c.digest().toString());
        o.put("status", c.status().name().toLowerCase(java.util.Locale.ROOT));
        c.issuer().ifPresent(i -> o.put("issuer", i));
        c.lifecycle()
            .ifPresent(
                l -> {
                  o.put("state", l.state().json());
                  l.effective().ifPresent(t -> o.put("effective", t.toString()));
                  l.successor().ifPresent(t -> o.put("successor", t));
                  l.reason().ifPresent(t -> o.put("reason", t));
                });
        c.reason().ifPresent(t -> o.put("ignoredBecause", t));
      }
      r.verdictBefore().ifPresent(v -> a.put("verdictBefore", v.name()));
      r.verdictAfter().ifPresent(v -> a.put("verdictAfter", v.name()));
      a.put("verdictChanged", r.verdictChanged());
    }
    return json.writeValueAsString(root) + "\n";
  }

  private static String kind(GraphNode n) {
    return UpdateReport.kindOf(n).name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String lifecycle(ClaimRecord c) {
    if (c.lifecycle().isEmpty()) {
      return c.status().name().toLowerCase(java.util.Locale.ROOT)
          + c.reason().map(r -> ": " + r).orElse("");
    }
    Lifecycle l = c.lifecycle().get();
    StringBuilder b =
        new StringBuilder(c.issuer().orElse("?")).append(" declared it ").append(l.state().json());
    l.effective().ifPresent(t -> b.append(" from ").append(t));
    l.successor().ifPresent(t -> b.append(", successor ").append(t));
    l.reason().ifPresent(t -> b.append(" (").append(t).append(')'));
    b.append(" [").append(c.status().name().toLowerCase(java.util.Locale.ROOT)).append(']');
    return b.toString();
  }
}
