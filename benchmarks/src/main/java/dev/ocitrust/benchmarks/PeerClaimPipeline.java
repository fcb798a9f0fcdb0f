package dev.ocitrust.benchmarks;

import dev.ocitrust.testkit.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peers' side of the claims benchmark: {@code claims-pipeline.sh} (oras discover --depth 1,
 * then per claim oras manifest fetch, jq and oras blob fetch, then one node process that verifies
 * every statement with {@code @transmute/cose}), run as one bash process per measurement. Needs
 * bash, jq, node (18 or newer) and npm on {@code PATH}, and oras on {@code OCITRUST_PEERS} or
 * {@code PATH}. The npm package is installed at run time into a folder under {@code
 * benchmarks/target} (no lockfile, no {@code package.json}); nothing of it is in the repository.
 */
final class PeerClaimPipeline {
  static final String COSE_PACKAGE = "@transmute/cose";
  static final String COSE_VERSION = "0.2.11";
  private static final String RESOURCES = "/dev/ocitrust/benchmarks/claims/";
  private static final Pattern COUNTS =
      Pattern.compile(
          "\\{\"verified\":(\\d+),\"failed\":(\\d+),\"effective\":(\\d+),\"superseded\":(\\d+)");

  /** One run: wall time, the script's stage times, and what the verifier counted. */
  record Run(
      double seconds, String stages, int verified, int failed, int effective, int superseded) {}

  private final Path script;
  private final Path nodeDir;
  private final String path;

  private PeerClaimPipeline(Path script, Path nodeDir, String path) {
    this.script = script;
    this.nodeDir = nodeDir;
    this.path = path;
  }

  /**
   * Installs {@code @transmute/cose} into {@code nodeDir} unless it is there, and writes the
   * pipeline's scripts: the shell script into {@code work}, the node verifier beside its modules.
   */
  static PeerClaimPipeline prepare(Path nodeDir, Path work)
      throws IOException, InterruptedException {
    Path installed = nodeDir.resolve("node_modules/@transmute/cose/package.json");
    if (!Files.exists(installed)
        || !Files.readString(installed).contains("\"version\": \"" + COSE_VERSION + "\"")) {
      Files.createDirectories(nodeDir);
      List<String> npm =
          List.of(
              "npm",
              "install",
              "--no-save",
              "--no-package-lock",
              "--no-audit",
              "--no-fund",
              "--prefix",
              nodeDir.toString(),
              COSE_PACKAGE + "@" + COSE_VERSION);
      String out = exec(npm, nodeDir, System.getenv("PATH"), 600);
      if (!Files.exists(installed)) {
        throw new IllegalStateException("npm did not install " + COSE_PACKAGE + ":\n" + out);
      }
    }
    Path verifier = nodeDir.resolve("verify-statements.cjs");
    copyResource("verify-statements.cjs", verifier);
    Path script = work.resolve("claims-pipeline.sh");
    copyResource("claims-pipeline.sh", script);
    String peers =
        Peers.find("oras")
            .map(p -> p.getParent().toString())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "oras not found on OCITRUST_PEERS or PATH (scripts/install-peers.sh)"));
    return new PeerClaimPipeline(
        script, nodeDir, peers + java.io.File.pathSeparator + System.getenv("PATH"));
  }

  /** The installed version line: {@code @transmute/cose 0.2.11, node v20...}. */
  String versions() throws IOException, InterruptedException {
    String node = exec(List.of("node", "--version"), nodeDir, path, 60).strip();
    String oras =
        exec(List.of("oras", "version"), nodeDir, path, 60).lines().findFirst().orElse("").strip();
    return COSE_PACKAGE
        + " "
        + COSE_VERSION
        + ", node "
        + node
        + ", oras "
        + oras.replace("Version:", "").strip();
  }

  /**
   * Runs the pipeline once on {@code name} ({@code host:port/repository} with {@code --plain-http},
   * or a layout folder with {@code --oci-layout}), {@code jobs} claims at a time.
   */
  Run run(String mode, String name, Path work, int jobs, Path anchors, Path types)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "bash",
            script.toString(),
            mode,
            name,
            work.toString(),
            Integer.toString(jobs),
            nodeDir.toString(),
            anchors.toString(),
            types.toString());
    long t0 = System.nanoTime();
    String out = exec(command, script.getParent(), path, 1800);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Matcher m = COUNTS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("the pipeline printed no counts:\n" + out);
    }
    return new Run(
        seconds,
        Files.readString(work.resolve("stages")).strip(),
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        Integer.parseInt(m.group(4)));
  }

  private static void copyResource(String name, Path to) throws IOException {
    try (InputStream in = PeerClaimPipeline.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + RESOURCES + name + " is missing from the jar");
      }
      Files.write(to, in.readAllBytes());
    }
  }

  /** Runs {@code command}; returns stdout and stderr; fails on a non-zero exit or the timeout. */
  static String exec(List<String> command, Path dir, String path, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("ocitrust-bench-", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      pb.environment().put("PATH", path);
      pb.environment().put("LC_ALL", "C");
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(
            "exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
