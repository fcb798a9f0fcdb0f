package dev.ocitrust.policy;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A statement's validated {@code trustedIdentities} and the matching of a signing certificate
 * against them.
 *
 * <p>Validation ({@link #of}): either exactly {@code ["*"]}, or entries each valid on its own (see
 * {@link TrustedIdentity#parse}) of which no two {@code x509.subject} DNs overlap, i.e. neither's
 * attributes are a subset of the other's, because one certificate could then match both.
 *
 * <p>Matching ({@link #verify}): {@code *} trusts any signer; otherwise the leaf's subject (see
 * {@link DistinguishedName#ofSubject}) must contain all attributes of at least one {@code
 * x509.subject} DN with equal values. Identities with other prefixes never match here. With no
 * {@code x509.subject} identity at all, nothing matches.
 *
 * <p>Immutable and thread-safe.
 *
 * <p><b>Security guarantees.</b> {@link #verify} fails closed: a subject that cannot be read
 * unambiguously, or a statement without usable identities, is a failure, never a match. Matching
 * compares the subject only; that the certificate chains to a trusted root is the verifier's
 * separate authenticity check.
 *
 * <pre>{@code
 * TrustedIdentities ids = TrustedIdentities.of(List.of("x509.subject: C=US, ST=WA, O=acme"));
 * ids.verify(leafCertificate); // throws UntrustedIdentityException on mismatch
 * }</pre>
 */
public final class TrustedIdentities {
  private final List<TrustedIdentity> identities;

  private TrustedIdentities(List<TrustedIdentity> identities) {
    this.identities = List.copyOf(identities);
  }

  /**
   * Parses and validates a list of identities.
   *
   * @throws IllegalArgumentException naming the offending entry (or pair of entries)
   */
  public static TrustedIdentities of(List<String> values) {
    Objects.requireNonNull(values, "values");
    if (values.size() > 1 && values.contains(TrustedIdentity.WILDCARD)) {
      throw new IllegalArgumentException(
          "a wildcard trusted identity '*' cannot be used in conjunction with other values");
    }
    List<TrustedIdentity> parsed = new ArrayList<>();
    for (String v : values) {
      parsed.add(TrustedIdentity.parse(v));
    }
    List<TrustedIdentity.X509Subject> dns = subjects(parsed);
    for (int i = 0; i < dns.size(); i++) {
      for (int j = 0; j < dns.size(); j++) {
        if (i != j && dns.get(i).name().isSubsetOf(dns.get(j).name())) {
          throw new IllegalArgumentException(
              "overlapping x509 trusted identities, \""
                  + dns.get(i).value()
                  + "\" overlaps with \""
                  + dns.get(j).value()
                  + "\"");
        }
      }
    }
    return new TrustedIdentities(parsed);
  }

  /** An empty list, as a {@code skip} statement has. */
  static TrustedIdentities none() {
    return new TrustedIdentities(List.of());
  }

  private static List<TrustedIdentity.X509Subject> subjects(List<TrustedIdentity> ids) {
    List<TrustedIdentity.X509Subject> out = new ArrayList<>();
    for (TrustedIdentity id : ids) {
      if (id instanceof TrustedIdentity.X509Subject) {
        out.add((TrustedIdentity.X509Subject) id);
      }
    }
    return out;
  }

  /** The identities in document order; unmodifiable. */
  public List<TrustedIdentity> asList() {
    return identities;
  }

  /** The identities as written. */
  public List<String> values() {
    List<String> out = new ArrayList<>();
    for (TrustedIdentity id : identities) {
      out.add(id.value());
    }
    return List.copyOf(out);
  }

  /** True if there are no identities (only for {@code skip} statements). */
  public boolean isEmpty() {
    return identities.isEmpty();
  }

  /** True if the identities are the wildcard {@code *}. */
  public boolean isWildcard() {
    return identities.size() == 1 && identities.get(0) instanceof TrustedIdentity.Any;
  }

  /** The {@code x509.subject} identities. */
  public List<TrustedIdentity.X509Subject> x509Subjects() {
    return List.copyOf(subjects(identities));
  }

  /**
   * Checks that {@code signingCertificate} (the leaf of the signature's chain) is a trusted
   * identity.
   *
   * @throws UntrustedIdentityException if it is not, naming the subject; also when there is no
   *     {@code x509.subject} identity or the subject cannot be compared
   */
  public void verify(X509Certificate signingCertificate) throws UntrustedIdentityException {
    Objects.requireNonNull(signingCertificate, "signingCertificate");
    if (isWildcard()) {
      return;
    }
    List<TrustedIdentity.X509Subject> dns = subjects(identities);
    if (dns.isEmpty()) {
      throw new UntrustedIdentityException(
          "no x509 trusted identities are configured in the trust policy, so the signing"
              + " certificate with subject \""
              + signingCertificate.getSubjectX500Principal().getName()
              + "\" cannot be trusted");
    }
    DistinguishedName subject = DistinguishedName.ofSubject(signingCertificate);
    for (TrustedIdentity.X509Subject dn : dns) {
      if (dn.name().isSubsetOf(subject)) {
        return;
      }
    }
    throw new UntrustedIdentityException(
        "signing certificate with subject \""
            + subject
            + "\" is not one of the trusted identities "
            + values());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrustedIdentities && ((TrustedIdentities) o).identities.equals(identities);
  }

  @Override
  public int hashCode() {
    return identities.hashCode();
  }

  @Override
  public String toString() {
    return values().toString();
  }
}
