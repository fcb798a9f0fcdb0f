package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.NOW;
import static dev.ocitrust.claims.ClaimFixture.bytes;
import static dev.ocitrust.claims.ClaimFixture.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revocation, end of life, deprecation and successors, as lifecycle rules judge them. */
class LifecycleRuleTest {
  private static final String RULE =
      "{\"name\":\"lifecycle\",\"lifecycle\":{\"from\":[\"wabbit\",\"acme\"],"
          + "\"overridableBy\":[\"acme\"]%s}}";
  private final ClaimFixture f = new ClaimFixture();
  private MemoryStore store;

  @BeforeEach
  void setUp() throws Exception {
    store = new MemoryStore();
    ClaimFixture.image(store, "v1", "net-monitor v1");
  }

  private ClaimDecision decide(String options) throws Exception {
    return f.verifier(policy(String.format(RULE, options), ""))
        .evaluate(store, "registry.example/net-monitor", "v1", "prod");
  }

  private ClaimDecision decide() throws Exception {
    return decide("");
  }

  private static Instant ago(int minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  private Descriptor lifecycle(ClaimIssuer issuer, Lifecycle l) throws Exception {
    return issuer.lifecycle(store, "v1", l);
  }

  @Test
  void withoutLifecycleClaimsTheRuleHolds() throws Exception {
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(d.successor()).isEmpty();
  }

  @Test
  void aRevocationDeniesAndNamesTheSuccessor() throws Exception {
    lifecycle(
        f.wabbitAt(ago(10)),
        Lifecycle.of(LifecycleState.REVOKED)
            .withReason("compromised build")
            .withSuccessor("registry.example/net-monitor:v2"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(d.rules().get(0).message())
        .contains("wabbit declared it revoked")
        .contains("compromised build");
    assertThat(d.successor()).contains("registry.example/net-monitor:v2");
    assertThat(d.text()).contains("successor: registry.example/net-monitor:v2");
    assertThat(d.json()).contains("\"successor\" : \"registry.example/net-monitor:v2\"");
  }

  @Test
  void aNewerActiveClaimOfTheSameIssuerLiftsARevocation() throws Exception {
    lifecycle(f.wabbitAt(ago(20)), Lifecycle.of(LifecycleState.REVOKED));
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.ACTIVE).withReason("false alarm"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(d.claims(ClaimStatus.SUPERSEDED)).hasSize(1);
  }

  @Test
  void aConsumersNewerActiveClaimOverridesThePublishersEndOfLife() throws Exception {
    lifecycle(f.wabbitAt(ago(20)), Lifecycle.of(LifecycleState.END_OF_LIFE));
    lifecycle(f.acmeAt(ago(10)), Lifecycle.of(LifecycleState.ACTIVE).withReason("we support it"));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(d.rules().get(0).message()).contains("overridden by acme's newer active claim");
  }

  @Test
  void anOlderActiveClaimOfTheConsumerDoesNotOverride() throws Exception {
    lifecycle(f.acmeAt(ago(20)), Lifecycle.of(LifecycleState.ACTIVE));
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.END_OF_LIFE));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void aConsumerCannotOverrideARevocation() throws Exception {
    lifecycle(f.wabbitAt(ago(20)), Lifecycle.of(LifecycleState.REVOKED));
    lifecycle(f.acmeAt(ago(10)), Lifecycle.of(LifecycleState.ACTIVE));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void anIssuerNotInOverridableByCannotOverride() throws Exception {
    lifecycle(f.acmeAt(ago(20)), Lifecycle.of(LifecycleState.END_OF_LIFE));
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.ACTIVE));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void anEndOfLifeInTheFutureIsNotYetEffective() throws Exception {
    lifecycle(
        f.wabbitAt(ago(10)),
        Lifecycle.of(LifecycleState.END_OF_LIFE).effectiveAt(NOW.plus(Duration.ofDays(30))));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(d.rules().get(0).status()).isEqualTo(RuleOutcome.Status.WARNED);
    assertThat(d.rules().get(0).message()).contains("not yet in effect");
  }

  @Test
  void theEndOfLifeEffectIsThePolicys() throws Exception {
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.END_OF_LIFE));
    assertThat(decide(",\"endOfLife\":\"warn\"").verdict())
        .isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(decide(",\"endOfLife\":\"ignore\"").verdict())
        .isEqualTo(ClaimDecision.Verdict.ALLOW);
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void aDeprecationWarns() throws Exception {
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.DEPRECATED));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(decide(",\"deprecated\":\"deny\"").verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void aLifecycleClaimFromAnUntrustedIssuerIsIgnored() throws Exception {
    lifecycle(
        f.issuer(f.acme, "https://mallory.example", ago(10)), Lifecycle.of(LifecycleState.REVOKED));
    ClaimDecision d = decide();
    assertThat(d.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(d.claims(ClaimStatus.IGNORED)).hasSize(1);
    assertThat(d.rules().get(0).status()).isEqualTo(RuleOutcome.Status.SATISFIED);
  }

  @Test
  void atTheSameIatTheMoreSevereStateWins() throws Exception {
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.ACTIVE));
    lifecycle(f.wabbitAt(ago(10)), Lifecycle.of(LifecycleState.REVOKED));
    assertThat(decide().verdict()).isEqualTo(ClaimDecision.Verdict.DENY);
  }

