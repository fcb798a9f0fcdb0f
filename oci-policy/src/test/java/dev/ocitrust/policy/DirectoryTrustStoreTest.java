package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ocitrust.cose.NotarySigningScheme;
import dev.ocitrust.testkit.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notation's trust-store vectors, and layout and certificate rules on generated stores. */
class DirectoryTrustStoreTest {
  @TempDir Path tmp;

  private static DirectoryTrustStore vectors() {
    return DirectoryTrustStore.of(Vectors.file("truststore"));
  }

  private static TrustStoreException fails(TrustStore store, String ref) {
    return assertThrows(
        TrustStoreException.class, () -> store.certificates(TrustStoreRef.parse(ref)));
  }

  // --- vectors ---------------------------------------------------------------------------------

  @Test
  void validCaStoreWithSelfSignedSigningCertificate() throws Exception {
    List<X509Certificate> certs =
        vectors().certificates(TrustStoreRef.parse("ca:valid-trust-store"));
    assertThat(certs).hasSize(1);
    assertThat(certs.get(0).getSubjectX500Principal().getName()).startsWith("CN=alpine");
  }

  @Test
  void opensslMinimumSelfSignedLoadsAsOneCertificate() throws Exception {
    assertThat(vectors().certificates(TrustStoreRef.parse("ca:valid-trust-store-self-signed")))
        .hasSize(1);
  }

  @Test
  void caStoreRejectsLeafIssuedByAnotherCa() {
    TrustStoreException e = fails(vectors(), "ca:trust-store-with-leaf-certs");
    assertThat(e.getMessage())
        .contains("non-ca.crt")
        .contains("\"trust-store-with-leaf-certs\"")
        .contains("\"ca\"")
        .contains("CN=wabbit-networks.io,O=Notary,L=Seattle,ST=WA,C=US")
        .contains("is not a CA certificate or self-signed signing certificate");
  }

  @Test
  void tsaStoresOfRootCas() throws Exception {
    assertThat(vectors().certificates(TrustStoreRef.parse("tsa:test-timestamp"))).hasSize(1);
    assertThat(vectors().certificates(TrustStoreRef.parse("tsa:test-mismatch"))).hasSize(1);
  }

  @Test
  void tsaStoreRejectsNonCa() {
    TrustStoreException e = fails(vectors(), "tsa:test-nonCA");
    assertThat(e.getMessage())
        .contains("wabbit-networks.io.crt")
        .contains("\"test-nonCA\"")
        .contains("\"tsa\"")
        .contains("CN=wabbit-networks.io,O=Notary,L=Seattle,ST=WA,C=US")
        .contains("is not a root CA certificate");
  }

  @Test
  void tsaStoreRejectsNonSelfIssued() {
    TrustStoreException e = fails(vectors(), "tsa:test-nonSelfIssued");
    assertThat(e.getMessage())
        .contains("nonSelfIssued.crt")
        .contains("is not a root CA certificate")
        .contains("CN=Notation Test Revokable RSA Chain Cert Root")
        .contains("CN=Notation Test Revokable RSA Chain Cert 2")
        .contains("are not the same");
  }

  @Test
  void missingStore() {
    TrustStoreException e = fails(vectors(), "tsa:does-not-exist");
    assertThat(e.getMessage())
        .contains("\"does-not-exist\"")
        .contains("\"tsa\"")
        .contains("does not exist");
    e = fails(vectors(), "signingAuthority:valid-trust-store");
    assertThat(e.getMessage()).contains("does not exist");
  }

  @Test
  void statementGathersAnchorsPerType() throws Exception {
    OciTrustPolicyStatement st =
        OciTrustPolicyStatement.builder("ts")
            .registryScope("registry.acme-rockets.io/net-monitor")
            .signatureVerification(SignatureVerification.of(VerificationLevel.STRICT))
            .trustStore(TrustStoreRef.parse("ca:valid-trust-store"))
            .trustStore(TrustStoreRef.parse("ca:valid-trust-store-self-signed"))
            .trustStore(TrustStoreRef.parse("tsa:test-timestamp"))
            .trustedIdentity("*")
            .build();
    assertThat(st.certificates(vectors(), TrustStoreType.CA)).hasSize(2);
    assertThat(st.certificates(vectors(), TrustStoreType.TSA)).hasSize(1);
    assertThat(st.certificates(vectors(), TrustStoreType.SIGNING_AUTHORITY)).isEmpty();
    OciTrustPolicyStatement broken =
        st.toBuilder().trustStore(TrustStoreRef.parse("ca:trust-store-with-leaf-certs")).build();
    assertThrows(
        TrustStoreException.class, () -> broken.certificates(vectors(), TrustStoreType.CA));
  }

