package dev.ocitrust.policy;

import dev.ocitrust.client.Digest;
import dev.ocitrust.client.Reference;
import dev.ocitrust.policy.internal.PolicyFiles;
import dev.ocitrust.policy.internal.PolicyJson;
import dev.ocitrust.policy.internal.RawDocument;
import dev.ocitrust.policy.internal.RawStatement;
import dev.ocitrust.policy.internal.Syntax;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated Notary Project OCI trust policy document ({@code trustpolicy.oci.json}, formerly
 * {@code trustpolicy.json}), and the selection of the statement that applies to an artifact.
 *
 * <p><b>Parsing</b> is strict: invalid JSON, duplicate keys, unknown or mis-cased properties,
 * {@code null} values and values of the wrong JSON type are errors (notation silently ignores
 * unknown properties and matches names case-insensitively; a misspelt {@code "overide"} would then
 * change what the policy means without a word). <b>Validation</b> applies every rule of the
 * specification: version {@code "1.0"}; at least one statement; unique names; each statement's own
 * rules (see {@link TrustPolicyStatement}, {@link OciTrustPolicyStatement}); and a registry scope,
 * {@code *} included, in at most one statement. The first broken rule is reported, naming the
 * statement and the value; an invalid document is never partially usable.
 *
 * <p><b>Selection</b> ({@link #statementFor(String)}): the scope of a digest reference is the text
 * before its last {@code @}; a statement listing exactly that scope wins, otherwise the global
 * statement ({@code *}) applies, otherwise there is no applicable statement and verification must
 * fail. OCI image layouts use scopes of the form {@code local/<name>} ({@link
 * #statementForScope(String)}).
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> Every statement returned satisfies the specification's rules; no
 * artifact is ever matched to a statement by prefix or pattern, only by exact scope or the single
 * global statement; a reference without a digest is refused, so a mutable tag can never select a
 * policy.
 *
 * <pre>{@code
 * OciTrustPolicy policy = OciTrustPolicy.load(NotationPaths.userDefault());
 * OciTrustPolicyStatement st =
 *     policy.statementFor("registry.acme-rockets.io/software/net-monitor@sha256:5b0b...");
 * VerificationActions actions = st.actions();
 * }</pre>
 */
public final class OciTrustPolicy {
  /** The only supported document version. */
  public static final String VERSION = "1.0";

  private final List<OciTrustPolicyStatement> statements;

  private OciTrustPolicy(List<OciTrustPolicyStatement> statements) {
    this.statements = List.copyOf(statements);
  }

  /**
   * Parses and validates a document.
   *
   * @throws InvalidTrustPolicyException if the JSON is malformed or a rule is broken
   */
  public static OciTrustPolicy parse(String json) throws InvalidTrustPolicyException {
    return parse(json.getBytes(StandardCharsets.UTF_8), "document");
  }

  /**
   * Parses and validates a document.
   *
   * @param source what to call the document in messages (e.g. its file name)
   * @throws InvalidTrustPolicyException if the JSON is malformed or a rule is broken
   */
  public static OciTrustPolicy parse(byte[] json, String source)
      throws InvalidTrustPolicyException {
    RawDocument raw = PolicyJson.read(json, "oci", source);
    checkVersion(raw, "oci");
    List<OciTrustPolicyStatement> out = new ArrayList<>();
    for (RawStatement s : raw.statements()) {
      out.add(OciTrustPolicyStatement.validate(s));
    }
    return of(out);
  }

  /**
   * A document of statements built in code, checked for the cross-statement rules (unique names,
   * each scope in one statement only).
   *
   * @throws InvalidTrustPolicyException if there are no statements or a rule is broken
   */
  public static OciTrustPolicy of(List<OciTrustPolicyStatement> statements)
      throws InvalidTrustPolicyException {
    if (statements.isEmpty()) {
      throw new InvalidTrustPolicyException(
          "oci trust policy document can not have zero trust policy statements");
    }
    Map<String, String> scopeOwner = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (OciTrustPolicyStatement s : statements) {
      Objects.requireNonNull(s, "statement");
      if (names.contains(s.name())) {
        throw new InvalidTrustPolicyException(
            s.name(),
            "multiple oci trust policy statements use the same name \""
                + s.name()
                + "\", statement names must be unique",
            null);
      }
      names.add(s.name());
      for (String scope : s.registryScopes()) {
        String owner = scopeOwner.putIfAbsent(scope, s.name());
        if (owner != null) {
          throw new InvalidTrustPolicyException(
              s.name(),
              "registry scope \""
                  + scope
                  + "\" is present in multiple oci trust policy statements (\""
                  + owner
                  + "\" and \""
                  + s.name()
                  + "\"), one registry scope value can only be associated with one statement",
              null);
        }
      }
    }
    return new OciTrustPolicy(statements);
  }

  /**
   * Reads and validates the document at {@code file}.
   *
   * @throws PolicyException if the file does not exist, is not a regular file (symbolic links are
   *     refused), cannot be read, or is invalid ({@link InvalidTrustPolicyException})
   */
  public static OciTrustPolicy read(Path file) throws PolicyException {
    return parse(readRequired(file), file.toString());
  }

  /**
   * Reads the OCI policy of a notation configuration: {@code trustpolicy.oci.json}, or, only if it
   * does not exist, the legacy {@code trustpolicy.json} (notation's precedence).
   *
   * @throws PolicyException if neither exists, the one found is not a regular file, cannot be read
   *     or is invalid
   */
  public static OciTrustPolicy load(NotationPaths paths) throws PolicyException {
    for (Path file : List.of(paths.ociTrustPolicyFile(), paths.legacyOciTrustPolicyFile())) {
      Optional<byte[]> bytes = readOptional(file);
      if (bytes.isPresent()) {
        return parse(bytes.get(), file.toString());
      }
    }
    throw new PolicyException(
        "the oci trust policy is not present, create "
            + paths.ociTrustPolicyFile()
            + " (or the legacy "
            + paths.legacyOciTrustPolicyFile()
            + ")");
  }

  static Optional<byte[]> readOptional(Path file) throws PolicyException {
    try {
      return PolicyFiles.readIfExists(file);
    } catch (PolicyFiles.FileProblem e) {
      throw new PolicyException(Objects.requireNonNullElse(e.getMessage(), e.toString()), e);
    }
  }

  static byte[] readRequired(Path file) throws PolicyException {
    return readOptional(file)
        .orElseThrow(() -> new PolicyException("the trust policy " + file + " does not exist"));
  }

  static void checkVersion(RawDocument raw, String kind) throws InvalidTrustPolicyException {
    String v = raw.version();
    if (v == null || v.isEmpty()) {
      throw new InvalidTrustPolicyException(
          kind + " trust policy document is missing or has empty version, it must be specified");
    }
    if (!v.equals(VERSION)) {
      throw new InvalidTrustPolicyException(
          kind
              + " trust policy document uses unsupported version \""
              + v
              + "\", the supported version is \"1.0\"");
    }
    if (raw.statements().isEmpty()) {
      throw new InvalidTrustPolicyException(
          kind + " trust policy document can not have zero trust policy statements");
    }
  }

  /** The statements in document order; unmodifiable and never empty. */
  public List<OciTrustPolicyStatement> statements() {
    return statements;
  }

  /** The statement with this name, if any. */
  public Optional<OciTrustPolicyStatement> statementNamed(String name) {
    for (OciTrustPolicyStatement s : statements) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The global statement (scope {@code *}), if any. */
  public Optional<OciTrustPolicyStatement> globalStatement() {
    for (OciTrustPolicyStatement s : statements) {
      if (s.isGlobal()) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The statement for a digest reference written as text, {@code host[:port]/repository@<digest>}
   * (notation's rule: the scope is the text before the last {@code @}).
   *
   * @throws PolicyException if the reference has no digest, its scope is not a fully qualified
   *     repository (a tag is refused), the digest is not {@code algorithm:encoded}, or no statement
   *     applies
   */
  public OciTrustPolicyStatement statementFor(String artifactReference) throws PolicyException {
    int at = artifactReference.lastIndexOf('@');
    if (at < 0) {
      throw new PolicyException(
          "artifact reference \""
              + artifactReference
              + "\" could not be parsed, it must be a digest reference without scheme, e.g."
              + " domain.com:80/my/repository@sha256:<digest>");
    }
    String scope = artifactReference.substring(0, at);
    String digest = artifactReference.substring(at + 1);
    if (!Syntax.isDigest(digest)) {
      throw new PolicyException(
          "artifact reference \""
              + artifactReference
              + "\" has an invalid digest \""
              + digest
              + "\", expected <algorithm>:<encoded>");
    }
    return select(scope, artifactReference);
  }

  /**
   * The statement for a parsed reference, which must carry a digest; its scope is {@code
   * registry/repository} exactly as the reference holds them (no further normalisation).
   *
   * @throws PolicyException if the reference has no digest or no statement applies
   */
  public OciTrustPolicyStatement statementFor(Reference reference) throws PolicyException {
    Optional<Digest> digest = reference.digest();
    if (digest.isEmpty()) {
      throw new PolicyException(
          "artifact reference \""
              + reference
              + "\" has no digest; trust policy selection needs a digest reference (resolve the"
              + " tag first)");
    }
    return select(reference.registry() + "/" + reference.repository(), reference.toString());
  }

  /**
   * The statement for an artifact in an OCI image layout, whose scope is {@code local/<name>}.
   *
   * @throws PolicyException if {@code local/<name>} is not a valid scope or no statement applies
   */
  public OciTrustPolicyStatement statementForLocalLayout(String name) throws PolicyException {
    return statementForScope("local/" + name);
  }

  /**
   * The statement for a registry scope ({@code host[:port]/repository} or {@code local/<name>}):
   * exact match, else the global statement.
   *
   * @throws PolicyException if the scope is malformed or no statement applies
   */
  public OciTrustPolicyStatement statementForScope(String scope) throws PolicyException {
    return select(scope, scope);
  }

  private OciTrustPolicyStatement select(String scope, String shown) throws PolicyException {
    if (scope.contains("*") || !Syntax.isRepositoryScope(scope)) {
      throw new PolicyException(
          "registry scope \""
              + scope
              + "\" of artifact \""
              + shown
              + "\" is not valid, make sure it is a fully qualified repository without the"
              + " scheme, protocol or tag. For example domain.com/my/repository or a local scope"
              + " like local/myOCILayout");
    }
    OciTrustPolicyStatement global = null;
    for (OciTrustPolicyStatement s : statements) {
      if (s.registryScopes().contains(scope)) {
        return s;
      }
      if (s.isGlobal()) {
        global = s;
      }
    }
    if (global != null) {
      return global;
    }
    throw new PolicyException(
        "artifact \""
            + shown
            + "\" has no applicable oci trust policy statement: no statement has the registry"
            + " scope \""
            + scope
            + "\" and there is no global statement ('*')");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OciTrustPolicy && ((OciTrustPolicy) o).statements.equals(statements);
  }

  @Override
  public int hashCode() {
    return statements.hashCode();
  }

  @Override
  public String toString() {
    return "OciTrustPolicy" + statements;
  }
}
