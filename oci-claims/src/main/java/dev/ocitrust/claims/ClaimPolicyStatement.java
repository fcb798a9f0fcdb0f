package dev.ocitrust.claims;

import dev.ocitrust.policy.internal.Syntax;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One statement of a {@link ClaimPolicy}: for the artifacts of some registry scopes and some
 * environments, the issuers it trusts, whose claims win over whose (precedence), the rules an
 * artifact must satisfy, time-boxed exceptions ({@link Waiver}) and the enforcement mode.
 *
 * <p>Registry scopes follow notation's grammar: {@code host[:port]/repository}, {@code
 * local/<name>} for an OCI image layout, or {@code *} alone for every artifact. Environments are
 * names, or {@code *} alone for every environment.
 *
 * <p>Precedence: the order in which issuers decide a rule (the first that has a claim decides); by
 * default consumers before publishers, in the order they are declared.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ClaimPolicyStatement st = ClaimPolicyStatement.builder("acme-prod")
 *     .registryScopes(List.of("*")).environments(List.of("prod"))
 *     .issuer(acme).issuer(wabbit)
 *     .rule(new ClaimRule.RequireApproval("approved", List.of("acme", "wabbit"), Quantifier.ANY, Optional.empty()))
 *     .build();
 * }</pre>
 */
public final class ClaimPolicyStatement {
  /** The scope and the environment that stand for every one. */
  public static final String WILDCARD = "*";

  private final String name;
  private final List<String> registryScopes;
  private final List<String> environments;
  private final Map<String, TrustedIssuer> issuers;
  private final Map<String, TrustedService> services;
  private final List<String> precedence;
  private final List<ClaimRule> rules;
  private final List<Waiver> waivers;
  private final EnforcementMode mode;

  private ClaimPolicyStatement(Builder b, List<String> precedence) {
    this.name = b.name;
    this.registryScopes = List.copyOf(b.registryScopes);
    this.environments = List.copyOf(b.environments);
    this.issuers = Map.copyOf(b.issuers);
    this.services = Map.copyOf(b.services);
    this.precedence = List.copyOf(precedence);
    this.rules = List.copyOf(b.rules);
    this.waivers = List.copyOf(b.waivers);
    this.mode = b.mode;
  }

  /** A builder for a statement named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The statement's name. */
  public String name() {
    return name;
  }

  /** The registry scopes it governs. */
  public List<String> registryScopes() {
    return registryScopes;
  }

  /** The environments it governs. */
  public List<String> environments() {
    return environments;
  }

  /** Whether its scope is {@code *}. */
  public boolean isGlobalScope() {
    return registryScopes.contains(WILDCARD);
  }

  /** Whether it governs {@code environment}. */
  public boolean governs(String environment) {
    return environments.contains(WILDCARD) || environments.contains(environment);
  }

  /** Its issuers, in precedence order. */
  public List<TrustedIssuer> issuers() {
    return precedence.stream().map(issuers::get).toList();
  }

  /** The issuer named {@code name}. */
  public Optional<TrustedIssuer> issuer(String name) {
    return Optional.ofNullable(issuers.get(name));
  }

  /** The transparency services it trusts (issuers of role {@code transparency-service}). */
  public List<TrustedService> services() {
    return services.values().stream().sorted(Comparator.comparing(TrustedService::name)).toList();
  }

  /** The transparency service named {@code name}. */
  public Optional<TrustedService> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /** The issuer whose {@code iss} values include {@code iss}. */
  public Optional<TrustedIssuer> issuerOf(String iss) {
    return issuers.values().stream().filter(i -> i.iss().contains(iss)).findFirst();
  }

  /** The issuer names, first deciding first. */
  public List<String> precedence() {
    return precedence;
  }

  /** The rules, in document order. */
  public List<ClaimRule> rules() {
    return rules;
  }

  /** The exceptions. */
  public List<Waiver> waivers() {
    return waivers;
  }

  /** Enforce or audit. */
  public EnforcementMode mode() {
    return mode;
  }

  /** The content types its rules look at: approvals, lifecycle notices and the required claims. */
  public Set<String> contentTypes() {
    Set<String> types = new java.util.TreeSet<>();
    for (ClaimRule r : rules) {
      if (r instanceof ClaimRule.RequireClaim c) {
        types.add(c.contentType());
      } else if (r instanceof ClaimRule.LifecycleRule) {
        types.add(ClaimTypes.LIFECYCLE);
      } else if (r instanceof ClaimRule.RequireReceipt rr) {
        types.addAll(rr.contentTypes());
      } else {
        types.add(ClaimTypes.APPROVAL);
      }
    }
    return types;
  }

  @Override
  public String toString() {
    return "ClaimPolicyStatement{"
        + name
        + ", scopes "
        + registryScopes
        + ", environments "
        + environments
        + "}";
  }

  /** Builds a {@link ClaimPolicyStatement}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private List<String> registryScopes = List.of();
    private List<String> environments = List.of();
    private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
    private final Map<String, TrustedService> services = new LinkedHashMap<>();
    private List<String> precedence = List.of();
    private final List<ClaimRule> rules = new ArrayList<>();
    private final List<Waiver> waivers = new ArrayList<>();
    private EnforcementMode mode = EnforcementMode.ENFORCE;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The registry scopes (required). */
    public Builder registryScopes(List<String> scopes) {
      this.registryScopes = List.copyOf(scopes);
      return this;
    }

