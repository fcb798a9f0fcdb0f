package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.Rfc4514;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * An X.509 distinguished name reduced to what trusted-identity matching compares: a map from
 * attribute type (upper-case short name, e.g. {@code CN}, {@code O}, {@code ST}) to its unescaped
 * value.
 *
 * <p>Two ways to get one:
 *
 * <ul>
 *   <li>{@link #parseIdentity(String)} reads the value of an {@code x509.subject:} trusted identity
 *       (RFC 4514 text) under the specification's rules: {@code C}, {@code ST} (or its alias {@code
 *       S}) and {@code O} are mandatory; no attribute type twice; no multi-valued RDN ({@code +});
 *       and, as notation, no {@code =#} anywhere (which also rules out hex-encoded values).
 *       Attribute types are case-insensitive (RFC 4514), numeric OIDs of the well-known types are
 *       accepted, and types outside them (e.g. {@code CustomRDN}) are kept as written, upper-cased.
 *   <li>{@link #ofSubject(X509Certificate)} reads a certificate's subject structurally. As in
 *       notation, which matches against Go's rendering of the subject, only the types {@code CN,
 *       OU, O, L, ST, C, STREET, POSTALCODE, SERIALNUMBER} can be compared; a subject with any
 *       other attribute type, with a non-string value, with a type twice or with a value containing
 *       {@code =#} is refused, so such a certificate can only be trusted through the {@code *}
 *       identity. Multi-valued RDNs are flattened, as Go does.
 * </ul>
 *
 * <p>Values compare exactly (case-sensitive, after unescaping). Immutable and thread-safe.
 *
 * <pre>{@code
 * DistinguishedName id = DistinguishedName.parseIdentity("C=US, ST=WA, O=wabbit-networks.io");
 * boolean ok = id.isSubsetOf(DistinguishedName.ofSubject(leaf));
 * }</pre>
 */
public final class DistinguishedName {
  private static final Map<String, String> OID_NAMES =
      Map.of(
          "2.5.4.3", "CN",
          "2.5.4.11", "OU",
          "2.5.4.10", "O",
          "2.5.4.7", "L",
          "2.5.4.8", "ST",
          "2.5.4.6", "C",
          "2.5.4.9", "STREET",
          "2.5.4.17", "POSTALCODE",
          "2.5.4.5", "SERIALNUMBER");
  private static final List<String> MANDATORY = List.of("C", "ST", "O");

  private final String text;
  private final Map<String, String> attributes;

  private DistinguishedName(String text, Map<String, String> attributes) {
    this.text = text;
    this.attributes = Collections.unmodifiableMap(attributes);
  }

  /**
   * Parses the DN of an {@code x509.subject:} trusted identity (the text after the prefix).
   *
   * @throws IllegalArgumentException if the text breaks RFC 4514 or a rule listed in the class
   *     documentation; the message names the DN and the rule
   */
  public static DistinguishedName parseIdentity(String dn) {
    Objects.requireNonNull(dn, "dn");
    String trimmed = dn.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("distinguished name (DN) is empty");
    }
    if (dn.contains("=#")) {
      throw new IllegalArgumentException(
          "distinguished name (DN) \""
              + trimmed
              + "\" contains \"=#\"; hex-encoded attribute values are not supported");
    }
    List<List<Rfc4514.Attribute>> rdns;
    try {
      rdns = Rfc4514.parse(dn);
    } catch (Rfc4514.SyntaxException e) {
      throw new IllegalArgumentException(
          "distinguished name (DN) \""
              + trimmed
              + "\" is not valid RFC 4514: "
              + e.getMessage()
              + "; it must contain 'C', 'ST' and 'O' RDN attributes at a minimum",
          e);
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (List<Rfc4514.Attribute> rdn : rdns) {
      if (rdn.size() > 1) {
        throw new IllegalArgumentException(
            "distinguished name (DN) \""
                + trimmed
                + "\" has a multi-valued RDN ("
                + rdn.get(0).type()
                + "+"
                + rdn.get(1).type()
                + "), multi-valued RDNs are not supported");
      }
      Rfc4514.Attribute a = rdn.get(0);
      if (a.hexForm()) {
        throw new IllegalArgumentException(
            "distinguished name (DN) \""
                + trimmed
                + "\" has a hex-encoded value for \""
                + a.type()
                + "\", which is not supported");
      }
      String type = normalizeType(a.type());
      if (map.containsKey(type)) {
        throw new IllegalArgumentException(
            "distinguished name (DN) \""
                + trimmed
                + "\" has duplicate RDN attribute for \""
                + type
                + "\", DN can only have unique RDN attributes");
      }
      map.put(type, a.value());
    }
    for (String m : MANDATORY) {
      String v = map.get(m);
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException(
            "distinguished name (DN) \""
                + trimmed
                + "\" has no mandatory RDN attribute for \""
                + m
                + "\", it must contain 'C', 'ST' and 'O' RDN attributes at a minimum");
      }
    }
    return new DistinguishedName(trimmed, map);
  }

  /**
   * The subject of {@code certificate}, read structurally.
   *
   * @throws UntrustedIdentityException if the subject cannot be compared with trusted identities
   *     (see the class documentation); the message names the subject and the reason
   */
  public static DistinguishedName ofSubject(X509Certificate certificate)
      throws UntrustedIdentityException {
    String shown = certificate.getSubjectX500Principal().getName();
    X500Name name;
    try {
      name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    } catch (RuntimeException e) {
      throw new UntrustedIdentityException(
          "the subject of the signing certificate (" + shown + ") cannot be parsed", e);
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        ASN1ObjectIdentifier oid = atv.getType();
        String type = OID_NAMES.get(oid.getId());
        if (type == null) {
          throw new UntrustedIdentityException(
              "the subject of the signing certificate ("
                  + shown
                  + ") has the attribute type "
                  + oid.getId()
                  + ", which x509.subject identities cannot match (as in notation); only '*'"
                  + " can trust this certificate");
        }
        ASN1Encodable value = atv.getValue();
        if (!isDirectoryString(value)) {
          throw new UntrustedIdentityException(
              "the subject of the signing certificate ("
                  + shown
                  + ") has a non-string value for "
                  + type);
        }
        String v = ((ASN1String) value).getString();
        if (v.contains("=#")) {
          throw new UntrustedIdentityException(
              "the subject of the signing certificate ("
                  + shown
                  + ") has a value containing \"=#\" for "
                  + type
                  + ", which notation refuses to match");
        }
        if (map.containsKey(type)) {
          throw new UntrustedIdentityException(
              "the subject of the signing certificate ("
                  + shown
                  + ") has the attribute "
                  + type
                  + " more than once, so it cannot be matched unambiguously");
        }
        map.put(type, v);
      }
    }
    return new DistinguishedName(shown, map);
  }

  /** The string types Go's {@code crypto/x509} reads as attribute values. */
  private static boolean isDirectoryString(ASN1Encodable value) {
    return value instanceof ASN1PrintableString
        || value instanceof ASN1UTF8String
        || value instanceof ASN1IA5String
        || value instanceof ASN1T61String
        || value instanceof ASN1BMPString;
  }

  private static String normalizeType(String type) {
    String byOid = OID_NAMES.get(type);
    if (byOid != null) {
      return byOid;
    }
    String upper = type.toUpperCase(Locale.ROOT);
    return upper.equals("S") ? "ST" : upper;
  }

  /** Attribute type to value, in the order written; unmodifiable. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** The value of one attribute type (e.g. {@code "O"}), if present. */
  public Optional<String> get(String type) {
    return Optional.ofNullable(attributes.get(normalizeType(type)));
  }

  /**
   * True if every attribute of this name is present in {@code other} with an equal value ({@code
   * other} may have more attributes).
   */
  public boolean isSubsetOf(DistinguishedName other) {
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!e.getValue().equals(other.attributes.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Equal when the attribute maps are equal (order and spelling of the text do not matter). */
  @Override
  public boolean equals(Object o) {
    return o instanceof DistinguishedName && ((DistinguishedName) o).attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  /** The DN text as written (identities) or as RFC 2253 (certificate subjects). */
  @Override
  public String toString() {
    return text;
  }
}
