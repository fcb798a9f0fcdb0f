package dev.ocitrust.policy;

import java.util.Objects;

/**
 * One entry of a statement's {@code trustedIdentities}: the wildcard {@code *}, an {@code
 * x509.subject:} distinguished name, or an identity with another prefix (accepted, as the
 * specification reserves other prefixes for other identity types, but never matched by the built-in
 * X.509 matching).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustedIdentity id = TrustedIdentity.parse("x509.subject: C=US, ST=WA, O=wabbit-networks.io");
 * if (id instanceof TrustedIdentity.X509Subject s) { s.name().attributes(); }
 * }</pre>
 */
public sealed interface TrustedIdentity
    permits TrustedIdentity.Any, TrustedIdentity.X509Subject, TrustedIdentity.Other {
  /** The prefix of X.509 subject identities. */
  String X509_SUBJECT_PREFIX = "x509.subject";

  /** The wildcard value. */
  String WILDCARD = "*";

  /** The identity as written in the policy. */
  String value();

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException if the entry is empty, has no {@code :} separator, or is an
   *     {@code x509.subject} entry whose DN is empty or invalid (see {@link
   *     DistinguishedName#parseIdentity}); the message names the entry
   */
  static TrustedIdentity parse(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty trusted identity");
    }
    if (value.equals(WILDCARD)) {
      return new Any();
    }
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "trusted identity \"" + value + "\" missing separator ':' after its prefix");
    }
    String prefix = value.substring(0, colon);
    String rest = value.substring(colon + 1);
    if (!prefix.equals(X509_SUBJECT_PREFIX)) {
      return new Other(value, prefix, rest);
    }
    if (rest.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "trusted identity \"" + value + "\" is without an identity value");
    }
    try {
      return new X509Subject(value, DistinguishedName.parseIdentity(rest));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "trusted identity \"" + value + "\" with invalid identity value: " + e.getMessage(), e);
    }
  }

  /** The wildcard {@code *}: any signer whose chain leads to the statement's trust stores. */
  record Any() implements TrustedIdentity {
    @Override
    public String value() {
      return WILDCARD;
    }
  }

  /**
   * {@code x509.subject: <DN>}: the signing certificate's subject must contain every attribute of
   * {@code name} with an equal value.
   *
   * @param value the entry as written
   * @param name the parsed DN
   */
  record X509Subject(String value, DistinguishedName name) implements TrustedIdentity {
    /** Checks for nulls. */
    public X509Subject {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * An identity with a prefix other than {@code x509.subject}; kept for plugins, never matched by
   * the built-in matcher.
   *
   * @param value the entry as written
   * @param prefix the text before the first {@code :}
   * @param identity the text after it
   */
  record Other(String value, String prefix, String identity) implements TrustedIdentity {
    /** Checks for nulls. */
    public Other {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(identity, "identity");
    }
  }
}
