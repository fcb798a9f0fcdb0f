package dev.ocitrust.benchmarks;

import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.graph.CopyOptions;
import dev.ocitrust.graph.GraphCopier;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured ocitrust registry-to-registry copy of a tagged artifact, with the SDK's {@link
 * GraphCopier}: the ocitrust side of {@link RegistryCopyBenchmark}. Every blob streams from source
 * to destination, verified once while it is read, never buffered whole. Also the entry point of the
 * child JVM that benchmark starts with {@code -Xmx64m}:
 *
 * <pre>
 * java -Xmx64m -cp benchmarks/target/ocitrust-benchmarks.jar \
 *     dev.ocitrust.benchmarks.MeasuredRegistryCopy \
 *     127.0.0.1:5000/bench/blob 127.0.0.1:5001/bench/copy v1
 * </pre>
 *
 * prints {@code copy-ms=}, {@code cpu-ms=} and {@code peak-heap-mib=} lines.
 */
public final class MeasuredRegistryCopy {
  private MeasuredRegistryCopy() {}

  /** What one in-process copy measured. */
  record Figures(long copyMillis, long cpuMillis, long peakHeapMib) {}

  /** Copies {@code tag} from {@code source} to {@code destination} and measures it. */
  static Figures measure(RegistryClient client, String source, String destination, String tag)
      throws Exception {
    System.gc();
    resetPeaks();
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    copy(client, source, destination, tag);
    long wall = System.nanoTime() - start;
    return new Figures(wall / 1_000_000, (processCpuNanos() - cpu) / 1_000_000, peakHeapMib());
  }

  /**
   * Copies {@code tag} from {@code source} to {@code destination} as {@code ocitrust copy} does,
   * with the SDK's {@link GraphCopier}: blobs streamed (each verified once, on the way through),
   * the manifest after them, the tag last.
   */
  static void copy(RegistryClient client, String source, String destination, String tag)
      throws Exception {
    try (GraphCopier copier = GraphCopier.builder().build()) {
      copier.copy(
          client.repository(source),
          tag,
          client.repository(destination),
          CopyOptions.builder().tag(tag).build());
    }
  }

  private static List<MemoryPoolMXBean> heapPools() {
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heap.add(pool);
      }
    }
    return heap;
  }

  private static void resetPeaks() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peak usage since the last reset, in MiB. */
  private static long peakHeapMib() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      bytes += pool.getPeakUsage().getUsed();
    }
    return bytes / (1024 * 1024);
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /**
   * Entry point of the child JVM: {@code MeasuredRegistryCopy <source-repo> <destination-repo>
   * <tag>}.
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IOException("usage: MeasuredRegistryCopy <source-repo> <destination-repo> <tag>");
    }
    try (RegistryClient client =
        RegistryClient.builder().insecurePlainHttpForLoopback(true).build()) {
      Figures f = measure(client, args[0], args[1], args[2]);
      System.out.println("copy-ms=" + f.copyMillis());
      System.out.println("cpu-ms=" + f.cpuMillis());
      System.out.println("peak-heap-mib=" + f.peakHeapMib());
    }
  }
}
