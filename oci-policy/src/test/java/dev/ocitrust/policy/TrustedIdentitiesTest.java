package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocitrust.testkit.TestCertificate;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

/** RFC 4514 parsing of identities, the notation rules, and subject matching. */
class TrustedIdentitiesTest {

  /** A self-signed leaf (digitalSignature, no extended key usage) named exactly {@code subject}. */
  private static X509Certificate leafWithSubject(X500Name subject) throws IOException {
    return TestCertificate.builder()
        .subject(new X500Principal(subject.getEncoded()))
        .extendedKeyUsage(List.of(), false)
        .build()
        .certificate();
  }

  private static String invalid(String dn) {
    return assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parseIdentity(dn))
        .getMessage();
  }

  @Test
  void parsesSpecExampleWithSpaces() {
    DistinguishedName dn =
        DistinguishedName.parseIdentity(
            " C=US, ST=WA, L=Seattle, O=acme-rockets.io, OU=Finance, CN=SecureBuilder");
    assertThat(dn.attributes())
        .containsExactly(
            java.util.Map.entry("C", "US"),
            java.util.Map.entry("ST", "WA"),
            java.util.Map.entry("L", "Seattle"),
            java.util.Map.entry("O", "acme-rockets.io"),
            java.util.Map.entry("OU", "Finance"),
            java.util.Map.entry("CN", "SecureBuilder"));
  }

  @Test
  void unescapesRfc4514() {
    DistinguishedName dn =
        DistinguishedName.parseIdentity(
            "C=US,ST=WA,O=Acme\\, Inc.,OU=a\\;b\\\\c,CN=\\ padded\\"
                + " ,L=caf\\C3\\A9,STREET=x\\+y\\=z");
    assertThat(dn.get("O")).contains("Acme, Inc.");
    assertThat(dn.get("OU")).contains("a;b\\c");
    assertThat(dn.get("CN")).contains(" padded ");
    assertThat(dn.get("L")).contains("café");
    assertThat(dn.get("STREET")).contains("x+y=z");
  }

  @Test
  void typesAreCaseInsensitiveWithSAliasAndOids() {
    DistinguishedName dn = DistinguishedName.parseIdentity("c=US, S=WA, 2.5.4.10=Acme");
    assertThat(dn.attributes()).containsOnlyKeys("C", "ST", "O");
    assertThat(invalid("C=US,ST=WA,S=OR,O=x")).contains("duplicate RDN attribute for \"ST\"");
  }

  @Test
  void notationRules() {
    assertThat(invalid("C=US,C=IN")).contains("duplicate RDN attribute for \"C\"");
    assertThat(invalid("C=US+ST=WA,O=x")).contains("multi-valued RDN");
    assertThat(invalid("C=US,ST=WA")).contains("no mandatory RDN attribute for \"O\"");
    assertThat(invalid("O=x,ST=WA")).contains("\"C\"");
    assertThat(invalid("C=US,ST=WA,O=")).contains("\"O\"");
    assertThat(invalid("C=US,ST=WA,O=#0403414243")).contains("=#");
    assertThat(invalid("C=bad=#identity,O=LOL,ST=LOL")).contains("=#");
    assertThat(invalid("")).contains("empty");
  }

  @Test
  void rfc4514SyntaxErrors() {
    assertThat(invalid("C=US,ST=WA,O=x,")).contains("not valid RFC 4514");
    assertThat(invalid("C=US,,ST=WA,O=x")).contains("not valid RFC 4514");
    assertThat(invalid("C=US,ST=WA,O")).contains("no '='");
    assertThat(invalid("C=US,ST=WA,O=a\\")).contains("not valid RFC 4514");
    assertThat(invalid("C=US,ST=WA,O=a\\zz")).contains("invalid escape");
    assertThat(invalid("C=US,ST=WA,O=\"quoted\"")).contains("must be escaped");
    assertThat(invalid("C=US,ST=WA,1x=y,O=a")).contains("not a valid attribute type");
    assertThat(invalid("C=US,ST=WA,O=\\FF")).contains("UTF-8");
  }

  @Test
  void identityList() {
    assertThat(TrustedIdentities.of(List.of("*")).isWildcard()).isTrue();
    TrustedIdentities ids =
        TrustedIdentities.of(
            List.of(
                "x509.subject: C=US, ST=WA, O=A", "x509.subject: C=US, ST=WA, O=B", "other:thing"));
    assertThat(ids.x509Subjects()).hasSize(2);
    assertThat(ids.asList().get(2)).isInstanceOf(TrustedIdentity.Other.class);
    assertThat(ids.values())
        .containsExactly(
            "x509.subject: C=US, ST=WA, O=A", "x509.subject: C=US, ST=WA, O=B", "other:thing");
    String m =
        assertThrows(IllegalArgumentException.class, () -> TrustedIdentities.of(List.of("")))
            .getMessage();
    assertThat(m).contains("empty trusted identity");
    m =
        assertThrows(
                IllegalArgumentException.class,
                () -> TrustedIdentities.of(List.of("x509.subject:  ")))
            .getMessage();
    assertThat(m).contains("without an identity value");
    // identical DNs written differently overlap too
    m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TrustedIdentities.of(
                        List.of("x509.subject:C=US,ST=WA,O=A", "x509.subject: O=A, ST=WA, C=US")))
            .getMessage();
    assertThat(m).contains("overlaps with");
  }

  // --- matching --------------------------------------------------------------------------------

  @Test
  void signingCertVector() throws Exception {
    X509Certificate leaf = Vectors.certificate("signing-cert.pem");
    assertThat(DistinguishedName.ofSubject(leaf).attributes())
        .containsEntry("CN", "SomeCN")
        .containsEntry("OU", "SomeOU")
        .containsEntry("O", "SomeOrg")
        .containsEntry("L", "Seattle")
        .containsEntry("ST", "WA")
        .containsEntry("C", "US");
    TrustedIdentities.of(List.of("x509.subject:C=US,O=SomeOrg,ST=WA,CN=SomeCN")).verify(leaf);
    UntrustedIdentityException e =
        assertThrows(
            UntrustedIdentityException.class,
            () -> TrustedIdentities.of(List.of("x509.subject:C=US,O=SomeOrg,ST=OR")).verify(leaf));
    assertThat(e.getMessage()).contains("CN=SomeCN").contains("ST=OR");
    // values compare case-sensitively
    assertThrows(
        UntrustedIdentityException.class,
        () -> TrustedIdentities.of(List.of("x509.subject:C=US,O=someorg,ST=WA")).verify(leaf));
    // only non-x509 identities: nothing can match
    e =
        assertThrows(
            UntrustedIdentityException.class,
            () -> TrustedIdentities.of(List.of("custom:thing")).verify(leaf));
    assertThat(e.getMessage()).contains("no x509 trusted identities");
  }

  @Test
  void badCertVectorNeverMatches() throws Exception {
    X509Certificate bad = Vectors.certificate("bad-cert.pem");
    // its C, ST and O would match; its CN "Bad=#CN" makes notation refuse the subject
    UntrustedIdentityException e =
        assertThrows(
            UntrustedIdentityException.class,
            () -> TrustedIdentities.of(List.of("x509.subject:C=US,O=SomeOrg,ST=WA")).verify(bad));
    assertThat(e.getMessage()).contains("=#");
    TrustedIdentities.of(List.of("*")).verify(bad);
  }

  @Test
  void escapedValuesMatchUnescapedSubject() throws Exception {
    X509Certificate leaf =
        leafWithSubject(
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "WA")
                .addRDN(BCStyle.O, "Acme, Inc.")
                .addRDN(BCStyle.CN, " spaced ")
                .build());
    TrustedIdentities.of(List.of("x509.subject: C=US, ST=WA, O=Acme\\, Inc., CN=\\ spaced\\ "))
        .verify(leaf);
    assertThrows(
        UntrustedIdentityException.class,
        () ->
            TrustedIdentities.of(List.of("x509.subject: C=US, ST=WA, O=Acme\\, Inc., CN=spaced"))
                .verify(leaf));
  }

  @Test
  void multiValuedRdnInCertificateIsFlattened() throws Exception {
    X500Name name =
        new X500Name(
            new RDN[] {
              new RDN(BCStyle.C, new DERUTF8String("US")),
              new RDN(
                  new AttributeTypeAndValue[] {
                    new AttributeTypeAndValue(BCStyle.ST, new DERUTF8String("WA")),
                    new AttributeTypeAndValue(BCStyle.O, new DERUTF8String("Acme"))
                  })
            });
    X509Certificate leaf = leafWithSubject(name);
    TrustedIdentities.of(List.of("x509.subject: C=US, ST=WA, O=Acme")).verify(leaf);
  }

  @Test
  void certificateSubjectsThatCannotBeCompared() throws Exception {
    TrustedIdentities ids = TrustedIdentities.of(List.of("x509.subject: C=US, ST=WA, O=Acme"));
    X509Certificate twoOus =
        leafWithSubject(
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "WA")
                .addRDN(BCStyle.O, "Acme")
                .addRDN(BCStyle.OU, "a")
                .addRDN(BCStyle.OU, "b")
                .build());
    assertThat(
            assertThrows(UntrustedIdentityException.class, () -> ids.verify(twoOus)).getMessage())
        .contains("OU more than once");
    X509Certificate email =
        leafWithSubject(
            new X500Name(
                new RDN[] {
                  new RDN(BCStyle.C, new DERUTF8String("US")),
                  new RDN(BCStyle.ST, new DERUTF8String("WA")),
                  new RDN(BCStyle.O, new DERUTF8String("Acme")),
                  new RDN(BCStyle.EmailAddress, new DERIA5String("a@acme.io"))
                }));
    assertThat(assertThrows(UntrustedIdentityException.class, () -> ids.verify(email)).getMessage())
        .contains("1.2.840.113549.1.9.1");
    TrustedIdentities.of(List.of("*")).verify(email);
    X509Certificate custom =
        leafWithSubject(
            new X500Name(
                new RDN[] {
                  new RDN(BCStyle.C, new DERUTF8String("US")),
                  new RDN(BCStyle.ST, new DERUTF8String("WA")),
                  new RDN(BCStyle.O, new DERUTF8String("Acme")),
                  new RDN(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), new DERUTF8String("x"))
                }));
    assertThrows(UntrustedIdentityException.class, () -> ids.verify(custom));
  }

  @Test
  void serialNumberAndPostalCodeAreComparable() throws Exception {
    X509Certificate leaf =
        leafWithSubject(
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "WA")
                .addRDN(BCStyle.O, "Acme")
                .addRDN(BCStyle.SERIALNUMBER, "1234")
                .addRDN(BCStyle.POSTAL_CODE, "98101")
                .addRDN(BCStyle.STREET, "1 Main St")
                .build());
    TrustedIdentities.of(
            List.of(
                "x509.subject: C=US, ST=WA, O=Acme, SERIALNUMBER=1234, POSTALCODE=98101,"
                    + " STREET=1 Main St"))
        .verify(leaf);
  }
}
