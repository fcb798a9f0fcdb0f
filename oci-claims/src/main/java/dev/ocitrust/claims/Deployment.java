package dev.ocitrust.claims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocitrust.policy.internal.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a deployment claim ({@link ClaimTypes#DEPLOYMENT}): an issuer records that the
 * artifact ran in an environment from a time, and until a time once it no longer does (open while
 * deployed). JSON:
 *
 * <pre>{@code
 * {"environment":"prod","from":"2026-06-01T12:00:00Z","to":"2026-09-01T00:00:00Z"}
 * }</pre>
 *
 * <p>A newer deployment claim (signed {@code iat}) of the same issuer about the same artifact and
 * environment supersedes an older one: closing a deployment is issuing the same record again with
 * {@code to}. Parsing is strict: unknown or duplicate fields, wrong types, {@code null}, an
 * environment that is not a name, a time without an offset and a {@code to} before {@code from} are
 * errors; at most {@link #MAX_BYTES}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Deployment open = Deployment.open("prod", Instant.parse("2026-06-01T12:00:00Z"));
 * Deployment closed = open.closedAt(Instant.parse("2026-09-01T00:00:00Z"));
 * }</pre>
 *
 * @param environment the environment, a name of {@code [A-Za-z0-9][A-Za-z0-9._-]{0,62}}
 * @param from when it was deployed there
 * @param to when it stopped running there; absent while it is deployed
 */
public record Deployment(String environment, Instant from, Optional<Instant> to) {

  /** The largest deployment payload read. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final Set<String> FIELDS = Set.of("environment", "from", "to");
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * A deployment record; times are kept to the second.
   *
   * @throws IllegalArgumentException if the environment is not a name or {@code to} is before
   *     {@code from}
   */
  public Deployment {
    Objects.requireNonNull(environment, "environment");
    from = from.truncatedTo(ChronoUnit.SECONDS);
    to = to.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    if (!Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    if (to.isPresent() && to.get().isBefore(from)) {
      throw new IllegalArgumentException(
          "a deployment cannot end (" + to.get() + ") before it began (" + from + ")");
    }
  }

  /** A deployment to {@code environment} from {@code from}, still running. */
  public static Deployment open(String environment, Instant from) {
    return new Deployment(environment, from, Optional.empty());
  }

  /** This deployment, ended at {@code at}. */
  public Deployment closedAt(Instant at) {
    return new Deployment(environment, from, Optional.of(at));
  }

  /** Whether the artifact runs in the environment at {@code at} by this record. */
  public boolean isDeployedAt(Instant at) {
    return !at.isBefore(from) && to.map(at::isBefore).orElse(true);
  }

  /**
   * Parses a deployment payload.
   *
   * @throws InvalidClaimException naming the field that breaks the schema
   */
  public static Deployment parse(byte[] json) throws InvalidClaimException {
    if (json.length > MAX_BYTES) {
      throw new InvalidClaimException(
          "deployment is " + json.length + " bytes, more than " + MAX_BYTES);
    }
    try {
      StrictJson.Fields f = StrictJson.readObject(json);
      f.allowOnly(FIELDS);
      String environment = f.text("environment");
      if (!Approval.isEnvironmentName(environment)) {
        throw f.problem(
            "environment",
            "\"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
      }
      Instant from = f.instant("from");
      Optional<Instant> to = f.optionalInstant("to");
      if (to.isPresent() && to.get().isBefore(from)) {
        throw f.problem("to", to.get() + " is before from " + from);
      }
      return new Deployment(environment, from, to);
    } catch (StrictJson.Problem e) {
      throw new InvalidClaimException("deployment: " + e.getMessage(), e);
    }
  }

  /** The payload: compact JSON, fields in the order above. */
  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("environment", environment);
      g.writeStringField("from", DateTimeFormatter.ISO_INSTANT.format(from));
      if (to.isPresent()) {
        g.writeStringField("to", DateTimeFormatter.ISO_INSTANT.format(to.get()));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }
}
