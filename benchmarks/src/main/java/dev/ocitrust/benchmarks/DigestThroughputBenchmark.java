package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Digest;
import dev.ocitrust.client.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a verified read: a store fetch through the verifying stream against the bare {@link
 * MessageDigest} over the same 16 MiB. The ratio is what verification adds on top of the hashing
 * that any correct client must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DigestThroughputBenchmark {
  private byte[] content;
  private Descriptor descriptor;
  private MemoryStore store;

  /** Makes 16 MiB of random content and stores it. */
  @Setup
  public void setUp() throws IOException {
    content = new byte[16 * 1024 * 1024];
    new Random(42).nextBytes(content);
    descriptor = Descriptor.of("application/octet-stream", content);
    store = new MemoryStore();
    store.push(descriptor, content);
  }

  /** Bare SHA-256 of the content. */
  @Benchmark
  public byte[] bareSha256() throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(content);
  }

  /** A verified fetch of the same content from the in-memory store. */
  @Benchmark
  public long verifiedFetch() throws IOException {
    try (InputStream in = store.fetch(descriptor)) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Digest computation through the SDK's helper. */
  @Benchmark
  public Digest sdkDigest() {
    return Digest.sha256(content);
  }
}
