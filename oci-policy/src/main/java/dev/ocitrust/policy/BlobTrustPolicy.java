package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.PolicyJson;
import dev.ocitrust.policy.internal.RawDocument;
import dev.ocitrust.policy.internal.RawStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A validated Notary Project blob trust policy ({@code trustpolicy.blob.json}) and the selection of
 * the statement for a detached (blob) signature: by statement name, or the global statement.
 *
 * <p>Parsing is as strict as for {@link OciTrustPolicy}; a blob statement has no {@code
 * registryScopes} and may have {@code "globalPolicy": true}. Validation: version {@code "1.0"}; at
 * least one statement; unique names; each statement's own rules; at most one global statement,
 * which may not be {@code skip}.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> Every statement returned satisfies the specification's rules;
 * selection is by exact name or the single global statement, never by pattern.
 *
 * <pre>{@code
 * BlobTrustPolicy policy = BlobTrustPolicy.load(NotationPaths.userDefault());
 * BlobTrustPolicyStatement st = policy.statementNamed("release-binaries");
 * BlobTrustPolicyStatement fallback = policy.globalStatement();
 * }</pre>
 */
public final class BlobTrustPolicy {
  private final List<BlobTrustPolicyStatement> statements;

  private BlobTrustPolicy(List<BlobTrustPolicyStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * Parses and validates a document.
   *
   * @throws InvalidTrustPolicyException if the JSON is malformed or a rule is broken
   */
  public static BlobTrustPolicy parse(String json) throws InvalidTrustPolicyException {
    return parse(json.getBytes(StandardCharsets.UTF_8), "document");
  }

  /**
   * Parses and validates a document.
   *
   * @param source what to call the document in messages
   * @throws InvalidTrustPolicyException if the JSON is malformed or a rule is broken
   */
  public static BlobTrustPolicy parse(byte[] json, String source)
      throws InvalidTrustPolicyException {
    RawDocument raw = PolicyJson.read(json, "blob", source);
    OciTrustPolicy.checkVersion(raw, "blob");
    List<BlobTrustPolicyStatement> out = new ArrayList<>();
    for (RawStatement s : raw.statements()) {
      out.add(BlobTrustPolicyStatement.validate(s));
    }
    return of(out);
  }

  /**
   * A document of statements built in code, checked for the cross-statement rules.
   *
   * @throws InvalidTrustPolicyException if there are no statements, two share a name, or more than
   *     one is global
   */
  public static BlobTrustPolicy of(List<BlobTrustPolicyStatement> statements)
      throws InvalidTrustPolicyException {
    if (statements.isEmpty()) {
      throw new InvalidTrustPolicyException(
          "blob trust policy document can not have zero trust policy statements");
    }
    List<String> names = new ArrayList<>();
    String global = null;
    for (BlobTrustPolicyStatement s : statements) {
      Objects.requireNonNull(s, "statement");
      if (names.contains(s.name())) {
        throw new InvalidTrustPolicyException(
            s.name(),
            "multiple blob trust policy statements use the same name \""
                + s.name()
                + "\", statement names must be unique",
            null);
      }
      names.add(s.name());
      if (s.isGlobal()) {
        if (global != null) {
          throw new InvalidTrustPolicyException(
              s.name(),
              "multiple blob trust policy statements have globalPolicy set to true (\""
                  + global
                  + "\" and \""
                  + s.name()
                  + "\"), only one statement can be the global policy",
              null);
        }
        global = s.name();
      }
    }
    return new BlobTrustPolicy(statements);
  }

  /**
   * Reads and validates the document at {@code file}.
   *
   * @throws PolicyException if the file does not exist, is not a regular file, cannot be read or is
   *     invalid
   */
  public static BlobTrustPolicy read(Path file) throws PolicyException {
    return parse(OciTrustPolicy.readRequired(file), file.toString());
  }

  /**
   * Reads {@code trustpolicy.blob.json} of a notation configuration.
   *
   * @throws PolicyException if it does not exist, is not a regular file, cannot be read or is
   *     invalid
   */
  public static BlobTrustPolicy load(NotationPaths paths) throws PolicyException {
    Path file = paths.blobTrustPolicyFile();
    Optional<byte[]> bytes = OciTrustPolicy.readOptional(file);
    if (bytes.isEmpty()) {
      throw new PolicyException("the blob trust policy is not present, create " + file);
    }
    return parse(bytes.get(), file.toString());
  }

  /** The statements in document order; unmodifiable and never empty. */
  public List<BlobTrustPolicyStatement> statements() {
    return statements;
  }

  /**
   * The statement named {@code name}.
   *
   * @throws PolicyException if {@code name} is empty (use {@link #globalStatement()}) or no
   *     statement has that name
   */
  public BlobTrustPolicyStatement statementNamed(String name) throws PolicyException {
    if (name.isEmpty()) {
      throw new PolicyException(
          "blob trust policy name cannot be empty; to use the global statement call"
              + " globalStatement()");
    }
    for (BlobTrustPolicyStatement s : statements) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new PolicyException("no applicable blob trust policy with name \"" + name + "\"");
  }

  /**
   * The global statement.
   *
   * @throws PolicyException if no statement has {@code "globalPolicy": true}
   */
  public BlobTrustPolicyStatement globalStatement() throws PolicyException {
    for (BlobTrustPolicyStatement s : statements) {
      if (s.isGlobal()) {
        return s;
      }
    }
    throw new PolicyException(
        "no global blob trust policy: no statement has \"globalPolicy\": true, name a statement");
  }

  /**
   * The statement a blob verification uses: the one named {@code name}, or the global statement
   * when {@code name} is null or empty (notation's rule).
   *
   * @throws PolicyException if there is no such statement
   */
  public BlobTrustPolicyStatement select(@Nullable String name) throws PolicyException {
    return name != null && !name.isEmpty() ? statementNamed(name) : globalStatement();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobTrustPolicy && ((BlobTrustPolicy) o).statements.equals(statements);
  }

  @Override
  public int hashCode() {
    return statements.hashCode();
  }

  @Override
  public String toString() {
    return "BlobTrustPolicy" + statements;
  }
}
