package dev.ocitrust.client;

import static dev.ocitrust.client.MockRegistry.client;
import static dev.ocitrust.client.MockRegistry.repo;
import static dev.ocitrust.client.MockRegistry.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chunked uploads resume across requests against a registry that keeps what it received of a broken
 * chunk (as the distribution spec allows): the client asks for the upload's state and sends the
 * chunk on from the registry's offset, never repeating a chunk blindly.
 */
class ResumableUploadTest {
  private static final int CHUNK = 100_000;
  private MockWebServer server;
  private RegistryClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = client().chunkSize(CHUNK).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private void accepted(String location, String range) {
    server.enqueue(status(202).setHeader("Location", location).setHeader("Range", range).build());
  }

  @Test
  void aChunkBrokenMidBodyResumesFromTheRegistrysOffset() throws Exception {
    byte[] blob = random(2 * CHUNK);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    accepted("/v2/repo/blobs/uploads/u?s=0", "0-0"); // POST
    accepted("/v2/repo/blobs/uploads/u?s=1", "0-99999"); // PATCH 1
    // PATCH 2: the connection breaks before its answer
    server.enqueue(
        status(202).onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
    // GET status: the registry kept 30000 bytes of the broken chunk
    server.enqueue(
        status(204)
            .setHeader("Range", "0-129999")
            .setHeader("Location", "/v2/repo/blobs/uploads/u?s=2")
            .build());
    accepted("/v2/repo/blobs/uploads/u?s=3", "0-199999"); // the rest of chunk 2
    server.enqueue(status(201).setHeader("Docker-Content-Digest", d.digest().toString()).build());

    repo(client, server).push(d, new ByteArrayInputStream(blob));

    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
    RecordedRequest first = server.takeRequest();
    assertThat(first.getHeaders().get("Content-Range")).isEqualTo("0-99999");
    RecordedRequest broken = server.takeRequest();
    assertThat(broken.getHeaders().get("Content-Range")).isEqualTo("100000-199999");
    RecordedRequest state = server.takeRequest();
    assertThat(state.getMethod()).isEqualTo("GET");
    assertThat(state.getUrl().queryParameter("s")).isEqualTo("1"); // the newest location
    RecordedRequest resumed = server.takeRequest();
    assertThat(resumed.getMethod()).isEqualTo("PATCH");
    assertThat(resumed.getUrl().queryParameter("s")).isEqualTo("2"); // the status's location
    assertThat(resumed.getHeaders().get("Content-Range")).isEqualTo("130000-199999");
    assertThat(resumed.getBody().toByteArray())
        .isEqualTo(Arrays.copyOfRange(blob, 130_000, 200_000));
    RecordedRequest put = server.takeRequest();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getUrl().queryParameter("digest")).isEqualTo(d.digest().toString());
    assertThat(server.getRequestCount()).isEqualTo(6);
  }

  @Test
  void aRegistryThatLostTheUploadFailsItTyped() throws Exception {
    byte[] blob = random(2 * CHUNK);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    accepted("/v2/repo/blobs/uploads/u?s=0", "0-0");
    server.enqueue(
        status(202).onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
    server.enqueue(status(404).build()); // GET status: unknown upload
    server.enqueue(status(204).build()); // the DELETE that cancels it

    assertThatThrownBy(() -> repo(client, server).push(d, new ByteArrayInputStream(blob)))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage()).contains("the upload was lost when its connection broke");
            });
    server.takeRequest(); // POST
    server.takeRequest(); // the broken PATCH
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
  }

  @Test
  void aStatusOutsideTheChunkInHandFails() throws Exception {
    byte[] blob = random(2 * CHUNK);
    Descriptor d = Descriptor.of("application/octet-stream", blob);
    accepted("/v2/repo/blobs/uploads/u?s=0", "0-0");
    accepted("/v2/repo/blobs/uploads/u?s=1", "0-99999");
    server.enqueue(
        status(202).onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
    // the registry claims fewer bytes than the chunk in hand starts at: they cannot be resent
    server.enqueue(status(204).setHeader("Range", "0-49999").build());
    server.enqueue(status(204).build()); // DELETE

    assertThatThrownBy(() -> repo(client, server).push(d, new ByteArrayInputStream(blob)))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.getMessage()).contains("registry holds 50000 bytes"));
  }
}
