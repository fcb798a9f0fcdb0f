package dev.ocitrust.claims;

import dev.ocitrust.policy.internal.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A retention policy: the rules that keep artifacts of a repository or layout, each judged on
 * verified claims only (deployment records, lifecycle notices, the signed times of claims), never
 * on tags, annotations, push or pull times. An artifact is deleted when no rule keeps it and at
 * least one rule finds it expired; with no signed claim to judge it by, it is kept. The document
 * ({@code docs/retention.md} has the schema):
 *
 * <pre>{@code
 * {"version": "1.0", "environment": "prod",
 *  "rules": [
 *    {"name": "deployed", "keepWhileDeployed": {}},
 *    {"name": "eol", "keepUntilEndOfLife": {"period": "P90D"}},
 *    {"name": "archived", "keepAfterDeployment": {"period": "P365D"}},
 *    {"name": "newest", "keepNewest": {"count": 3}}]}
 * }</pre>
 *
 * <p>Read strictly: invalid JSON, duplicate keys, unknown or mis-cased properties, {@code null},
 * wrong types, a rule with none or several kinds, duplicate rule names and an environment that is
 * not a name are errors naming the JSON path.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RetentionPolicy policy = RetentionPolicy.read(Path.of("retention.json"));
 * }</pre>
 */
public final class RetentionPolicy {
  /** The largest document read, 1 MiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final Set<String> FIELDS = Set.of("version", "environment", "rules");

  private final String environment;
  private final List<RetentionRule> rules;

  private RetentionPolicy(String environment, List<RetentionRule> rules) {
    this.environment = environment;
    this.rules = List.copyOf(rules);
  }

  /**
   * A policy for deployments to {@code environment}.
   *
   * @throws IllegalArgumentException if the environment is not a name, there is no rule, or two
   *     rules share a name
   */
  public static RetentionPolicy of(String environment, List<RetentionRule> rules) {
    if (!Approval.isEnvironmentName(environment)) {
      throw new IllegalArgumentException(
          "environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a retention policy needs at least one rule");
    }
    Set<String> names = new HashSet<>();
    for (RetentionRule r : rules) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("retention rule \"" + r.name() + "\" is named twice");
      }
    }
    return new RetentionPolicy(environment, rules);
  }

  /**
   * Reads a retention policy file.
   *
   * @throws InvalidRetentionPolicyException naming the file and the value at fault
   * @throws IOException if the file cannot be read
   */
  public static RetentionPolicy read(Path file)
      throws IOException, InvalidRetentionPolicyException {
    Objects.requireNonNull(file, "file");
    if (Files.size(file) > MAX_BYTES) {
      throw new InvalidRetentionPolicyException(
          file + ": a retention policy is at most " + MAX_BYTES + " bytes", null);
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  /**
   * Parses a retention policy document; {@code source} names it in messages.
   *
   * @throws InvalidRetentionPolicyException naming the value at fault
   */
  public static RetentionPolicy parse(byte[] json, String source)
      throws InvalidRetentionPolicyException {
    if (json.length > MAX_BYTES) {
      throw new InvalidRetentionPolicyException(
          source + ": a retention policy is at most " + MAX_BYTES + " bytes", null);
    }
    try {
      StrictJson.Fields f = StrictJson.readObject(json);
      f.allowOnly(FIELDS);
      String version = f.text("version");
      if (!version.equals("1.0")) {
        throw f.problem("version", "expected \"1.0\", found \"" + version + "\"");
      }
      String environment = f.text("environment");
      if (!Approval.isEnvironmentName(environment)) {
        throw f.problem(
            "environment",
            "\"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
      }
      List<RetentionRule> rules = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (StrictJson.Fields r : f.objects("rules", true)) {
        RetentionRule rule = rule(r);
        if (!names.add(rule.name())) {
          throw r.problem("name", "\"" + rule.name() + "\" names another rule too");
        }
        rules.add(rule);
      }
      return new RetentionPolicy(environment, rules);
    } catch (StrictJson.Problem e) {
      throw new InvalidRetentionPolicyException(source + ": " + e.getMessage(), e);
    }
  }

  private static RetentionRule rule(StrictJson.Fields r) throws StrictJson.Problem {
    Set<String> allowed = new HashSet<>(Set.of("name"));
    for (RetentionRule.Kind k : RetentionRule.Kind.values()) {
      allowed.add(k.json());
    }
    r.allowOnly(allowed);
    String name = r.text("name");
    List<RetentionRule.Kind> kinds = new ArrayList<>();
    for (RetentionRule.Kind k : RetentionRule.Kind.values()) {
      if (r.has(k.json())) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw r.problem(
          "name",
          "rule \""
              + name
              + "\" needs exactly one of keepWhileDeployed, keepUntilEndOfLife,"
              + " keepAfterDeployment, keepNewest; found "
              + kinds.size());
    }
    RetentionRule.Kind kind = kinds.get(0);
    StrictJson.Fields body = r.object(kind.json());
    switch (kind) {
      case KEEP_WHILE_DEPLOYED -> {
        body.allowOnly(Set.of());
        return new RetentionRule(name, kind, Optional.empty(), 0);
      }
      case KEEP_UNTIL_END_OF_LIFE, KEEP_AFTER_DEPLOYMENT -> {
        body.allowOnly(Set.of("period"));
        Duration period =
            body.optionalDuration("period")
                .orElseThrow(() -> body.problem("period", "is required"));
        return new RetentionRule(name, kind, Optional.of(period), 0);
      }
      case KEEP_NEWEST -> {
        body.allowOnly(Set.of("count"));
        int count = body.positiveInt("count");
        return new RetentionRule(name, kind, Optional.empty(), count);
      }
    }
    throw new IllegalStateException("unknown kind " + kind);
  }

  /** The environment whose deployment records the rules read. */
  public String environment() {
    return environment;
  }

  /** The rules, in document order. */
  public List<RetentionRule> rules() {
    return rules;
  }

  @Override
  public String toString() {
    return "RetentionPolicy{" + environment + ", " + rules + "}";
  }
}
