package dev.ocitrust.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ocitrust.cose.HeaderLabel;
import dev.ocitrust.cose.UnverifiedSign1;
import dev.ocitrust.testkit.PeerCli;
import dev.ocitrust.testkit.PeerResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts both ways with an independent implementation, @transmute/cose from npm (through
 * scripts/transmute-receipts.js, installed by scripts/install-peers.sh as transmute-receipts):
 * receipts our service issues over HTTP verify there, receipts it issues verify here, and a
 * statement changed after registration fails in both.
 */
class TransmuteInteropIT {
  @TempDir Path dir;

  private final PeerCli transmute = PeerCli.of("transmute-receipts");

  private static byte[] register(TransparencyService ts, byte[] statement) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(ts.uri().resolve("/entries"))
                    .header("Content-Type", "application/cose")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(statement))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(201);
    return r.body();
  }

  @Test
  void ourReceiptsVerifyWithTransmuteAndTheirsWithUs() throws Exception {
    byte[] statement;
    byte[] keys;
    try (TransparencyService ts =
        TransparencyService.builder(dir.resolve("ts"))
            .policy(RegistrationPolicy.builder().allowIssuer(TestStatements.ISSUER).build())
            .build()) {
      for (int i = 0; i < 4; i++) {
        register(ts, TestStatements.statement(TestStatements.ISSUER, "filler " + i));
      }
      statement = TestStatements.statement(TestStatements.ISSUER, "the one");
      statement = ReceiptChecks.embed(statement, register(ts, statement));
      for (int i = 0; i < 2; i++) {
        register(ts, TestStatements.statement(TestStatements.ISSUER, "later " + i));
      }
      keys = ts.keySet();
    }
    // ours, verified there (the service is stopped: offline)
    Path ours = Files.write(dir.resolve("ours.cose"), statement);
    Path ourKeys = Files.write(dir.resolve("ours-keys.cbor"), keys);
    PeerResult ok = transmute.run("verify", ours.toString(), ourKeys.toString());
    assertThat(ok.exitCode()).as(ok.describe()).isZero();
    assertThat(ok.stdout()).startsWith("verified 1 receipt(s)");

    byte[] changed = statement.clone();
    changed[changed.length - 1] ^= 1; // the statement's signature: another entry
    Path bad = Files.write(dir.resolve("changed.cose"), changed);
    PeerResult refused = transmute.run("verify", bad.toString(), ourKeys.toString());
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);

    // theirs, verified here
    Path theirs = dir.resolve("theirs.cose");
    Path theirKeys = dir.resolve("theirs-keys.cbor");
    PeerResult issued =
        transmute.run("issue", ours.toString(), theirs.toString(), theirKeys.toString());
    assertThat(issued.exitCode()).as(issued.describe()).isZero();
    byte[] transparent = Files.readAllBytes(theirs);
    List<byte[]> receipts = ReceiptChecks.receipts(transparent);
    assertThat(receipts).hasSize(1);
    byte[] kid =
        UnverifiedSign1.parse(receipts.get(0))
            .protectedHeaders()
            .bytes(HeaderLabel.KID)
            .orElseThrow();
    InclusionProof p =
        ReceiptChecks.verify(
            receipts.get(0), transparent, ReceiptChecks.key(Files.readAllBytes(theirKeys), kid));
    assertThat(p.treeSize()).isEqualTo(6);
    assertThat(p.leafIndex()).isEqualTo(3);
    // their receipt is not one of our service's, nor one for another statement
    assertThatThrownBy(
            () ->
                ReceiptChecks.verify(
                    receipts.get(0),
                    transparent,
                    ReceiptChecks.key(keys, ReceiptChecks.keyId(keys))))
        .isInstanceOf(dev.ocitrust.cose.CoseException.class);
    assertThatThrownBy(
            () ->
                ReceiptChecks.verify(
                    receipts.get(0),
                    changed,
                    ReceiptChecks.key(Files.readAllBytes(theirKeys), kid)))
        .isInstanceOf(dev.ocitrust.cose.CoseException.class);
  }
}
