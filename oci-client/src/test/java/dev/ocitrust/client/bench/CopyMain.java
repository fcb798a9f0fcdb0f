package dev.ocitrust.client.bench;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.Manifest;
import dev.ocitrust.client.RegistryClient;
import dev.ocitrust.client.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies one tagged artifact between two repositories with ocitrust, streaming every blob from
 * source to destination (verified once, never buffered whole). Run as a child JVM by {@link
 * CopyBenchmark}: {@code CopyMain <src-repo> <dst-repo> <tag>}; prints {@code copy-ms=} and {@code
 * peak-heap-mib=}.
 */
public final class CopyMain {
  private CopyMain() {}

  /** Copies {@code tag} from {@code source} to {@code destination}. */
  public static void copy(RegistryClient client, String source, String destination, String tag)
      throws Exception {
    Repository src = client.repository(source);
    Repository dst = client.repository(destination);
    Descriptor root = src.resolve(tag);
    Manifest manifest = src.fetchManifest(root);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Void>> jobs = new ArrayList<>();
      for (Descriptor blob : manifest.successors()) {
        jobs.add(pool.submit(() -> {
          if (!dst.exists(blob)) {
            try (InputStream in = src.fetch(blob)) {
              dst.push(blob, in);
            }
          }
          return null;
        }));
      }
      for (Future<Void> job : jobs) {
        job.get();
      }
    } finally {
      pool.shutdownNow();
    }
    dst.push(manifest, tag);
  }

  // java.lang.management through reflection: the test sources are compiled as part of the
  // dev.ocitrust.client module, which does not read java.management; they run on the class path.
  private static List<?> heapPools() throws ReflectiveOperationException {
    List<?> pools = (List<?>) Class.forName("java.lang.management.ManagementFactory")
        .getMethod("getMemoryPoolMXBeans").invoke(null);
    Class<?> type = Class.forName("java.lang.management.MemoryPoolMXBean");
    List<Object> heap = new ArrayList<>();
    for (Object pool : pools) {
      if (((Enum<?>) type.getMethod("getType").invoke(pool)).name().equals("HEAP")) {
        heap.add(pool);
      }
    }
    return heap;
  }

  /** Resets the peak usage of the heap pools. */
  static void resetPeaks() throws ReflectiveOperationException {
    Class<?> type = Class.forName("java.lang.management.MemoryPoolMXBean");
    for (Object pool : heapPools()) {
      type.getMethod("resetPeakUsage").invoke(pool);
    }
  }

  /** The sum of the heap pools' peak usage, in MiB. */
  static long peakHeapMib() throws ReflectiveOperationException {
    Class<?> type = Class.forName("java.lang.management.MemoryPoolMXBean");
    Class<?> usage = Class.forName("java.lang.management.MemoryUsage");
    long bytes = 0;
    for (Object pool : heapPools()) {
      bytes += (Long) usage.getMethod("getUsed").invoke(type.getMethod("getPeakUsage").invoke(pool));
    }
    return bytes / (1024 * 1024);
  }

  /** Entry point of the child JVM. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IOException("usage: CopyMain <src-repo> <dst-repo> <tag>");
    }
    try (RegistryClient client = RegistryClient.newBuilder().insecurePlainHttpForLoopback(true).build()) {
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      copy(client, args[0], args[1], args[2]);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("copy-ms=" + ms);
      System.out.println("peak-heap-mib=" + peakHeapMib());
    }
  }
}
