package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import dev.ocitrust.testkit.Peers;
import dev.ocitrust.testkit.RegistryExtension;
import dev.ocitrust.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/scenario.sh}, README's main job, run as a user runs it (bash, the built {@code
 * bin/ocitrust}, openssl): on OCI image layouts and against a real docker-registry. It must
 * succeed, print every step with its commands, and reach the verdicts of the seed scenario: the
 * published copy lacks the internal claim, the gate allows prod and denies staging. A step whose
 * command is missing stops it with a message and exit 0.
 */
class ScenarioScriptIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();

  private static final Duration LIMIT = Duration.ofMinutes(10);
  private static final String INTERNAL = "application/vnd.wabbit.test-report+json";

  @TempDir Path tmp;

  private PeerResult scenario(PeerCli script, String... args) {
    Peers.require("openssl");
    PeerResult r = script.withEnv("TMPDIR", tmp.toString()).withTimeout(LIMIT).run(args);
    assertThat(r.exitCode()).as(r.describe()).isZero();
    return r;
  }

  private static PeerCli script() {
    return PeerCli.at(Checkout.root().resolve("examples/scenario.sh"));
  }

  /** The text of step {@code n}: from its heading to the next one. */
  private static String section(String out, int n) {
    int start = out.indexOf("\n== " + n + ". ");
    assertThat(start).as("step %d in:\n%s", n, out).isNotNegative();
    int end = out.indexOf("\n== ", start + 1);
    return out.substring(start, end < 0 ? out.length() : end);
  }

  private static void checkVerdicts(String out, String scope) {
    for (int n = 0; n <= 6; n++) {
      assertThat(section(out, n)).isNotBlank();
    }
    // step 1: pushed, an SBOM and provenance attached, image and SBOM signed
    assertThat(section(out, 1))
        .contains("\n$ ocitrust copy ")
        .contains("\n$ ocitrust attach ")
        .contains("\nSigned ")
        .containsPattern("\\$ ocitrust sign [^\n]*@sha256:[0-9a-f]{64}\n");
    // step 3: the publisher's graph has the internal claim, the published one has not
    assertThat(section(out, 2)).contains("└── " + INTERNAL);
    String published = section(out, 3);
    assertThat(published.substring(published.indexOf("$ ocitrust discover")))
        .contains("application/sarif+json", "application/vnd.cncf.notary.signature")
        .doesNotContain(INTERNAL);
    assertThat(section(out, 5))
        .contains("claims: 4 (4 effective, 0 superseded, 0 ignored)")
        .contains("issuer acme")
        .contains("issuer wabbit");
    String gate = section(out, 6);
    assertThat(gate)
        .containsPattern("\nALLOWED " + Pattern.quote(scope) + "@sha256:[0-9a-f]{64} for prod\n")
        .containsPattern("\nDENIED " + Pattern.quote(scope) + "@sha256:[0-9a-f]{64} for staging\n")
        .contains("rule approved (requireApproval): VIOLATED: no approval for staging from acme")
        .contains("signature: VERIFIED");
    // step 7: the deprecation and v2 synced, v1's verdict changed, the redirect followed to v2
    String update = section(out, 7);
    assertThat(update)
        .contains("wabbit declared it deprecated, successor v2")
        .contains("verdict for prod: ALLOW -> ALLOW_WITH_WARNINGS (changed)")
        .contains("1 verdict(s) changed")
        .containsPattern("\ndeploy: " + Pattern.quote(scope) + "@sha256:[0-9a-f]{64}\n");
    // step 8: archived with every referrer, the deployment record closed, the same decision
    assertThat(section(out, 8))
        .contains("Closed the deployment record in prod")
        .contains("(the same)")
        .contains("Recorded ");
    // step 9: v0 (out of production for more than a year) purged, v1 kept and still allowed
    String retention = section(out, 9);
    assertThat(retention)
        .contains("(dry run): 1 kept, 1 would be deleted")
        .contains(": 1 kept, 1 deleted")
        .containsPattern("\nDELETED sha256:[0-9a-f]{64} v0: expired by rule deployed")
        .containsPattern("\nKEPT    sha256:[0-9a-f]{64} v1: kept by rule archived")
        .containsPattern("\nALLOWED [^\n]*@sha256:[0-9a-f]{64} for prod\n");
    assertThat(out).endsWith("\nThe scenario ran to the end.\n");
  }

  @Test
  void runsOnOciLayouts() {
    PeerResult r = scenario(script());
    checkVerdicts(r.stdout(), "local/net-monitor");
    assertThat(r.stdout()).startsWith("The ocitrust scenario on OCI image layouts");
    try (var left = Files.list(tmp)) {
      assertThat(left).as("the temporary folder is removed").isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void runsAgainstADockerRegistry(RegistryServer server) {
    PeerResult r = scenario(script(), "--registry", server.host(), "--plain-http");
    checkVerdicts(r.stdout(), server.host() + "/acme/net-monitor");
  }

  @Test
  void stopsAtTheFirstStepWhoseCommandThisBuildLacks() throws Exception {
    // an ocitrust without `claim approve`: its help is the parent's, as picocli prints it
    Path fake = tmp.resolve("ocitrust-without-approve");
    Files.writeString(
        fake,
        "#!/bin/sh\n"
            + "if [ \"$1 $2\" = 'claim approve' ]; then shift 2; exec '"
            + Checkout.root().resolve("bin/ocitrust")
            + "' claim \"$@\"; fi\n"
            + "exec '"
            + Checkout.root().resolve("bin/ocitrust")
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    PeerResult r = scenario(script().withEnv("OCITRUST", fake.toString()));
    assertThat(r.stdout())
        .contains("\n== 1. ")
        .endsWith(
            "The scenario stops here: step 2 (Verification: Wabbit's scan and internal test report"
                + " as signed claims, and its approval) needs `ocitrust claim approve`, which this"
                + " build of ocitrust does not have yet.\nSteps 0 to 1 ran.\n")
        .doesNotContain("$ ocitrust claim add");
  }
}
