package dev.ocitrust.claims;

import dev.ocitrust.claims.internal.ClaimPolicyParser;
import dev.ocitrust.policy.NotationPaths;
import dev.ocitrust.policy.PolicyException;
import dev.ocitrust.policy.internal.BoundedFiles;
import dev.ocitrust.policy.internal.Syntax;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A claim policy document ({@code claimpolicy.json}, kept beside notation's trust policy in the
 * same configuration folder): statements that say, per registry scope and environment, which
 * issuers' claims count, whose win, and which rules an artifact must satisfy to be allowed.
 *
 * <pre>{@code
 * {"version": "1.0",
 *  "claimPolicies": [{
 *    "name": "acme-prod", "registryScopes": ["*"], "environments": ["prod"], "mode": "enforce",
 *    "issuers": [
 *      {"name": "acme", "role": "consumer", "iss": ["https://acme-rockets.example"],
 *       "trustStores": ["ca:acme"], "trustedIdentities": ["x509.subject: O=acme-rockets.example"]},
 *      {"name": "wabbit", "role": "publisher", "iss": ["https://wabbit-networks.example"],
 *       "trustStores": ["ca:wabbit"], "trustedIdentities": ["*"]}],
 *    "precedence": ["acme", "wabbit"],
 *    "rules": [
 *      {"name": "approved", "requireApproval": {"from": ["acme", "wabbit"], "maxAge": "P30D"}},
 *      {"name": "scanned", "requireClaim": {"contentType": "application/sarif+json",
 *                                           "from": ["acme"], "maxAge": "P7D"}},
 *      {"name": "not-rejected", "denyRejection": {"from": ["acme", "wabbit"]}}],
 *    "exceptions": [{"rule": "scanned", "digest": "sha256:...", "until": "2026-12-31T00:00:00Z"}]}]}
 * }</pre>
 *
 * <p><b>Parsing</b> is strict, as for {@code OciTrustPolicy}: malformed JSON, duplicate keys,
 * unknown or mis-cased properties, {@code null} and values of the wrong type are errors, and every
 * error names the statement and the property; an invalid document is never partly usable.
 * <b>Selection</b> ({@link #statementFor}): the statement listing exactly the artifact's scope and
 * governing the environment, otherwise the one with scope {@code *} governing it; a scope and
 * environment may be governed by at most one statement of each kind.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> Selection never matches by prefix or pattern; an artifact whose
 * scope and environment no statement governs has no decision, which the verifier turns into an
 * error, never an approval.
 *
 * <pre>{@code
 * ClaimPolicy policy = ClaimPolicy.load(NotationPaths.userDefault());
 * ClaimPolicyStatement st = policy.statementFor("registry.acme-rockets.example/net-monitor", "prod");
 * }</pre>
 */
public final class ClaimPolicy {
  /** The document's file name in notation's configuration folder. */
  public static final String FILE_NAME = "claimpolicy.json";

  /** The only supported document version. */
  public static final String VERSION = ClaimPolicyParser.VERSION;

  /** The largest document read. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private final List<ClaimPolicyStatement> statements;

  private ClaimPolicy(List<ClaimPolicyStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * Parses and validates a document.
   *
   * @throws InvalidClaimPolicyException if the JSON is malformed or a rule is broken
   */
  public static ClaimPolicy parse(String json) throws InvalidClaimPolicyException {
    return parse(json.getBytes(StandardCharsets.UTF_8), "document");
  }

  /**
   * Parses and validates a document, called {@code source} (e.g. its file) in messages.
   *
   * @throws InvalidClaimPolicyException if the JSON is malformed or a rule is broken
   */
  public static ClaimPolicy parse(byte[] json, String source) throws InvalidClaimPolicyException {
    return of(ClaimPolicyParser.parse(json, source));
  }

  /**
   * A document of statements built in code, checked for the rules between statements: unique names,
   * and each scope and environment governed by one statement only.
   *
   * @throws InvalidClaimPolicyException if there is no statement or a rule is broken
   */
  public static ClaimPolicy of(List<ClaimPolicyStatement> statements)
      throws InvalidClaimPolicyException {
    if (statements.isEmpty()) {
      throw new InvalidClaimPolicyException("a claim policy needs at least one statement");
    }
    Set<String> names = new HashSet<>();
    for (ClaimPolicyStatement s : statements) {
      Objects.requireNonNull(s, "statement");
      if (!names.add(s.name())) {
        throw new InvalidClaimPolicyException(
            s.name(), "name: another statement has the same name", null);
      }
    }
    for (int i = 0; i < statements.size(); i++) {
      for (int j = 0; j < i; j++) {
        overlap(statements.get(j), statements.get(i));
      }
    }
    return new ClaimPolicy(statements);
  }

  private static void overlap(ClaimPolicyStatement a, ClaimPolicyStatement b)
      throws InvalidClaimPolicyException {
    for (String scope : b.registryScopes()) {
      if (!a.registryScopes().contains(scope)) {
        continue;
      }
      for (String env : b.environments()) {
        if (a.governs(env) || env.equals(ClaimPolicyStatement.WILDCARD)) {
          throw new InvalidClaimPolicyException(
              b.name(),
              "registryScopes and environments: scope \""
                  + scope
                  + "\" in environment \""
                  + env
                  + "\" is already governed by statement \""
                  + a.name()
                  + "\"",
              null);
        }
      }
    }
  }

  /**
   * Reads and validates the document at {@code file}.
   *
   * @throws PolicyException if the file does not exist, is not a regular file (links are refused),
   *     is larger than {@link #MAX_BYTES}, cannot be read, or is invalid
   */
  public static ClaimPolicy read(Path file) throws PolicyException {
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(file, MAX_BYTES);
    } catch (BoundedFiles.Refused e) {
      String why =
          switch (e.reason()) {
            case MISSING -> "does not exist";
            case SYMBOLIC_LINK, DIRECTORY, NOT_REGULAR ->
                "is not a regular file (symbolic links are not followed)";
            case TOO_LARGE, GREW -> "is larger than " + MAX_BYTES + " bytes";
            case INACCESSIBLE, UNREADABLE -> "cannot be read: " + e.failure().getMessage();
          };
      throw new PolicyException("the claim policy " + file + " " + why, e.failure());
    }
    return parse(bytes, file.toString());
  }

  /**
   * Reads {@link #FILE_NAME} from notation's configuration folder.
   *
   * @throws PolicyException as {@link #read}
   */
  public static ClaimPolicy load(NotationPaths paths) throws PolicyException {
    return read(paths.configDirectory().resolve(FILE_NAME));
  }

  /** The statements in document order. */
  public List<ClaimPolicyStatement> statements() {
    return statements;
  }

  /** The statement named {@code name}. */
  public Optional<ClaimPolicyStatement> statementNamed(String name) {
    return statements.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * The statement that governs {@code scope} ({@code host[:port]/repository} or {@code
   * local/<name>}) in {@code environment}: the one listing the scope, else the one with scope
   * {@code *}.
   *
   * @throws PolicyException if the scope or environment is malformed or no statement governs them
   */
  public ClaimPolicyStatement statementFor(String scope, String environment)
      throws PolicyException {
    if (!Syntax.isRepositoryScope(scope)) {
      throw new PolicyException(
          "registry scope \""
              + scope
              + "\" is not valid: expected a repository such as"
              + " registry.example/net-monitor, or local/<name> for an OCI image layout");
    }
    if (!Approval.isEnvironmentName(environment)) {
      throw new PolicyException(
          "environment \"" + environment + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    }
    List<ClaimPolicyStatement> global = new ArrayList<>();
    for (ClaimPolicyStatement s : statements) {
      if (s.registryScopes().contains(scope) && s.governs(environment)) {
        return s;
      }
      if (s.isGlobalScope() && s.governs(environment)) {
        global.add(s);
      }
    }
    if (!global.isEmpty()) {
      return global.get(0);
    }
    throw new PolicyException(
        "no claim policy statement governs scope \""
            + scope
            + "\" in environment \""
            + environment
            + "\" (and no statement with scope \"*\" does)");
  }

  @Override
  public String toString() {
    return "ClaimPolicy" + statements;
  }
}
