package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob documents: global rules, selection, loading, builders. */
class BlobTrustPolicyTest {
  @TempDir Path tmp;

  private static String statement(String name, String level, Boolean global) {
    return "{\"name\":\""
        + name
        + "\",\"signatureVerification\":{\"level\":\""
        + level
        + "\"}"
        + (level.equals("skip")
            ? ""
            : ",\"trustStores\":[\"ca:acme\"],\"trustedIdentities\":[\"*\"]")
        + (global == null ? "" : ",\"globalPolicy\":" + global)
        + "}";
  }

  private static String doc(String... statements) {
    return "{\"version\":\"1.0\",\"trustPolicies\":[" + String.join(",", statements) + "]}";
  }

  @Test
  void atMostOneGlobal() {
    InvalidTrustPolicyException e =
        assertThrows(
            InvalidTrustPolicyException.class,
            () ->
                BlobTrustPolicy.parse(
                    doc(statement("a", "strict", true), statement("b", "audit", true))));
    assertThat(e.getMessage()).contains("globalPolicy").contains("\"a\" and \"b\"");
  }

  @Test
  void globalSkipIsRejected() {
    // the specification forbids it; notation's check for it never fires
    InvalidTrustPolicyException e =
        assertThrows(
            InvalidTrustPolicyException.class,
            () -> BlobTrustPolicy.parse(doc(statement("g", "skip", true))));
    assertThat(e.getMessage()).contains("\"g\"").contains("\"skip\"").contains("global");
  }

  @Test
  void globalPolicyMustBeBoolean() {
    InvalidTrustPolicyException e =
        assertThrows(
            InvalidTrustPolicyException.class,
            () ->
                BlobTrustPolicy.parse(
                    doc(
                        "{\"name\":\"a\",\"signatureVerification\":{\"level\":\"strict\"},"
                            + "\"trustStores\":[\"ca:x\"],\"trustedIdentities\":[\"*\"],"
                            + "\"globalPolicy\":\"true\"}")));
    assertThat(e.getMessage()).contains("\"globalPolicy\" must be true or false");
  }

  @Test
  void selection() throws Exception {
    BlobTrustPolicy p =
        BlobTrustPolicy.parse(
            doc(
                statement("a", "strict", null),
                statement("s", "skip", false),
                statement("g", "audit", true)));
    assertThat(p.statementNamed("a").name()).isEqualTo("a");
    assertThat(p.statementNamed("s").actions().skipsVerification()).isTrue();
    assertThat(p.globalStatement().name()).isEqualTo("g");
    assertThat(p.select(null).name()).isEqualTo("g");
    assertThat(p.select("a").name()).isEqualTo("a");
    assertThat(assertThrows(PolicyException.class, () -> p.statementNamed("x")).getMessage())
        .contains("no applicable blob trust policy with name \"x\"");

    BlobTrustPolicy noGlobal = BlobTrustPolicy.parse(doc(statement("a", "strict", false)));
    assertThat(assertThrows(PolicyException.class, noGlobal::globalStatement).getMessage())
        .contains("no global blob trust policy");
  }

  @Test
  void loadFromConfigDirectory() throws Exception {
    NotationPaths paths = NotationPaths.of(tmp);
    assertThat(assertThrows(PolicyException.class, () -> BlobTrustPolicy.load(paths)).getMessage())
        .contains("trustpolicy.blob.json");
    Files.writeString(paths.blobTrustPolicyFile(), doc(statement("a", "strict", true)));
    assertThat(BlobTrustPolicy.load(paths).globalStatement().name()).isEqualTo("a");
  }

  @Test
  void builders() throws Exception {
    BlobTrustPolicyStatement g =
        BlobTrustPolicyStatement.builder("g")
            .signatureVerification(SignatureVerification.of(VerificationLevel.PERMISSIVE))
            .trustStore(TrustStoreRef.parse("ca:acme"))
            .trustedIdentity("*")
            .globalPolicy(true)
            .build();
    BlobTrustPolicyStatement n =
        BlobTrustPolicyStatement.builder("n")
            .signatureVerification(SignatureVerification.of(VerificationLevel.SKIP))
            .build();
    BlobTrustPolicy p = BlobTrustPolicy.of(List.of(g, n));
    assertThat(p.globalStatement()).isEqualTo(g);
    assertThat(p.statementNamed("n")).isEqualTo(n);
    assertThrows(InvalidTrustPolicyException.class, () -> BlobTrustPolicy.of(List.of(g, g)));
    assertThrows(
        InvalidTrustPolicyException.class,
        () ->
            BlobTrustPolicyStatement.builder("x")
                .signatureVerification(SignatureVerification.of(VerificationLevel.STRICT))
                .trustStore(TrustStoreRef.parse("ca:acme"))
                .build());
  }
}
