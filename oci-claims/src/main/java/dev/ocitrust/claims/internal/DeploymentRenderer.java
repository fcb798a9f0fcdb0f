package dev.ocitrust.claims.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.ocitrust.claims.Deployment;
import dev.ocitrust.claims.DeploymentHistory;
import dev.ocitrust.claims.DeploymentRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Renders a deployment history as text (a status line, then one record per line) and as JSON.
 *
 * <p>Thread-safe: stateless.
 */
public final class DeploymentRenderer {
  private static final JsonFactory JSON = new JsonFactory();

  private DeploymentRenderer() {}

  /** The status at {@code now}, then the records. */
  public static String text(DeploymentHistory h, Instant now) {
    StringBuilder b = new StringBuilder();
    b.append(h.artifact().digest()).append(' ').append(status(h, now)).append('\n');
    for (DeploymentRecord r : h.records()) {
      Deployment d = r.deployment();
      b.append("  ")
          .append(r.isCurrent() ? "current    " : "superseded ")
          .append(d.environment())
          .append(" from ")
          .append(d.from())
          .append(" to ")
          .append(d.to().map(Instant::toString).orElse("(open)"))
          .append(" by ")
          .append(r.issuer())
          .append(" (claim ")
          .append(r.claim())
          .append(", issued ")
          .append(r.issuedAt())
          .append(r.supersededBy().map(s -> ", superseded by " + s).orElse(""))
          .append(")\n");
    }
    return b.toString();
  }

  /** The status at {@code now}: deployed, ended (when), or never deployed. */
  public static String status(DeploymentHistory h, Instant now) {
    if (h.isDeployedAt(now)) {
      return "deployed in " + h.environment();
    }
    if (h.records().isEmpty()) {
      return "never deployed in " + h.environment() + " (no verified deployment claim)";
    }
    return h.lastEnded()
        .map(t -> "not deployed in " + h.environment() + " since " + t)
        .orElse("not yet deployed in " + h.environment());
  }

  /** The history as JSON. */
  public static String json(DeploymentHistory h, Instant now) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeStringField("artifact", h.artifact().digest().toString());
      g.writeStringField("environment", h.environment());
      g.writeBooleanField("deployed", h.isDeployedAt(now));
      if (h.lastEnded().isPresent()) {
        g.writeStringField("lastEnded", h.lastEnded().get().toString());
      }
      g.writeStringField("evaluatedAt", now.toString());
      g.writeArrayFieldStart("records");
      for (DeploymentRecord r : h.records()) {
        writeRecord(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out + "\n";
  }

  static void writeRecord(JsonGenerator g, DeploymentRecord r) throws IOException {
    Deployment d = r.deployment();
    g.writeStartObject();
    g.writeStringField("claim", r.claim().toString());
    g.writeStringField("status", r.isCurrent() ? "current" : "superseded");
    if (r.supersededBy().isPresent()) {
      g.writeStringField("supersededBy", r.supersededBy().get().toString());
    }
    g.writeStringField("issuer", r.issuer());
    g.writeStringField("iss", r.iss());
    g.writeStringField("iat", r.issuedAt().toString());
    g.writeStringField("environment", d.environment());
    g.writeStringField("from", d.from().toString());
    if (d.to().isPresent()) {
      g.writeStringField("to", d.to().get().toString());
    }
    g.writeEndObject();
  }
}
