package dev.ocitrust.claims.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.ocitrust.claims.Approval;
import dev.ocitrust.claims.ClaimDecision;
import dev.ocitrust.claims.ClaimRecord;
import dev.ocitrust.claims.ClaimStatus;
import dev.ocitrust.claims.Lifecycle;
import dev.ocitrust.claims.RuleOutcome;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders decisions and claim lists as text (for people, one rule or claim per line) and as JSON
 * (for programs).
 *
 * <p>Thread-safe: stateless.
 */
public final class DecisionRenderer {
  private static final JsonFactory JSON = new JsonFactory();

  private DecisionRenderer() {}

  /** The decision as text. */
  public static String text(ClaimDecision d) {
    StringBuilder b = new StringBuilder();
    b.append(d.verdict())
        .append(' ')
        .append(d.scope())
        .append('@')
        .append(d.artifact().digest())
        .append(" for ")
        .append(d.environment())
        .append(": claim policy statement \"")
        .append(d.statement())
        .append("\" (")
        .append(d.mode().name().toLowerCase(Locale.ROOT))
        .append(")\n");
    for (RuleOutcome r : d.rules()) {
      b.append("  rule ")
          .append(r.rule())
          .append(" (")
          .append(r.kind())
          .append("): ")
          .append(r.status())
          .append(": ")
          .append(r.message())
          .append('\n');
    }
    d.successor().ifPresent(x -> b.append("  successor: ").append(x).append('\n'));
    b.append(claimsText(d.claims(), "  "));
    for (String w : d.warnings()) {
      b.append("  warning: ").append(w).append('\n');
    }
    return b.toString();
  }

