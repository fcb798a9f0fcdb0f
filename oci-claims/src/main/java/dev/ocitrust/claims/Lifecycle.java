package dev.ocitrust.claims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocitrust.policy.internal.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a lifecycle claim ({@link ClaimTypes#LIFECYCLE}): an issuer declares an artifact
 * active, deprecated, at its end of life or revoked from a time, optionally naming its successor
 * (the version that replaces it: the redirect) and advisories. JSON:
 *
 * <pre>{@code
 * {"state":"end-of-life","effective":"2027-01-01T00:00:00Z","reason":"superseded by v2",
 *  "successor":"registry.example/net-monitor:v2","advisories":["https://wabbit.example/sa/1"]}
 * }</pre>
 *
 * <p>{@code effective} defaults to the claim's {@code iat}. {@code successor} is a reference: a
 * full one ({@code host/repository:tag} or {@code @sha256:…}), or a tag or digest in the same
 * repository or layout. Parsing is strict: unknown or duplicate fields, wrong types, an unknown
 * state and advisories that are not absolute URIs are errors.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state the declared state
 * @param effective when it takes effect (absent: at the claim's iat)
 * @param reason why, for people
 * @param successor the reference of the version that replaces this one
 * @param advisories links to advisories (absolute URIs)
 */
public record Lifecycle(
    LifecycleState state,
    Optional<Instant> effective,
    Optional<String> reason,
    Optional<String> successor,
    List<String> advisories) {

  /** The largest lifecycle payload read. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final Set<String> FIELDS =
      Set.of("state", "effective", "reason", "successor", "advisories");
  private static final JsonFactory JSON = new JsonFactory();

  /** A lifecycle claim's content. */
  public Lifecycle {
    Objects.requireNonNull(state, "state");
    effective = effective.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(successor, "successor");
    advisories = List.copyOf(advisories);
  }

  /** {@code state} from the claim's iat, without reason, successor or advisories. */
  public static Lifecycle of(LifecycleState state) {
    return new Lifecycle(state, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  /** This lifecycle taking effect at {@code at}. */
  public Lifecycle effectiveAt(Instant at) {
    return new Lifecycle(state, Optional.of(at), reason, successor, advisories);
  }

  /** This lifecycle with {@code why}. */
  public Lifecycle withReason(String why) {
    return new Lifecycle(state, effective, Optional.of(why), successor, advisories);
  }

  /** This lifecycle naming {@code reference} as the successor. */
  public Lifecycle withSuccessor(String reference) {
    return new Lifecycle(state, effective, reason, Optional.of(reference), advisories);
  }

  /**
   * Parses a lifecycle payload.
   *
   * @throws InvalidClaimException naming the field that breaks the schema
   */
  public static Lifecycle parse(byte[] json) throws InvalidClaimException {
    if (json.length > MAX_BYTES) {
      throw new InvalidClaimException(
          "lifecycle is " + json.length + " bytes, more than " + MAX_BYTES);
    }
    try {
      StrictJson.Fields f = StrictJson.readObject(json);
      f.allowOnly(FIELDS);
      String s = f.text("state");
      LifecycleState state =
          LifecycleState.fromJson(s)
              .orElseThrow(
                  () ->
                      f.problem(
                          "state",
                          "expected active, deprecated, end-of-life or revoked, found \""
                              + s
                              + "\""));
      List<String> advisories = f.texts("advisories", false);
      for (String a : advisories) {
        if (!isAbsoluteUri(a)) {
          throw f.problem("advisories", "\"" + a + "\" is not an absolute URI");
        }
      }
      return new Lifecycle(
          state,
          f.optionalInstant("effective"),
          f.optionalText("reason"),
          f.optionalText("successor"),
          advisories);
    } catch (StrictJson.Problem e) {
      throw new InvalidClaimException("lifecycle: " + e.getMessage(), e);
    }
  }

  private static boolean isAbsoluteUri(String s) {
    try {
      return new URI(s).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** When it takes effect, given the claim's {@code iat}. */
  public Instant effectiveFrom(Instant issuedAt) {
    return effective.orElse(issuedAt);
  }

  /** The payload: compact JSON, fields in the order above. */
  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("state", state.json());
      if (effective.isPresent()) {
        g.writeStringField("effective", DateTimeFormatter.ISO_INSTANT.format(effective.get()));
      }
      if (reason.isPresent()) {
        g.writeStringField("reason", reason.get());
      }
      if (successor.isPresent()) {
        g.writeStringField("successor", successor.get());
      }
      if (!advisories.isEmpty()) {
        g.writeArrayFieldStart("advisories");
        for (String a : advisories) {
          g.writeString(a);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toByteArray();
  }
}