  // --- generated stores ------------------------------------------------------------------------

  /** A self-signed root CA (keyCertSign, cRLSign). */
  private static X509Certificate selfSignedRoot(String dn) {
    return TestCertificate.builder().subject(dn).certificateAuthority(-1).build().certificate();
  }

  /** A self-signed leaf: digitalSignature, no extended key usage, not a CA. */
  private static X509Certificate selfSignedLeaf(String dn) {
    return TestCertificate.builder()
        .subject(dn)
        .extendedKeyUsage(List.of(), false)
        .build()
        .certificate();
  }

  private Path store(String type, String name) throws Exception {
    return Files.createDirectories(tmp.resolve("x509").resolve(type).resolve(name));
  }

  @Test
  void pemWithSeveralCertificatesAndDerConcatenated() throws Exception {
    X509Certificate a = selfSignedRoot("CN=A,O=Acme,ST=WA,C=US");
    X509Certificate b = selfSignedRoot("CN=B,O=Acme,ST=WA,C=US");
    X509Certificate c = selfSignedLeaf("CN=C,O=Acme,ST=WA,C=US");
    Path dir = store("ca", "mixed");
    Files.writeString(
        dir.resolve("two.pem"),
        "comment before\n" + TestCertificate.pem(List.of(a, b)) + "after\n");
    byte[] der = new byte[c.getEncoded().length + a.getEncoded().length];
    System.arraycopy(c.getEncoded(), 0, der, 0, c.getEncoded().length);
    System.arraycopy(a.getEncoded(), 0, der, c.getEncoded().length, a.getEncoded().length);
    Files.write(dir.resolve("concat.der"), der);
    Files.write(dir.resolve("any-extension.bin"), b.getEncoded());
    List<X509Certificate> certs =
        DirectoryTrustStore.of(tmp).certificates(TrustStoreRef.parse("ca:mixed"));
    // files in name order: any-extension.bin, concat.der, two.pem
    assertThat(certs).containsExactly(b, c, a, a, b);
    assertThat(certs).isUnmodifiable();
  }

  @Test
  void intermediateCaIsAcceptedInCaStore() throws Exception {
    TestCertificate root =
        TestCertificate.builder()
            .subject("CN=Root,O=Acme,ST=WA,C=US")
            .certificateAuthority(-1)
            .build();
    X509Certificate intermediate =
        TestCertificate.builder()
            .subject("CN=Inter,O=Acme,ST=WA,C=US")
            .signedBy(root)
            .certificateAuthority(-1)
            .keyUsage(KeyUsage.keyCertSign, true)
            .build()
            .certificate();
    Files.writeString(
        store("signingAuthority", "sa").resolve("i.pem"),
        TestCertificate.pem(List.of(intermediate)));
    assertThat(DirectoryTrustStore.of(tmp).certificates(TrustStoreRef.parse("signingAuthority:sa")))
        .containsExactly(intermediate);
    // ... but not in a tsa store: not self-signed
    Files.writeString(
        store("tsa", "t").resolve("i.pem"), TestCertificate.pem(List.of(intermediate)));
    assertThat(fails(DirectoryTrustStore.of(tmp), "tsa:t").getMessage())
        .contains("i.pem")
        .contains("is not a root CA certificate");
  }

