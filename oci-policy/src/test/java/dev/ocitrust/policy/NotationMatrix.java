package dev.ocitrust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.TestCertificate;
import dev.ocitrust.testkit.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision matrix against the real notation CLI, for one kind of store (subclasses: OCI image
 * layout, docker-registry): for each level (strict, permissive, audit, skip) and each artifact
 * (valid signature, untrusted identity, expired leaf, expired leaf with a valid time stamp,
 * tampered payload, no signature, chain outside the trust store), ocitrust's verdict must equal
 * {@code notation verify}'s, and both must equal the expectation written here by hand.
 *
 * <p>All artifacts live in one store; each level has its own notation configuration
 * (XDG_CONFIG_HOME) with a trust policy for the store's scope, {@code verifyTimestamp:
 * afterCertExpiry}, stores {@code ca:matrix} and {@code tsa:matrix}, and one x509.subject identity.
 * ocitrust reads the very same configuration ({@link NotationPaths}, {@link OciTrustPolicy#load},
 * {@link DirectoryTrustStore}). Signatures are made by ocitrust, so every passing notation cell
 * also shows that ocitrust's signatures pass {@code notation verify}.
 *
 * <p>Where the specification and notation differ on these cells: nowhere. (The one difference that
 * touches levels, {@code skip} with the global scope {@code *}, which ocitrust rejects as the
 * specification says, is avoided by using an exact scope; see {@code docs/spec-differences.md}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotationMatrix {
  private static final List<String> LEVELS = List.of("strict", "permissive", "audit", "skip");
  private static final List<String> CASES =
      List.of(
          "valid",
          "untrusted-identity",
          "expired-leaf",
          "expired-leaf-timestamped",
          "tampered-payload",
          "no-signature",
          "wrong-trust-store");

  /** Hand-written expectations: true = verified (or skipped), per level, in CASES order. */
  private static final Map<String, List<Boolean>> EXPECTED =
      Map.of(
          "strict", List.of(true, false, false, true, false, false, false),
          "permissive", List.of(true, false, true, true, false, false, false),
          "audit", List.of(true, true, true, true, false, false, true),
          "skip", List.of(true, true, true, true, true, true, true));

  @TempDir static Path tmp;
  private final Map<String, Descriptor> artifacts = new LinkedHashMap<>();
  PeerCli notation;
  private ExecutorService pool;

  /** The store holding the artifacts (opened afresh for each ocitrust verification). */
  abstract Target store() throws Exception;

  /** The policy scope of the store's artifacts. */
  abstract String scope();

  /** Whether signatures are written in the OCI 1.0 form (all notation 1.3 finds in a layout). */
  abstract boolean legacyManifests();

  /** The arguments of {@code notation verify} for {@code artifact}. */
  abstract List<String> notationVerifyArgs(Descriptor artifact);

  @BeforeAll
  void setUp() throws Exception {
    notation = PeerCli.of("notation").withEnv("NOTATION_EXPERIMENTAL", "1");
    pool = Executors.newFixedThreadPool(4);
    Target layout = store();
    Instant now = Instant.now();

    TestCertificate trustedRoot = Fixture.trustedRoot();
    TestCertificate trusted = Fixture.leaf(Fixture.TRUSTED_DN, trustedRoot);
    TestCertificate stranger = Fixture.leaf("CN=someone else,O=ocitrust,ST=WA,C=US", trustedRoot);
    TestCertificate foreign = Fixture.trustedLeaf();
    TestCertificate expired = Fixture.expiredLeaf(trustedRoot, now);
    Instant signedAt = now.minus(Duration.ofDays(10));
    TestTsa tsa = Fixture.tsa(Clock.fixed(signedAt.plusSeconds(5), ZoneOffset.UTC));

    for (String c : CASES) {
      artifacts.put(c, Fixture.image(layout, c, "artifact " + c));
    }
    sign(layout, "valid", Fixture.signer(trusted).build());
    sign(layout, "untrusted-identity", Fixture.signer(stranger).build());
    sign(
        layout,
        "expired-leaf",
        Fixture.signer(expired).clock(Clock.fixed(signedAt, ZoneOffset.UTC)).build());
    sign(
        layout,
        "expired-leaf-timestamped",
        Fixture.signer(expired)
            .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
            .timestampAuthority(
                tsa::respond, TimestampVerifier.create(List.of(tsa.rootCertificate())))
            .build());
    Descriptor tampered = artifacts.get("tampered-payload");
    Fixture.pushSignature(
        layout,
        tampered,
        Fixture.tamperPayload(Fixture.signer(trusted).build().sign(Fixture.target(tampered))),
        trusted.chain(),
        legacyManifests());
    sign(layout, "wrong-trust-store", Fixture.signer(foreign).build());

    for (String level : LEVELS) {
      Path notationDir = tmp.resolve("xdg-" + level).resolve("notation");
      Files.createDirectories(notationDir);
      boolean skip = level.equals("skip");
      Files.writeString(
          notationDir.resolve("trustpolicy.json"),
          Fixture.policyJson(
              scope(),
              "{\"level\":\""
                  + level
                  + "\""
                  + (skip ? "" : ",\"verifyTimestamp\":\"afterCertExpiry\"")
                  + "}",
              skip ? null : "\"ca:matrix\",\"tsa:matrix\"",
              skip ? null : "\"" + Fixture.IDENTITY + "\""));
      writePem(
          notationDir.resolve("truststore/x509/ca/matrix/root.pem"), trustedRoot.certificate());
      writePem(
          notationDir.resolve("truststore/x509/tsa/matrix/tsa-root.pem"), tsa.rootCertificate());
    }
  }

  @AfterAll
  void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void sign(Target layout, String tag, NotaryEnvelopeSigner s) throws Exception {
    NotarySigner.builder(s).legacyManifest(legacyManifests()).build().sign(layout, tag);
  }

  static void writePem(Path file, X509Certificate... certs) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, TestCertificate.pem(List.of(certs)));
  }

  private boolean ocitrust(String level, Descriptor artifact, StringBuilder why) throws Exception {
    NotationPaths paths = NotationPaths.of(tmp.resolve("xdg-" + level).resolve("notation"));
    NotaryVerifier v =
        NotaryVerifier.builder(
                OciTrustPolicy.load(paths),
                DirectoryTrustStore.atConfigDirectory(paths.configDirectory()))
            .build();
    try {
      VerificationResult r = v.verify(store(), scope(), artifact.digest().toString());
      why.append(r);
      return true;
    } catch (VerificationFailedException e) {
      why.append(e.getMessage());
      return false;
    }
  }

  private PeerResult notationVerify(String level, Descriptor artifact) {
    return notation
        .withEnv("XDG_CONFIG_HOME", tmp.resolve("xdg-" + level).toString())
        .run(notationVerifyArgs(artifact));
  }

  @Test
  void ocitrustDecidesEveryCellAsNotationDoes() throws Exception {
    Map<String, Future<PeerResult>> runs = new LinkedHashMap<>();
    for (String level : LEVELS) {
      for (String c : CASES) {
        Descriptor a = artifacts.get(c);
        runs.put(level + " × " + c, pool.submit(() -> notationVerify(level, a)));
      }
    }
    List<String> table = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    for (String level : LEVELS) {
      for (int i = 0; i < CASES.size(); i++) {
        String c = CASES.get(i);
        String cell = level + " × " + c;
        PeerResult n = runs.get(cell).get();
        StringBuilder why = new StringBuilder();
        boolean ours = ocitrust(level, artifacts.get(c), why);
        boolean expected = EXPECTED.get(level).get(i);
        table.add(
            String.format(
                "%-40s expected=%-5s ocitrust=%-5s notation=%-5s | %s",
                cell, expected, ours, n.ok(), why));
        if (ours != n.ok() || ours != expected) {
          mismatches.add(cell + "\n  ocitrust: " + why + "\n" + n.describe());
        }
      }
    }
    System.out.println(String.join("\n", table));
    assertThat(mismatches).as(String.join("\n\n", mismatches)).isEmpty();
  }
}