  @Test
  void anUnsignedEndOfLifeMarkerOnlyWarnsUnlessThePolicyOptsIn() throws Exception {
    Descriptor image = store.resolve("v1");
    byte[] empty = {'{', '}'};
    ImageManifest marker =
        ImageManifest.builder(Descriptor.EMPTY_JSON_DESCRIPTOR)
            .artifactType(ClaimTypes.UNSIGNED_LIFECYCLE)
            .subject(image)
            .annotations(Map.of(ClaimTypes.UNSIGNED_END_OF_LIFE_ANNOTATION, "2026-01-01"))
            .build();
    store.push(Descriptor.EMPTY_JSON_DESCRIPTOR, empty);
    store.pushReferrers(image, List.of(marker));
    ClaimDecision warned = decide();
    assertThat(warned.verdict()).isEqualTo(ClaimDecision.Verdict.ALLOW_WITH_WARNINGS);
    assertThat(warned.rules().get(0).message()).contains("an annotation, not a signed claim");
    assertThat(decide(",\"unsignedEndOfLife\":\"deny\"").verdict())
        .isEqualTo(ClaimDecision.Verdict.DENY);
    assertThat(decide(",\"unsignedEndOfLife\":\"ignore\"").verdict())
        .isEqualTo(ClaimDecision.Verdict.ALLOW);
  }

  @Test
  void aLifecycleNoticeIsParsedStrictly() throws Exception {
    Lifecycle l =
        new Lifecycle(
            LifecycleState.END_OF_LIFE,
            java.util.Optional.of(Instant.parse("2027-01-01T00:00:00Z")),
            java.util.Optional.of("v2 is out"),
            java.util.Optional.of("registry.example/net-monitor:v2"),
            List.of("https://wabbit.example/sa/1"));
    assertThat(new String(l.toJson(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"state\":\"end-of-life\",\"effective\":\"2027-01-01T00:00:00Z\",\"reason\":\"v2 is out\","
                + "\"successor\":\"registry.example/net-monitor:v2\","
                + "\"advisories\":[\"https://wabbit.example/sa/1\"]}");
    assertThat(Lifecycle.parse(l.toJson())).isEqualTo(l);
    assertThatThrownBy(() -> Lifecycle.parse(bytes("{\"state\":\"retired\"}")))
        .hasMessageContaining("state: expected active, deprecated, end-of-life or revoked");
    assertThatThrownBy(() -> Lifecycle.parse(bytes("{\"state\":\"revoked\",\"why\":1}")))
        .hasMessageContaining("why: unknown property");
    assertThatThrownBy(
            () -> Lifecycle.parse(bytes("{\"state\":\"revoked\",\"advisories\":[\"sa-1\"]}")))
        .hasMessageContaining("is not an absolute URI");
  }

  @Test
  void aMalformedLifecycleClaimIsIgnored() throws Exception {
    assertThatThrownBy(
            () ->
                f.wabbitAt(ago(10))
                    .issue(store, "v1", ClaimTypes.LIFECYCLE, bytes("{\"state\":\"gone\"}")))
        .isInstanceOf(InvalidClaimException.class);
    byte[] s =
        ClaimFixture.statement(
            f.wabbit,
            ClaimFixture.WABBIT_ISS,
            store.resolve("v1"),
            ClaimTypes.LIFECYCLE,
            bytes("{\"state\":\"gone\"}"),
            ago(10));
    ClaimFixture.attach(store, store.resolve("v1"), s, ClaimTypes.LIFECYCLE);
    ClaimDecision d = decide();
    assertThat(d.claims(ClaimStatus.IGNORED)).hasSize(1);
    assertThat(d.claims().get(0).reason())
        .hasValueSatisfying(r -> assertThat(r).contains("its payload is malformed: lifecycle:"));
  }
}