  @Test
  void tsaStoreRejectsSelfSignedLeafAndCaWithoutCertSign() throws Exception {
    Files.writeString(
        store("tsa", "leaf").resolve("leaf.pem"),
        TestCertificate.pem(List.of(selfSignedLeaf("CN=L,O=Acme,ST=WA,C=US"))));
    assertThat(fails(DirectoryTrustStore.of(tmp), "tsa:leaf").getMessage())
        .contains("leaf.pem")
        .contains("not a CA certificate");
    X509Certificate noCertSign =
        TestCertificate.builder()
            .subject("CN=R,O=Acme,ST=WA,C=US")
            .certificateAuthority(-1)
            .keyUsage(KeyUsage.digitalSignature, true)
            .build()
            .certificate();
    Files.writeString(
        store("tsa", "noku").resolve("r.pem"), TestCertificate.pem(List.of(noCertSign)));
    assertThat(fails(DirectoryTrustStore.of(tmp), "tsa:noku").getMessage()).contains("keyCertSign");
  }

  @Test
  void caStoreRejectsSelfIssuedButNotSelfSigned() throws Exception {
    // named CN=X by an issuer named CN=X, but signed with another key than its own
    TestCertificate other = TestCertificate.builder().subject("CN=X,O=Acme,ST=WA,C=US").build();
    X509Certificate forged =
        TestCertificate.builder()
            .subject("CN=X,O=Acme,ST=WA,C=US")
            .signedBy(other)
            .extendedKeyUsage(List.of(), false)
            .build()
            .certificate();
    Files.writeString(store("ca", "forged").resolve("x.crt"), TestCertificate.pem(List.of(forged)));
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:forged").getMessage())
        .contains("x.crt")
        .contains("\"forged\"")
        .contains("not a CA certificate or self-signed signing certificate");
  }

  @Test
  void emptyStoreIsAnError() throws Exception {
    store("ca", "empty");
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:empty").getMessage())
        .contains("no x509 certificates were found")
        .contains("\"empty\"");
  }

