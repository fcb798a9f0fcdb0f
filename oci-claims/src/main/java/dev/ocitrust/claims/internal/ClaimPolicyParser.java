package dev.ocitrust.claims.internal;

import dev.ocitrust.claims.ClaimPolicyStatement;
import dev.ocitrust.claims.ClaimRule;
import dev.ocitrust.claims.ClaimTypes;
import dev.ocitrust.claims.EnforcementMode;
import dev.ocitrust.claims.InvalidClaimPolicyException;
import dev.ocitrust.claims.IssuerRole;
import dev.ocitrust.claims.LifecycleEffect;
import dev.ocitrust.claims.Quantifier;
import dev.ocitrust.claims.TrustedIssuer;
import dev.ocitrust.claims.Waiver;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.policy.TrustStoreRef;
import dev.ocitrust.policy.TrustedIdentities;
import dev.ocitrust.policy.internal.StrictJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a claim policy document into statements: strict structure (see {@link StrictJson}), then
 * each statement's rules through {@link ClaimPolicyStatement.Builder}. Every error names the
 * statement and the property.
 *
 * <p>Thread-safe: stateless.
 */
public final class ClaimPolicyParser {
  /** The only supported document version. */
  public static final String VERSION = "1.0";

  private static final Set<String> DOCUMENT = Set.of("version", "claimPolicies");
  private static final Set<String> STATEMENT =
      Set.of(
          "name",
          "registryScopes",
          "environments",
          "issuers",
          "precedence",
          "rules",
          "exceptions",
          "mode");
  private static final Set<String> ISSUER =
      Set.of("name", "role", "iss", "trustStores", "trustedIdentities");
  private static final Set<String> SERVICE =
      Set.of("name", "role", "iss", "serviceKeys", "certificates");
  private static final List<String> KINDS =
      List.of("requireApproval", "requireClaim", "denyRejection", "lifecycle", "requireReceipt");
  private static final Set<String> RULE =
      Set.of(
          "name",
          "requireApproval",
          "requireClaim",
          "denyRejection",
          "lifecycle",
          "requireReceipt");
  private static final Set<String> REQUIRE_RECEIPT = Set.of("contentTypes", "from");
  private static final Set<String> LIFECYCLE =
      Set.of("from", "endOfLife", "deprecated", "overridableBy", "unsignedEndOfLife");
  private static final Set<String> REQUIRE_APPROVAL = Set.of("from", "match", "maxAge");
  private static final Set<String> REQUIRE_CLAIM = Set.of("contentType", "from", "match", "maxAge");
  private static final Set<String> DENY_REJECTION = Set.of("from");
  private static final Set<String> EXCEPTION = Set.of("rule", "digest", "until", "reason");

  /** The role of an issuers entry that declares a transparency service. */
  public static final String SERVICE_ROLE = "transparency-service";

  private ClaimPolicyParser() {}

  /** The statements of the document {@code json}, called {@code source} in messages. */
  public static List<ClaimPolicyStatement> parse(byte[] json, String source)
      throws InvalidClaimPolicyException {
    StrictJson.Fields doc;
    List<StrictJson.Fields> raw;
    try {
      doc = StrictJson.readObject(json);
      doc.allowOnly(DOCUMENT);
      String version = doc.text("version");
      if (!version.equals(VERSION)) {
        throw doc.problem("version", "unsupported version \"" + version + "\", expected \"1.0\"");
      }
      raw = doc.objects("claimPolicies", true);
    } catch (StrictJson.Problem e) {
      throw new InvalidClaimPolicyException("claim policy " + source + ": " + e.getMessage());
    }
    List<ClaimPolicyStatement> out = new ArrayList<>();
    for (StrictJson.Fields s : raw) {
      out.add(statement(s, source));
    }
    return out;
  }

  private static ClaimPolicyStatement statement(StrictJson.Fields s, String source)
      throws InvalidClaimPolicyException {
    String name = s.path();
    try {
      name = s.text("name");
      s.allowOnly(STATEMENT);
      ClaimPolicyStatement.Builder b =
          ClaimPolicyStatement.builder(name)
              .registryScopes(s.texts("registryScopes", true))
              .environments(s.texts("environments", true))
              .precedence(s.texts("precedence", false))
              .mode(mode(s));
      for (StrictJson.Fields i : s.objects("issuers", true)) {
        if (i.optionalText("role").orElse("").equals(SERVICE_ROLE)) {
          b.service(ServicePolicyParser.service(i, SERVICE));
        } else {
          b.issuer(issuer(i));
        }
      }
      for (StrictJson.Fields r : s.objects("rules", true)) {
        b.rule(rule(r));
      }
      for (StrictJson.Fields w : s.objects("exceptions", false)) {
        b.waiver(waiver(w));
      }
      return b.build();
    } catch (StrictJson.Problem e) {
      throw new InvalidClaimPolicyException(name, e.getMessage() + " (in " + source + ")", e);
    } catch (IllegalArgumentException e) {
      throw new InvalidClaimPolicyException(name, e.getMessage() + " (in " + source + ")", e);
    }
  }

  private static EnforcementMode mode(StrictJson.Fields s) throws StrictJson.Problem {
    String m = s.optionalText("mode").orElse("enforce");
    return switch (m) {
      case "enforce" -> EnforcementMode.ENFORCE;
      case "audit" -> EnforcementMode.AUDIT;
      default -> throw s.problem("mode", "expected \"enforce\" or \"audit\", found \"" + m + "\"");
    };
  }

