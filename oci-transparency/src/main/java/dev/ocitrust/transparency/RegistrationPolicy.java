package dev.ocitrust.transparency;

import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.Sign1VerifyOptions;
import dev.ocitrust.cose.UnverifiedScittStatement;
import dev.ocitrust.cose.VerifiedScittStatement;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link TransparencyService} registers: a signed statement whose signature verifies with
 * the key of its protected {@code x5chain} leaf (and, when trusted certificates are configured,
 * whose chain holds one of them and is valid at its signed {@code iat}), from an allowed issuer
 * ({@code iss}). Fails closed: a policy with no allowed issuer refuses every statement unless
 * {@link Builder#allowAnyIssuer()} was chosen explicitly.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RegistrationPolicy p = RegistrationPolicy.builder()
 *     .allowIssuer("https://wabbit-networks.example").build();
 * VerifiedScittStatement ok = p.check(UnverifiedScittStatement.parse(bytes));
 * }</pre>
 */
public final class RegistrationPolicy {
  private final Set<String> issuers;
  private final boolean anyIssuer;
  private final List<X509Certificate> trusted;
  private final Clock clock;

  private RegistrationPolicy(Builder b) {
    this.issuers = Set.copyOf(b.issuers);
    this.anyIssuer = b.anyIssuer;
    this.trusted = List.copyOf(b.trusted);
    this.clock = b.clock;
  }

  /** A builder that allows no issuer yet. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks {@code statement} and returns it verified.
   *
   * @throws RegistrationRejectedException titled "Rejected" when the issuer is not allowed or the
   *     statement carries no x5chain, "Bad Signature" when the signature or chain does not verify
   */
  public VerifiedScittStatement check(UnverifiedScittStatement statement)
      throws RegistrationRejectedException {
    String iss = statement.claims().issuer();
    if (!anyIssuer && !issuers.contains(iss)) {
      throw new RegistrationRejectedException(
          "Rejected",
          "issuer \"" + iss + "\" is not allowed to register here (allowed: " + issuers + ")");
    }
    try {
      List<X509Certificate> chain = statement.certificateChain();
      if (chain.isEmpty()) {
        throw new RegistrationRejectedException(
            "Rejected",
            "the statement has no x5chain (33) in its protected header to verify it with");
      }
      if (trusted.isEmpty()) {
        return statement.verify(chain.get(0).getPublicKey(), Sign1VerifyOptions.defaults());
      }
      return statement.verifyWithCertificateChain(
          trusted,
          statement.claims().issuedAt().orElse(clock.instant()),
          Sign1VerifyOptions.defaults());
    } catch (CoseException e) {
      throw new RegistrationRejectedException(
          "Bad Signature",
          "the statement from \"" + iss + "\" does not verify: " + e.getMessage(),
          e);
    }
  }

  @Override
  public String toString() {
    return "RegistrationPolicy[issuers="
        + (anyIssuer ? "any" : issuers.toString())
        + ", trustedCertificates="
        + trusted.size()
        + "]";
  }

  /** Builds a {@link RegistrationPolicy}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> issuers = new LinkedHashSet<>();
    private boolean anyIssuer;
    private final List<X509Certificate> trusted = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Allows statements whose {@code iss} is exactly {@code issuer}. */
    public Builder allowIssuer(String issuer) {
      issuers.add(Objects.requireNonNull(issuer, "issuer"));
      return this;
    }

    /** Allows every issuer (a loudly named opt-in for local development). */
    public Builder allowAnyIssuer() {
      this.anyIssuer = true;
      return this;
    }

    /** Also requires the statement's x5chain to hold one of {@code certificates}. */
    public Builder trustedCertificates(List<X509Certificate> certificates) {
      trusted.addAll(certificates);
      return this;
    }

    /** The clock for statements without {@code iat}; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The policy. */
    public RegistrationPolicy build() {
      return new RegistrationPolicy(this);
    }
  }
}