  @Test
  void emptyOrGarbageFileIsAnError() throws Exception {
    Files.write(store("ca", "e").resolve("empty.pem"), new byte[0]);
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:e").getMessage())
        .contains("empty.pem")
        .contains("no certificate");
    Files.writeString(store("ca", "g").resolve("README"), "put certificates here");
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:g").getMessage()).contains("README");
    Files.writeString(
        store("ca", "k").resolve("key.pem"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:k").getMessage())
        .contains("key.pem")
        .contains("not a CERTIFICATE block");
  }

  @Test
  void symlinkedStoreDirectoryIsRejected() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(
        real.resolve("r.pem"), TestCertificate.pem(List.of(selfSignedRoot("CN=R,O=A,ST=W,C=US"))));
    Files.createDirectories(tmp.resolve("x509").resolve("ca"));
    Files.createSymbolicLink(tmp.resolve("x509").resolve("ca").resolve("linked"), real);
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:linked").getMessage())
        .contains("\"linked\"")
        .contains("symbolic links are not supported");
  }

  @Test
  void symlinkedCertificateFileIsRejected() throws Exception {
    Path real = tmp.resolve("r.pem");
    Files.writeString(real, TestCertificate.pem(List.of(selfSignedRoot("CN=R,O=A,ST=W,C=US"))));
    Files.createSymbolicLink(store("ca", "s").resolve("link.pem"), real);
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:s").getMessage())
        .contains("link.pem")
        .contains("\"s\"")
        .contains("symbolic link");
  }

  @Test
  void subDirectoryIsRejected() throws Exception {
    Path dir = store("ca", "nested");
    Files.writeString(
        dir.resolve("r.pem"), TestCertificate.pem(List.of(selfSignedRoot("CN=R,O=A,ST=W,C=US"))));
    Files.createDirectories(dir.resolve("sub-dir"));
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:nested").getMessage())
        .contains("sub-dir")
        .contains("\"nested\"");
  }

  @Test
  void storeThatIsAFileIsRejected() throws Exception {
    Files.createDirectories(tmp.resolve("x509").resolve("ca"));
    Files.writeString(
        tmp.resolve("x509").resolve("ca").resolve("file"), "x", StandardCharsets.UTF_8);
    assertThat(fails(DirectoryTrustStore.of(tmp), "ca:file").getMessage())
        .contains("not a regular directory");
  }

  @Test
  void atConfigDirectoryUsesTruststoreSubdirectory() throws Exception {
    Path config = tmp.resolve("notation");
    Path dir = Files.createDirectories(config.resolve("truststore/x509/ca/acme"));
    X509Certificate root = selfSignedRoot("CN=R,O=A,ST=W,C=US");
    Files.writeString(dir.resolve("root.crt"), TestCertificate.pem(List.of(root)));
    assertThat(
            DirectoryTrustStore.atConfigDirectory(config)
                .certificates(TrustStoreRef.parse("ca:acme")))
        .containsExactly(root);
    assertThat(
            DirectoryTrustStore.of(NotationPaths.of(config).trustStoreDirectory())
                .directoryOf(TrustStoreRef.parse("ca:acme")))
        .isEqualTo(dir);
  }

  // --- programmatic store ----------------------------------------------------------------------

  @Test
  void inMemoryStoreAppliesTheSameRules() throws Exception {
    X509Certificate root = selfSignedRoot("CN=R,O=A,ST=W,C=US");
    X509Certificate leaf = selfSignedLeaf("CN=L,O=A,ST=W,C=US");
    InMemoryTrustStore store =
        InMemoryTrustStore.builder()
            .add(TrustStoreRef.parse("ca:acme"), root, leaf)
            .add(TrustStoreRef.parse("tsa:public"), root)
            .build();
    assertThat(store.certificates(TrustStoreRef.parse("ca:acme"))).containsExactly(root, leaf);
    assertThat(store.certificates(TrustStoreRef.parse("tsa:public"))).containsExactly(root);
    assertThat(fails(store, "signingAuthority:acme").getMessage()).contains("does not exist");

    TrustStoreException e =
        assertThrows(
            TrustStoreException.class,
            () -> InMemoryTrustStore.builder().add(TrustStoreRef.parse("tsa:t"), leaf).build());
    assertThat(e.getMessage()).contains("\"t\"").contains("\"tsa\"").contains("certificate #1");
    e =
        assertThrows(
            TrustStoreException.class,
            () ->
                InMemoryTrustStore.builder()
                    .add(TrustStoreRef.parse("ca:none"), List.of())
                    .build());
    assertThat(e.getMessage()).contains("\"none\"");
  }

  @Test
  void storeTypeForSigningScheme() {
    assertThat(TrustStoreType.forSigningScheme("notary.x509")).contains(TrustStoreType.CA);
    assertThat(TrustStoreType.forSigningScheme("notary.x509.signingAuthority"))
        .contains(TrustStoreType.SIGNING_AUTHORITY);
    assertThat(TrustStoreType.forSigningScheme("notary.X509")).isEmpty();
    assertThat(TrustStoreType.forSigningScheme(NotarySigningScheme.X509))
        .isEqualTo(TrustStoreType.CA);
    assertThat(TrustStoreType.forSigningScheme(NotarySigningScheme.X509_SIGNING_AUTHORITY))
        .isEqualTo(TrustStoreType.SIGNING_AUTHORITY);
    assertThat(TrustStoreType.fromValue("signingAuthority"))
        .contains(TrustStoreType.SIGNING_AUTHORITY);
    assertThat(TrustStoreType.fromValue("SigningAuthority")).isEmpty();
  }

  @Test
  void trustStoreRefSyntax() {
    assertThat(TrustStoreRef.parse("signingAuthority:a.b_c-1"))
        .isEqualTo(new TrustStoreRef(TrustStoreType.SIGNING_AUTHORITY, "a.b_c-1"));
    assertThat(TrustStoreRef.parse("tsa:x").toString()).isEqualTo("tsa:x");
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("ca"));
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("CA:x"));
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("ca:../x"));
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("ca:a/b"));
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("ca:"));
    // "." and ".." match notation's [a-zA-Z0-9_.-]+ but would leave the store directory
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("ca:.."));
    assertThrows(IllegalArgumentException.class, () -> TrustStoreRef.parse("ca:."));
    assertThrows(IllegalArgumentException.class, () -> new TrustStoreRef(TrustStoreType.TSA, ".."));
    assertThat(TrustStoreRef.parse("ca:...").name()).isEqualTo("...");
  }
}