  private static TrustedIssuer issuer(StrictJson.Fields i) throws StrictJson.Problem {
    i.allowOnly(ISSUER);
    String name = i.text("name");
    String role = i.text("role");
    IssuerRole r =
        switch (role) {
          case "consumer" -> IssuerRole.CONSUMER;
          case "publisher" -> IssuerRole.PUBLISHER;
          default ->
              throw i.problem(
                  "role",
                  "expected \"consumer\", \"publisher\" or \""
                      + SERVICE_ROLE
                      + "\", found \""
                      + role
                      + "\"");
        };
    List<String> iss = i.texts("iss", true);
    List<TrustStoreRef> stores = new ArrayList<>();
    for (String v : i.texts("trustStores", true)) {
      try {
        stores.add(TrustStoreRef.parse(v));
      } catch (IllegalArgumentException e) {
        throw i.problem("trustStores", String.valueOf(e.getMessage()));
      }
    }
    TrustedIdentities ids;
    try {
      ids = TrustedIdentities.of(i.texts("trustedIdentities", true));
    } catch (IllegalArgumentException e) {
      throw i.problem("trustedIdentities", String.valueOf(e.getMessage()));
    }
    try {
      return new TrustedIssuer(name, r, iss, stores, ids);
    } catch (IllegalArgumentException e) {
      throw i.problem("trustStores", String.valueOf(e.getMessage()));
    }
  }

  private static ClaimRule rule(StrictJson.Fields r) throws StrictJson.Problem {
    r.allowOnly(RULE);
    String name = r.text("name");
    List<String> kinds = KINDS.stream().filter(r::has).toList();
    if (kinds.size() != 1) {
      throw r.problem(
          "name",
          "rule \""
              + name
              + "\" must have exactly one of requireApproval, requireClaim,"
              + " denyRejection, lifecycle and requireReceipt, found "
              + kinds);
    }
    StrictJson.Fields k = r.object(kinds.get(0));
    switch (kinds.get(0)) {
      case "requireApproval" -> {
        k.allowOnly(REQUIRE_APPROVAL);
        return new ClaimRule.RequireApproval(
            name, k.texts("from", true), match(k), k.optionalDuration("maxAge"));
      }
      case "requireClaim" -> {
        k.allowOnly(REQUIRE_CLAIM);
        String type = k.text("contentType");
        if (!MediaTypes.isValid(type) || type.equals(ClaimTypes.STATEMENT)) {
          throw k.problem("contentType", "\"" + type + "\" is not a claim content type");
        }
        Optional<Duration> maxAge = k.optionalDuration("maxAge");
        return new ClaimRule.RequireClaim(name, type, k.texts("from", true), match(k), maxAge);
      }
      case "lifecycle" -> {
        k.allowOnly(LIFECYCLE);
        return new ClaimRule.LifecycleRule(
            name,
            k.texts("from", true),
            effect(k, "endOfLife", LifecycleEffect.DENY),
            effect(k, "deprecated", LifecycleEffect.WARN),
            k.texts("overridableBy", false),
            effect(k, "unsignedEndOfLife", LifecycleEffect.WARN));
      }
      case "requireReceipt" -> {
        k.allowOnly(REQUIRE_RECEIPT);
        List<String> types = k.texts("contentTypes", true);
        for (String type : types) {
          if (!MediaTypes.isValid(type) || type.equals(ClaimTypes.STATEMENT)) {
            throw k.problem("contentTypes", "\"" + type + "\" is not a claim content type");
          }
        }
        return new ClaimRule.RequireReceipt(name, types, k.texts("from", true));
      }
      default -> {
        k.allowOnly(DENY_REJECTION);
        return new ClaimRule.DenyRejection(name, k.texts("from", true));
      }
    }
  }

  private static LifecycleEffect effect(StrictJson.Fields k, String field, LifecycleEffect fallback)
      throws StrictJson.Problem {
    Optional<String> v = k.optionalText(field);
    if (v.isEmpty()) {
      return fallback;
    }
    return switch (v.get()) {
      case "deny" -> LifecycleEffect.DENY;
      case "warn" -> LifecycleEffect.WARN;
      case "ignore" -> LifecycleEffect.IGNORE;
      default ->
          throw k.problem(
              field, "expected \"deny\", \"warn\" or \"ignore\", found \"" + v.get() + "\"");
    };
  }

  private static Quantifier match(StrictJson.Fields k) throws StrictJson.Problem {
    String m = k.optionalText("match").orElse("any");
    return switch (m) {
      case "any" -> Quantifier.ANY;
      case "all" -> Quantifier.ALL;
      default -> throw k.problem("match", "expected \"any\" or \"all\", found \"" + m + "\"");
    };
  }

  private static Waiver waiver(StrictJson.Fields w) throws StrictJson.Problem {
    w.allowOnly(EXCEPTION);
    String digest = w.text("digest");
    Digest d;
    try {
      d = Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      throw w.problem("digest", "\"" + digest + "\" is not a digest: " + e.getMessage());
    }
    return new Waiver(w.text("rule"), d, w.instant("until"), w.optionalText("reason"));
  }
}
