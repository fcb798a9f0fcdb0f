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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of an approval claim ({@link ClaimTypes#APPROVAL}): an issuer's decision that an
 * artifact may ({@link Decision#APPROVED}) or may not ({@link Decision#REJECTED}) run in some
 * environments, optionally until a time, with a reason. JSON:
 *
 * <pre>{@code
 * {"environments":["prod"],"decision":"approved","validUntil":"2027-01-01T00:00:00Z","reason":"scan clean"}
 * }</pre>
 *
 * <p>Parsing is strict: unknown or duplicate fields, wrong types, an empty or repeated environment,
 * an environment name outside {@code [A-Za-z0-9][A-Za-z0-9._-]{0,62}} and a time without an offset
 * are errors. {@code validUntil} is kept to the second.
 *
 * <p>Immutable and thread-safe.
 *
 * @param environments the environments the decision is about, at least one, distinct
 * @param decision approved or rejected
 * @param validUntil when an approval stops counting, if it does
 * @param reason why, for people
 */
public record Approval(
    List<String> environments,
    Decision decision,
    Optional<Instant> validUntil,
    Optional<String> reason) {

  /** The largest approval payload read. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Set<String> FIELDS =
      Set.of("environments", "decision", "validUntil", "reason");
  private static final JsonFactory JSON = new JsonFactory();

  /** The decision of an approval claim. */
  public enum Decision {
    /** The artifact may run in the environments. */
    APPROVED,
    /** The artifact must not run in the environments. */
    REJECTED;

    /** The JSON spelling: {@code approved} or {@code rejected}. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An approval.
   *
   * @throws IllegalArgumentException if there is no environment, one is repeated or malformed
   */
  public Approval {
    environments = List.copyOf(environments);
    Objects.requireNonNull(decision, "decision");
    validUntil = validUntil.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    Objects.requireNonNull(reason, "reason");
    if (environments.isEmpty()) {
      throw new IllegalArgumentException("an approval names at least one environment");
    }
    if (Set.copyOf(environments).size() != environments.size()) {
      throw new IllegalArgumentException("environments " + environments + " repeat a name");
    }
    for (String e : environments) {
      if (!isEnvironmentName(e)) {
        throw new IllegalArgumentException(
            "environment \"" + e + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
      }
    }
  }

  /** An approval for {@code environments}, without end or reason. */
  public static Approval approved(String... environments) {
    return new Approval(
        List.of(environments), Decision.APPROVED, Optional.empty(), Optional.empty());
  }

  /** A rejection for {@code environments}, without reason. */
  public static Approval rejected(String... environments) {
    return new Approval(
        List.of(environments), Decision.REJECTED, Optional.empty(), Optional.empty());
  }

  /** Whether {@code name} is a valid environment name. */
  public static boolean isEnvironmentName(String name) {
    return ENVIRONMENT.matcher(name).matches();
  }

  /** Whether this approval is about {@code environment}. */
  public boolean covers(String environment) {
    return environments.contains(environment);
  }

  /** This approval with {@code until} as its end. */
  public Approval withValidUntil(Instant until) {
    return new Approval(environments, decision, Optional.of(until), reason);
  }

  /** This approval with {@code why} as its reason. */
  public Approval withReason(String why) {
    return new Approval(environments, decision, validUntil, Optional.of(why));
  }

  /**
   * Parses an approval payload.
   *
   * @throws InvalidClaimException naming the field that breaks the schema
   */
  public static Approval parse(byte[] json) throws InvalidClaimException {
    if (json.length > MAX_BYTES) {
      throw new InvalidClaimException(
          "approval is " + json.length + " bytes, more than " + MAX_BYTES);
    }
    try {
      StrictJson.Fields f = StrictJson.readObject(json);
      f.allowOnly(FIELDS);
      List<String> envs = f.texts("environments", true);
      for (String e : envs) {
        if (!isEnvironmentName(e)) {
          throw f.problem(
              "environments", "\"" + e + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
        }
      }
      String d = f.text("decision");
      Decision decision =
          switch (d) {
            case "approved" -> Decision.APPROVED;
            case "rejected" -> Decision.REJECTED;
            default ->
                throw f.problem(
                    "decision", "expected \"approved\" or \"rejected\", found \"" + d + "\"");
          };
      return new Approval(
          envs, decision, f.optionalInstant("validUntil"), f.optionalText("reason"));
    } catch (StrictJson.Problem e) {
      throw new InvalidClaimException("approval: " + e.getMessage(), e);
    }
  }

  /** The payload: compact JSON, fields in the order above. */
  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("environments");
      for (String e : environments) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeStringField("decision", decision.json());
      if (validUntil.isPresent()) {
        g.writeStringField("validUntil", DateTimeFormatter.ISO_INSTANT.format(validUntil.get()));
      }
      if (reason.isPresent()) {
        g.writeStringField("reason", reason.get());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }
}