    /** The environments (required). */
    public Builder environments(List<String> environments) {
      this.environments = List.copyOf(environments);
      return this;
    }

    /** Adds an issuer (at least one). */
    public Builder issuer(TrustedIssuer issuer) {
      if (services.containsKey(issuer.name())
          || issuers.putIfAbsent(issuer.name(), issuer) != null) {
        throw new IllegalArgumentException("issuers: \"" + issuer.name() + "\" is declared twice");
      }
      return this;
    }

    /** Adds a trusted transparency service (its name shares the issuers' namespace). */
    public Builder service(TrustedService service) {
      if (issuers.containsKey(service.name())
          || services.putIfAbsent(service.name(), service) != null) {
        throw new IllegalArgumentException("issuers: \"" + service.name() + "\" is declared twice");
      }
      return this;
    }

    /** The precedence: every issuer name once, first deciding first (default: by role). */
    public Builder precedence(List<String> names) {
      this.precedence = List.copyOf(names);
      return this;
    }

    /** Adds a rule (at least one). */
    public Builder rule(ClaimRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Adds an exception. */
    public Builder waiver(Waiver waiver) {
      waivers.add(Objects.requireNonNull(waiver, "waiver"));
      return this;
    }

    /** Enforce (default) or audit. */
    public Builder mode(EnforcementMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The statement.
     *
     * @throws IllegalArgumentException naming the property when a rule of the format is broken
     */
    public ClaimPolicyStatement build() {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name: is required");
      }
      checkWildcard("registryScopes", registryScopes);
      checkWildcard("environments", environments);
      for (String scope : registryScopes) {
        if (!scope.equals(WILDCARD) && !Syntax.isRepositoryScope(scope)) {
          throw new IllegalArgumentException(
              "registryScopes: \""
                  + scope
                  + "\" is not a registry scope such as"
                  + " registry.example/net-monitor or local/layout");
        }
      }
      for (String e : environments) {
        if (!e.equals(WILDCARD) && !Approval.isEnvironmentName(e)) {
          throw new IllegalArgumentException(
              "environments: \"" + e + "\" is not a name of [A-Za-z0-9][A-Za-z0-9._-]{0,62}");
        }
      }
      if (issuers.isEmpty()) {
        throw new IllegalArgumentException("issuers: at least one issuer is required");
      }
      Map<String, String> issOwner = new LinkedHashMap<>();
      for (TrustedIssuer i : issuers.values()) {
        for (String iss : i.iss()) {
          String other = issOwner.putIfAbsent(iss, i.name());
          if (other != null) {
            throw new IllegalArgumentException(
                "issuers: iss \""
                    + iss
                    + "\" belongs to both \""
                    + other
                    + "\" and \""
                    + i.name()
                    + "\"");
          }
        }
      }
      List<String> order = precedence.isEmpty() ? defaultPrecedence() : precedence;
      if (!new HashSet<>(order).equals(issuers.keySet()) || order.size() != issuers.size()) {
        throw new IllegalArgumentException(
            "precedence: must name every issuer exactly once "
                + issuers.keySet()
                + ", found "
                + order);
      }
      if (rules.isEmpty()) {
        throw new IllegalArgumentException("rules: at least one rule is required");
      }
      Set<String> ruleNames = new HashSet<>();
      for (ClaimRule r : rules) {
        if (!ruleNames.add(r.name())) {
          throw new IllegalArgumentException("rules: the name \"" + r.name() + "\" is used twice");
        }
        List<String> named = new ArrayList<>(r.from());
        if (r instanceof ClaimRule.LifecycleRule l) {
          named.addAll(l.overridableBy());
        }
        if (r instanceof ClaimRule.RequireReceipt) {
          for (String f : named) {
            if (!services.containsKey(f)) {
              throw new IllegalArgumentException(
                  "rules: \""
                      + r.name()
                      + "\" names \""
                      + f
                      + "\", which is not a transparency service of the statement");
            }
          }
          continue;
        }
        for (String f : named) {
          if (!issuers.containsKey(f)) {
            throw new IllegalArgumentException(
                "rules: \"" + r.name() + "\" names the unknown issuer \"" + f + "\"");
          }
        }
      }
      for (Waiver w : waivers) {
        if (!ruleNames.contains(w.rule())) {
          throw new IllegalArgumentException(
              "exceptions: the rule \"" + w.rule() + "\" does not exist");
        }
      }
      return new ClaimPolicyStatement(this, order);
    }

    private List<String> defaultPrecedence() {
      List<TrustedIssuer> all = new ArrayList<>(issuers.values());
      all.sort(Comparator.comparing(TrustedIssuer::role)); // CONSUMER first; stable
      return all.stream().map(TrustedIssuer::name).toList();
    }

    private static void checkWildcard(String property, List<String> values) {
      if (values.isEmpty()) {
        throw new IllegalArgumentException(property + ": at least one value is required");
      }
      if (values.size() > 1 && values.contains(WILDCARD)) {
        throw new IllegalArgumentException(
            property + ": the wildcard '*' cannot be used with other values");
      }
      if (new HashSet<>(values).size() != values.size()) {
        throw new IllegalArgumentException(property + ": a value is listed twice " + values);
      }
    }
  }
}
