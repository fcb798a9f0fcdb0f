package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.RawStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated statement of a blob trust policy ({@code trustpolicy.blob.json}). A blob statement is
 * chosen by its name, or is the document's global statement ({@link #isGlobal()}) used when the
 * caller names none.
 *
 * <p>Besides the rules of every {@link TrustPolicyStatement}, and following the specification where
 * notation's check never fires: a global statement may not have the level {@code skip}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * BlobTrustPolicyStatement st = BlobTrustPolicyStatement.builder("release-binaries")
 *     .signatureVerification(SignatureVerification.of(VerificationLevel.STRICT))
 *     .trustStore(TrustStoreRef.parse("ca:wabbit-networks"))
 *     .trustedIdentity("*")
 *     .globalPolicy(true)
 *     .build();
 * }</pre>
 */
public final class BlobTrustPolicyStatement implements TrustPolicyStatement {
  private final StatementValidator.Core core;
  private final boolean global;

  private BlobTrustPolicyStatement(StatementValidator.Core core, boolean global) {
    this.core = core;
    this.global = global;
  }

  static BlobTrustPolicyStatement validate(RawStatement raw) throws InvalidTrustPolicyException {
    StatementValidator.Core core = StatementValidator.validate("blob", raw);
    boolean global = Boolean.TRUE.equals(raw.globalPolicy());
    if (global && core.signatureVerification().level() == VerificationLevel.SKIP) {
      throw StatementValidator.invalid(
          core.name(),
          "blob trust policy statement \""
              + core.name()
              + "\" is a global policy (\"globalPolicy\": true) with the level \"skip\"; the"
              + " trust policy specification forbids a global skip statement");
    }
    return new BlobTrustPolicyStatement(core, global);
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

  /** True if this is the document's global statement ({@code "globalPolicy": true}). */
  public boolean isGlobal() {
    return global;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobTrustPolicyStatement
        && ((BlobTrustPolicyStatement) o).core.equals(core)
        && ((BlobTrustPolicyStatement) o).global == global;
  }

  @Override
  public int hashCode() {
    return 31 * core.hashCode() + Boolean.hashCode(global);
  }

  @Override
  public String toString() {
    return "BlobTrustPolicyStatement{name="
        + name()
        + (global ? ", global" : "")
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
    private @Nullable SignatureVerification verification;
    private final List<String> stores = new ArrayList<>();
    private final List<String> identities = new ArrayList<>();
    private boolean global;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
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

    /** Adds a trusted identity as written in policies. */
    public Builder trustedIdentity(String identity) {
      identities.add(Objects.requireNonNull(identity, "identity"));
      return this;
    }

    /** Marks the statement as the global one. */
    public Builder globalPolicy(boolean global) {
      this.global = global;
      return this;
    }

    /**
     * Validates and builds the statement.
     *
     * @throws InvalidTrustPolicyException if a rule is broken
     */
    public BlobTrustPolicyStatement build() throws InvalidTrustPolicyException {
      return validate(
          OciTrustPolicyStatement.Raw.of(name, null, global, verification, stores, identities));
    }
  }
}
