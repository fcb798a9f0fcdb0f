package dev.ocitrust.claims.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.ocitrust.claims.RetentionDecision;
import dev.ocitrust.claims.RetentionOutcome;
import dev.ocitrust.claims.RetentionReport;
import dev.ocitrust.client.Descriptor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a retention report as text and as JSON.
 *
 * <p>Thread-safe: stateless.
 */
public final class RetentionRenderer {
  private static final JsonFactory JSON = new JsonFactory();

  private RetentionRenderer() {}

  /** The report as text. */
  public static String text(RetentionReport r) {
    StringBuilder b = new StringBuilder();
    long expired = r.decisions().stream().filter(RetentionDecision::expired).count();
    b.append("Retention of ")
        .append(r.scope())
        .append(" for ")
        .append(r.environment())
        .append(" at ")
        .append(r.evaluatedAt())
        .append(r.dryRun() ? " (dry run)" : "")
        .append(": ")
        .append(r.decisions().size() - expired)
        .append(" kept, ")
        .append(expired)
        .append(r.dryRun() ? " would be deleted\n" : " deleted\n");
    String verb = r.dryRun() ? "would delete " : "deleted ";
    for (RetentionDecision d : r.decisions()) {
      b.append(d.expired() ? (r.dryRun() ? "EXPIRED " : "DELETED ") : "KEPT    ")
          .append(d.artifact().digest())
          .append(d.tags().isEmpty() ? "" : " " + String.join(",", d.tags()))
          .append(": ")
          .append(d.reason())
          .append('\n');
      for (RetentionOutcome o : d.outcomes()) {
        b.append("  rule ")
            .append(o.rule())
            .append(" (")
            .append(o.kind().json())
            .append("): ")
            .append(o.status())
            .append(": ")
            .append(o.message())
            .append('\n');
      }
      for (Descriptor gone : r.deleted().getOrDefault(d.artifact().digest(), List.of())) {
        b.append("  ")
            .append(verb)
            .append(gone.digest())
            .append(' ')
            .append(gone.mediaType())
            .append('\n');
      }
    }
    return b.toString();
  }

  /** The report as JSON. */
  public static String json(RetentionReport r) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeStringField("scope", r.scope());
      g.writeStringField("environment", r.environment());
      g.writeStringField("evaluatedAt", r.evaluatedAt().toString());
      g.writeBooleanField("dryRun", r.dryRun());
      g.writeArrayFieldStart("artifacts");
      for (RetentionDecision d : r.decisions()) {
        g.writeStartObject();
        g.writeStringField("digest", d.artifact().digest().toString());
        g.writeStringField("mediaType", d.artifact().mediaType());
        g.writeArrayFieldStart("tags");
        for (String t : d.tags()) {
          g.writeString(t);
        }
        g.writeEndArray();
        g.writeStringField("decision", d.expired() ? "delete" : "keep");
        g.writeStringField("reason", d.reason());
        g.writeArrayFieldStart("rules");
        for (RetentionOutcome o : d.outcomes()) {
          g.writeStartObject();
          g.writeStringField("rule", o.rule());
          g.writeStringField("kind", o.kind().json());
          g.writeStringField("outcome", o.status().name());
          g.writeStringField("message", o.message());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(r.dryRun() ? "wouldDelete" : "deleted");
        for (Descriptor gone : r.deleted().getOrDefault(d.artifact().digest(), List.of())) {
          g.writeStartObject();
          g.writeStringField("digest", gone.digest().toString());
          g.writeStringField("mediaType", gone.mediaType());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out + "\n";
  }
}
