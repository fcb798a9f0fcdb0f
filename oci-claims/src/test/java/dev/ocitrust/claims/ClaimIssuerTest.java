package dev.ocitrust.claims;

import static dev.ocitrust.claims.ClaimFixture.ACME_ISS;
import static dev.ocitrust.claims.ClaimFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import COSE.Message;
import COSE.MessageTag;
import COSE.OneKey;
import COSE.Sign1Message;
import com.upokecenter.cbor.CBORObject;
import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MemoryStore;
import dev.ocitrust.client.OciLayout;
import dev.ocitrust.cose.TimestampVerifier;
import dev.ocitrust.testkit.TestTsa;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimIssuerTest {
  private final ClaimFixture f = new ClaimFixture();

  @Test
  void aClaimIsAReferrerWhoseAnnotationsRepeatTheSignedValues() throws Exception {
    MemoryStore store = new MemoryStore();
    Descriptor image = ClaimFixture.image(store, "v1", "x");
    Descriptor claim = f.acmeAt(NOW).approve(store, "v1", Approval.approved("prod"));
    assertThat(store.referrers(image, ClaimTypes.APPROVAL))
        .extracting(Descriptor::digest)
        .containsExactly(claim.digest());
    ImageManifest m = (ImageManifest) store.fetchManifest(claim);
    assertThat(m.artifactType()).contains(ClaimTypes.APPROVAL);
    assertThat(m.config()).isEqualTo(Descriptor.EMPTY_JSON_DESCRIPTOR);
    assertThat(m.layers()).hasSize(1);
    assertThat(m.layers().get(0).mediaType()).isEqualTo("application/scitt-statement+cose");
    assertThat(m.subject().orElseThrow().digest()).isEqualTo(image.digest());
    String sub = "pkg:oci/artifact@" + image.digest();
    assertThat(m.annotations())
        .containsEntry("dev.ocitrust.claim.iss", ACME_ISS)
        .containsEntry("dev.ocitrust.claim.sub", sub)
        .containsEntry("org.opencontainers.image.created", "2026-06-01T12:00:00Z");

    // read with an independent CBOR decoder and verified with an independent COSE implementation
    byte[] statement = store.fetchBytes(m.layers().get(0), 1 << 20);
    CBORObject msg = CBORObject.DecodeFromBytes(statement);
    assertThat(msg.getMostInnerTag().ToInt32Checked()).isEqualTo(18);
    CBORObject prot = CBORObject.DecodeFromBytes(msg.get(0).GetByteString());
    assertThat(prot.get(1).AsInt32()).isEqualTo(-7);
    assertThat(prot.get(3).AsString()).isEqualTo(ClaimTypes.APPROVAL);
    assertThat(prot.get(15).get(1).AsString()).isEqualTo(ACME_ISS);
    assertThat(prot.get(15).get(2).AsString()).isEqualTo(sub);
    assertThat(prot.get(15).get(6).AsInt64Value()).isEqualTo(NOW.getEpochSecond());
    assertThat(prot.get(33).size()).isEqualTo(2);
    X509Certificate leaf =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(prot.get(33).get(0).GetByteString()));
    assertThat(leaf).isEqualTo(f.acme.certificate());
    Sign1Message theirs = (Sign1Message) Message.DecodeFromBytes(statement, MessageTag.Sign1);
    assertThat(theirs.validate(new OneKey(leaf.getPublicKey(), null))).isTrue();
    assertThat(Approval.parse(theirs.GetContent())).isEqualTo(Approval.approved("prod"));
    byte[] tampered = statement.clone();
    tampered[tampered.length - 3] ^= 1;
    Sign1Message bad = (Sign1Message) Message.DecodeFromBytes(tampered, MessageTag.Sign1);
    assertThat(bad.validate(new OneKey(leaf.getPublicKey(), null))).isFalse();
  }

  @Test
  void inALayoutTheSubjectIsNamedAfterTheFolder(@TempDir Path dir) throws Exception {
    OciLayout layout = OciLayout.open(dir.resolve("Net Monitor"));
    Descriptor image = ClaimFixture.image(layout, "v1", "x");
    Descriptor claim =
        f.acmeAt(NOW).issue(layout, "v1", "application/sarif+json", new byte[] {'{', '}'});
    ImageManifest m = (ImageManifest) layout.fetchManifest(claim);
    assertThat(m.annotations())
        .containsEntry("dev.ocitrust.claim.sub", "pkg:oci/net-monitor@" + image.digest());
    // a new OciLayout instance reads the claim as a referrer
    assertThat(OciLayout.open(dir.resolve("Net Monitor")).referrers(image, null)).hasSize(1);
  }

  @Test
  void aTimeStampedClaimCarriesItsToken() throws Exception {
    MemoryStore store = new MemoryStore();
    ClaimFixture.image(store, "v1", "x");
    TestTsa tsa = TestTsa.create(Clock.fixed(NOW, ZoneOffset.UTC));
    Descriptor claim =
        ClaimIssuer.builder(f.acme.privateKey(), f.acme.chain(), ACME_ISS)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .timestampAuthority(
                tsa::respond, TimestampVerifier.create(List.of(tsa.rootCertificate())))
            .build()
            .approve(store, "v1", Approval.approved("prod"));
    byte[] statement =
        store.fetchBytes(((ImageManifest) store.fetchManifest(claim)).layers().get(0), 1 << 20);
    assertThat(CBORObject.DecodeFromBytes(statement).get(1).get(270).GetByteString()).isNotEmpty();
  }

  @Test
  void badInputIsRefusedBeforeSigning() throws Exception {
    MemoryStore store = new MemoryStore();
    ClaimFixture.image(store, "v1", "x");
    ClaimIssuer acme = f.acmeAt(NOW);
    assertThatThrownBy(() -> acme.issue(store, "v1", "not a type", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"not a type\" is not a media type");
    assertThatThrownBy(() -> acme.issue(store, "v1", ClaimTypes.STATEMENT, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                acme.issue(
                    store, "v1", ClaimTypes.APPROVAL, ClaimFixture.bytes("{\"decision\":\"yes\"}")))
        .isInstanceOf(InvalidClaimException.class)
        .hasMessageContaining("approval:");
    assertThatThrownBy(
            () -> acme.issue(store, "v1", "a/b", new byte[ClaimIssuer.MAX_PAYLOAD_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most");
    assertThat(store.referrers(store.resolve("v1"), null)).isEmpty();
    assertThatThrownBy(
            () -> ClaimIssuer.builder(f.acme.privateKey(), f.acme.chain(), "acme").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("URI");
  }
}
