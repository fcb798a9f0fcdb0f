package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.RawStatement;
import dev.ocitrust.policy.internal.Syntax;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks one raw statement against the rules shared by OCI and blob policies. */
final class StatementValidator {
  /** The validated parts common to both statement kinds. */
  record Core(
      String name,
      SignatureVerification signatureVerification,
      List<TrustStoreRef> trustStores,
      TrustedIdentities trustedIdentities) {}

  private StatementValidator() {}

  static Core validate(String kind, RawStatement raw) throws InvalidTrustPolicyException {
    String name = raw.name();
    if (name == null || name.isEmpty()) {
      throw new InvalidTrustPolicyException(
          null,
          kind
              + " trust policy: statement "
              + raw.label()
              + " is missing a name, every statement requires a name",
          null);
    }
    String st = kind + " trust policy statement \"" + name + "\"";
    SignatureVerification sv = signatureVerification(name, st, raw);
    boolean skip = sv.level() == VerificationLevel.SKIP;
    if (skip) {
      if (!raw.trustStores().isEmpty() || !raw.trustedIdentities().isEmpty()) {
        throw invalid(
            name,
            st
                + " is set to skip signature verification but configured with trust stores"
                + " and/or trusted identities "
                + raw.trustStores()
                + " "
                + raw.trustedIdentities()
                + ", remove them if signature verification needs to be skipped");
      }
      return new Core(name, sv, List.of(), TrustedIdentities.none());
    }
    if (raw.trustStores().isEmpty() || raw.trustedIdentities().isEmpty()) {
      throw invalid(
          name,
          st
              + " is either missing trust stores or trusted identities, both must be specified"
              + " (trustStores="
              + raw.trustStores()
              + ", trustedIdentities="
              + raw.trustedIdentities()
              + ")");
    }
    // A store named twice adds nothing (notation accepts it): keep its first occurrence.
    Set<TrustStoreRef> stores = new LinkedHashSet<>();
    for (String s : raw.trustStores()) {
      stores.add(trustStore(name, st, s));
    }
    TrustedIdentities ids;
    try {
      ids = TrustedIdentities.of(raw.trustedIdentities());
    } catch (IllegalArgumentException e) {
      throw new InvalidTrustPolicyException(name, st + " has " + e.getMessage(), e);
    }
    return new Core(name, sv, List.copyOf(stores), ids);
  }

  private static SignatureVerification signatureVerification(
      String name, String st, RawStatement raw) throws InvalidTrustPolicyException {
    String bad = st + " has invalid signatureVerification: ";
    if (!raw.hasSignatureVerification()) {
      throw invalid(name, st + " is missing \"signatureVerification\", it is required");
    }
    String levelText = raw.level();
    if (levelText == null || levelText.isEmpty()) {
      throw invalid(name, bad + "signature verification level is empty or missing");
    }
    VerificationLevel level =
        VerificationLevel.fromValue(levelText)
            .orElseThrow(
                () ->
                    invalid(
                        name,
                        bad
                            + "invalid signature verification level \""
                            + levelText
                            + "\", supported values are strict, permissive, audit and skip"));
    if (level == VerificationLevel.SKIP && !raw.override().isEmpty()) {
      throw invalid(
          name,
          bad
              + "signature verification level \"skip\" can't be used to customize signature"
              + " verification (override "
              + raw.override()
              + ")");
    }
    Map<VerificationCheck, CheckAction> overrides = new EnumMap<>(VerificationCheck.class);
    for (Map.Entry<String, String> e : raw.override().entrySet()) {
      VerificationCheck check =
          VerificationCheck.fromValue(e.getKey())
              .orElseThrow(
                  () ->
                      invalid(
                          name,
                          bad
                              + "verification type \""
                              + e.getKey()
                              + "\" in override is not supported, supported values are"
                              + " authenticity, authenticTimestamp, expiry and revocation"));
      CheckAction action =
          CheckAction.fromValue(e.getValue())
              .orElseThrow(
                  () ->
                      invalid(
                          name,
                          bad
                              + "verification action \""
                              + e.getValue()
                              + "\" for \""
                              + e.getKey()
                              + "\" is not supported, supported values are enforce, log and"
                              + " skip"));
      String problem = SignatureVerification.overrideProblem(check, action);
      if (problem != null) {
        throw invalid(name, bad + problem);
      }
      overrides.put(check, action);
    }
    VerifyTimestamp vt = null;
    String vtText = raw.verifyTimestamp();
    if (vtText != null) {
      vt =
          VerifyTimestamp.fromValue(vtText)
              .orElseThrow(
                  () ->
                      invalid(
                          name,
                          bad
                              + "verifyTimestamp must be \"always\" or \"afterCertExpiry\", but"
                              + " got \""
                              + vtText
                              + "\""));
    }
    SignatureVerification.Builder b = SignatureVerification.builder(level).verifyTimestamp(vt);
    overrides.forEach(b::override);
    return b.build();
  }

  private static TrustStoreRef trustStore(String name, String st, String value)
      throws InvalidTrustPolicyException {
    try {
      return TrustStoreRef.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidTrustPolicyException(name, st + " has " + e.getMessage(), e);
    }
  }

  /** Checks one OCI registry scope's syntax. */
  static void checkScopeSyntax(String name, String st, String scope)
      throws InvalidTrustPolicyException {
    String hint =
        " is not valid, make sure it is a fully qualified repository without the scheme, protocol"
            + " or tag. For example domain.com/my/repository or a local scope like"
            + " local/myOCILayout";
    if (scope.length() > 1 && scope.contains("*")) {
      throw invalid(name, st + ": registry scope \"" + scope + "\" with wild card(s)" + hint);
    }
    if (!Syntax.isRepositoryScope(scope)) {
      throw invalid(name, st + ": registry scope \"" + scope + "\"" + hint);
    }
  }

  static InvalidTrustPolicyException invalid(String name, String message) {
    return new InvalidTrustPolicyException(name, message, null);
  }
}
