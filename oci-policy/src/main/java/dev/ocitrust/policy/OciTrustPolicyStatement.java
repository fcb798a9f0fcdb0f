package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.RawStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated statement of an OCI trust policy ({@code trustpolicy.oci.json}): which repositories
 * it applies to ({@link #registryScopes()}: fully qualified {@code host[:port]/repository} values,
 * or the single global scope {@code *}), and how their signatures are verified.
 *
 * <p>Besides the rules of every {@link TrustPolicyStatement}: at least one scope; {@code *} only
 * alone; every other scope matches {@code domain/repository} without tag, digest or {@code *}; and,
 * following the specification where notation does not enforce it, a {@code skip} statement may not
 * use the global scope {@code *}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * OciTrustPolicyStatement st = OciTrustPolicyStatement.builder("wabbit-networks-images")
 *     .registryScope("registry.acme-rockets.io/software/net-monitor")
 *     .signatureVerification(SignatureVerification.of(VerificationLevel.STRICT))
 *     .trustStore(TrustStoreRef.parse("ca:wabbit-networks"))
 *     .trustedIdentity("x509.subject: C=US, ST=WA, O=wabbit-networks.io")
 *     .build();
 * }</pre>
 */
public final class OciTrustPolicyStatement implements TrustPolicyStatement {
  /** The global registry scope. */
  public static final String GLOBAL_SCOPE = "*";

  private final StatementValidator.Core core;
  private final List<String> registryScopes;

  private OciTrustPolicyStatement(StatementValidator.Core core, List<String> registryScopes) {
    this.core = core;
    this.registryScopes = List.copyOf(registryScopes);
  }

  /** Validates a raw statement (everything but cross-statement rules). */
  static OciTrustPolicyStatement validate(RawStatement raw) throws InvalidTrustPolicyException {
    StatementValidator.Core core = StatementValidator.validate("oci", raw);
    String name = core.name();
    String st = "oci trust policy statement \"" + name + "\"";
    List<String> scopes = raw.registryScopes() == null ? List.of() : raw.registryScopes();
    if (scopes.isEmpty()) {
      throw StatementValidator.invalid(
          name,
          st
              + " has zero registry scopes, it must specify registry scopes with at least one"
              + " value");
    }
    if (scopes.size() > 1 && scopes.contains(GLOBAL_SCOPE)) {
      throw StatementValidator.invalid(
          name,
          st
              + " uses wildcard registry scope '*', a wildcard scope cannot be used in conjunction"
              + " with other scope values "
              + scopes);
    }
    for (String scope : scopes) {
      if (!scope.equals(GLOBAL_SCOPE)) {
        StatementValidator.checkScopeSyntax(name, st, scope);
      }
    }
    for (int i = 0; i < scopes.size(); i++) {
      if (scopes.indexOf(scopes.get(i)) != i) {
        throw StatementValidator.invalid(
            name, st + " lists the registry scope \"" + scopes.get(i) + "\" more than once");
      }
    }
    if (core.signatureVerification().level() == VerificationLevel.SKIP
        && scopes.contains(GLOBAL_SCOPE)) {
      throw StatementValidator.invalid(
          name,
          st
              + " uses the level \"skip\" with the global registry scope '*'; the trust policy"
              + " specification forbids skipping verification for every artifact, list fully"
              + " qualified repositories instead (notation accepts this, ocitrust does not)");
    }
    return new OciTrustPolicyStatement(core, scopes);
  }

  /** A builder for a statement named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return core.name();
  }

  @Override
  public SignatureVerification signatureVerification() {
    return core.signatureVerification();
  }

  @Override
  public List<TrustStoreRef> trustStores() {
    return core.trustStores();
  }

  @Override
  public TrustedIdentities trustedIdentities() {
    return core.trustedIdentities();
  }

  /** The registry scopes, in document order; unmodifiable and never empty. */
  public List<String> registryScopes() {
    return registryScopes;
  }

  /** True if this is the global statement (scope {@code *}). */
  public boolean isGlobal() {
    return registryScopes.contains(GLOBAL_SCOPE);
  }

  /** A builder holding this statement's values. */
  public Builder toBuilder() {
    Builder b = new Builder(name()).signatureVerification(signatureVerification());
    registryScopes.forEach(b::registryScope);
    trustStores().forEach(b::trustStore);
    trustedIdentities().values().forEach(b::trustedIdentity);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OciTrustPolicyStatement
        && ((OciTrustPolicyStatement) o).core.equals(core)
        && ((OciTrustPolicyStatement) o).registryScopes.equals(registryScopes);
  }

  @Override
  public int hashCode() {
    return 31 * core.hashCode() + registryScopes.hashCode();
  }

  @Override
  public String toString() {
    return "OciTrustPolicyStatement{name="
        + name()
        + ", registryScopes="
        + registryScopes
        + ", "
        + signatureVerification()
        + ", trustStores="
        + trustStores()
        + ", trustedIdentities="
        + trustedIdentities()
        + "}";
  }

  /** Builds a statement, validating it in {@link #build()}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<String> scopes = new ArrayList<>();
    private @Nullable SignatureVerification verification;
    private final List<String> stores = new ArrayList<>();
    private final List<String> identities = new ArrayList<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Adds a registry scope ({@code host/repository}, {@code local/<name>} or {@code *}). */
    public Builder registryScope(String scope) {
      scopes.add(Objects.requireNonNull(scope, "scope"));
      return this;
    }

    /** Sets level, overrides and verifyTimestamp (required). */
    public Builder signatureVerification(SignatureVerification verification) {
      this.verification = Objects.requireNonNull(verification, "verification");
      return this;
    }

    /** Adds a trust store. */
    public Builder trustStore(TrustStoreRef store) {
      stores.add(Objects.requireNonNull(store, "store").toString());
      return this;
    }

    /** Adds a trusted identity as written in policies ({@code *} or {@code x509.subject: ...}). */
    public Builder trustedIdentity(String identity) {
      identities.add(Objects.requireNonNull(identity, "identity"));
      return this;
    }

    /**
     * Validates and builds the statement.
     *
     * @throws InvalidTrustPolicyException if a rule is broken; the message names the statement and
     *     the value
     */
    public OciTrustPolicyStatement build() throws InvalidTrustPolicyException {
      return validate(Raw.of(name, scopes, null, verification, stores, identities));
    }
  }

  /** Turns builder state into the raw form the validator reads. */
  static final class Raw {
    private Raw() {}

    static RawStatement of(
        String name,
        @Nullable List<String> scopes,
        @Nullable Boolean global,
        @Nullable SignatureVerification sv,
        List<String> stores,
        List<String> identities) {
      Map<String, String> override = new LinkedHashMap<>();
      if (sv != null) {
        sv.overrides().forEach((k, v) -> override.put(k.value(), v.value()));
      }
      return new RawStatement(
          0,
          name,
          scopes == null ? null : List.copyOf(scopes),
          sv != null,
          sv == null ? null : sv.level().value(),
          override,
          sv == null ? null : sv.verifyTimestamp().map(VerifyTimestamp::value).orElse(null),
          List.copyOf(stores),
          List.copyOf(identities),
          global);
    }
  }
}