  /** Claims as text, one per line, each line starting with {@code indent}. */
  public static String claimsText(List<ClaimRecord> claims, String indent) {
    StringBuilder b = new StringBuilder();
    long effective = claims.stream().filter(c -> c.status() == ClaimStatus.EFFECTIVE).count();
    long superseded = claims.stream().filter(c -> c.status() == ClaimStatus.SUPERSEDED).count();
    long ignored = claims.stream().filter(c -> c.status() == ClaimStatus.IGNORED).count();
    long unverified = claims.stream().filter(c -> c.status() == ClaimStatus.UNVERIFIED).count();
    b.append(indent).append("claims: ").append(claims.size());
    b.append(" (")
        .append(effective)
        .append(" effective, ")
        .append(superseded)
        .append(" superseded, ");
    b.append(ignored).append(" ignored");
    if (unverified > 0) {
      b.append(", ").append(unverified).append(" unverified");
    }
    b.append(")\n");
    for (ClaimRecord c : claims) {
      b.append(indent)
          .append("  ")
          .append(c.status().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(c.digest())
          .append(' ')
          .append(c.contentType().orElse("(no type)"));
      c.issuer().ifPresent(i -> b.append(" issuer ").append(i));
      if (c.issuer().isEmpty()) {
        c.iss().ifPresent(i -> b.append(" iss ").append(i));
      }
      c.issuedAt().ifPresent(t -> b.append(" iat ").append(t));
      c.approval().ifPresent(a -> b.append(' ').append(describe(a)));
      c.lifecycle()
          .ifPresent(
              l ->
                  b.append(' ')
                      .append(l.state().json())
                      .append(l.effective().map(t -> " from " + t).orElse(""))
                      .append(l.successor().map(x -> " successor " + x).orElse("")));
      c.timestamp().ifPresent(t -> b.append(" time-stamped ").append(t));
      c.supersededBy().ifPresent(s -> b.append(" superseded by ").append(s));
      c.reason().ifPresent(r -> b.append(": ").append(r));
      b.append('\n');
      for (dev.ocitrust.claims.ReceiptCheck r : c.receipts()) {
        b.append(indent).append("    receipt ").append(r.text()).append('\n');
      }
    }
    return b.toString();
  }

  private static String describe(Approval a) {
    return a.decision().json()
        + " "
        + String.join(",", a.environments())
        + a.validUntil().map(t -> " until " + t).orElse("");
  }

  /** The decision as JSON. */
  public static String json(ClaimDecision d) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("decision", d.verdict().name());
          g.writeStringField("scope", d.scope());
          g.writeStringField("reference", d.reference());
          artifact(g, d.artifact());
          g.writeStringField("environment", d.environment());
          g.writeStringField("statement", d.statement());
          g.writeStringField("mode", d.mode().name().toLowerCase(Locale.ROOT));
          g.writeStringField("evaluatedAt", d.evaluatedAt().toString());
          g.writeArrayFieldStart("rules");
          for (RuleOutcome r : d.rules()) {
            g.writeStartObject();
            g.writeStringField("rule", r.rule());
            g.writeStringField("kind", r.kind());
            g.writeStringField("outcome", r.status().name());
            g.writeStringField("message", r.message());
            optional(g, "issuer", r.issuer());
            g.writeArrayFieldStart("claims");
            for (Digest c : r.claims()) {
              g.writeString(c.toString());
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          optional(g, "successor", d.successor());
          claimsArray(g, d.claims());
          g.writeArrayFieldStart("warnings");
          for (String w : d.warnings()) {
            g.writeString(w);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** A claim list as JSON: {@code {"artifact": ..., "claims": [...]}}. */
  public static String claimsJson(Descriptor artifact, List<ClaimRecord> claims) {
    return write(
        g -> {
          g.writeStartObject();
          artifact(g, artifact);
          claimsArray(g, claims);
          g.writeEndObject();
        });
  }

  private static void artifact(JsonGenerator g, Descriptor artifact) throws IOException {
    g.writeObjectFieldStart("artifact");
    g.writeStringField("mediaType", artifact.mediaType());
    g.writeStringField("digest", artifact.digest().toString());
    g.writeNumberField("size", artifact.size());
    g.writeEndObject();
  }

  private static void claimsArray(JsonGenerator g, List<ClaimRecord> claims) throws IOException {
    g.writeArrayFieldStart("claims");
    for (ClaimRecord c : claims) {
      g.writeStartObject();
      g.writeStringField("digest", c.digest().toString());
      g.writeStringField("status", c.status().name().toLowerCase(Locale.ROOT));
      optional(g, "contentType", c.contentType());
      optional(g, "iss", c.iss());
      optional(g, "issuer", c.issuer());
      optionalTime(g, "iat", c.issuedAt());
      if (c.approval().isPresent()) {
        Approval a = c.approval().get();
        g.writeObjectFieldStart("approval");
        g.writeArrayFieldStart("environments");
        for (String e : a.environments()) {
          g.writeString(e);
        }
        g.writeEndArray();
        g.writeStringField("decision", a.decision().json());
        optionalTime(g, "validUntil", a.validUntil());
        optional(g, "reason", a.reason());
        g.writeEndObject();
      }
      if (c.lifecycle().isPresent()) {
        Lifecycle l = c.lifecycle().get();
        g.writeObjectFieldStart("lifecycle");
        g.writeStringField("state", l.state().json());
        optionalTime(g, "effective", l.effective());
        optional(g, "reason", l.reason());
        optional(g, "successor", l.successor());
        if (!l.advisories().isEmpty()) {
          g.writeArrayFieldStart("advisories");
          for (String a : l.advisories()) {
            g.writeString(a);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      optionalTime(g, "timestamp", c.timestamp());
      optional(g, "supersededBy", c.supersededBy().map(Digest::toString));
      optional(g, "reason", c.reason());
      if (!c.receipts().isEmpty()) {
        g.writeArrayFieldStart("receipts");
        for (dev.ocitrust.claims.ReceiptCheck r : c.receipts()) {
          g.writeStartObject();
          g.writeStringField("source", r.source());
          g.writeBooleanField("verified", r.verified());
          optional(g, "service", r.service());
          g.writeStringField("detail", r.detail());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void optional(JsonGenerator g, String field, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    }
  }

  private static void optionalTime(JsonGenerator g, String field, Optional<Instant> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get().toString());
    }
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.append('\n').toString();
  }
}
