package dev.ocitrust.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HOOK: the claims benchmark's measurement of the command line as a process per decision. The
 * claims commands are being added to the command line separately; this looks for them at run time
 * in the checkout's build ({@code bin/ocitrust}, which runs {@code oci-cli/target/ocitrust.jar})
 * and measures each one whose {@code --help} succeeds:
 *
 * <ul>
 *   <li>{@code ocitrust claim list --config DIR --environment prod -o json TARGET} (every claim,
 *       verified and with supersession marked: the claim half of the decision);
 *   <li>{@code ocitrust verify --config DIR --environment prod TARGET}, when {@code verify --help}
 *       mentions {@code --environment} (the deployment decision: the Notary signature and the
 *       claims).
 * </ul>
 *
 * Without them it prints that they are not available. A command that exists but fails is reported
 * with its exit status and first line of output, not measured, and does not stop the benchmark (its
 * options may still change). DIR is the benchmark's configuration folder, laid out as notation's
 * with {@code claimpolicy.json} beside {@code trustpolicy.json}.
 */
final class OcitrustCli {
  private final Path launcher;
  private final Path config;
  private final boolean claimList;
  private final boolean verifyEnvironment;
  private final String missing;

  private OcitrustCli(
      Path launcher, Path config, boolean claimList, boolean verifyEnvironment, String missing) {
    this.launcher = launcher;
    this.config = config;
    this.claimList = claimList;
    this.verifyEnvironment = verifyEnvironment;
    this.missing = missing;
  }

  /**
   * Looks for the command line of the checkout whose {@code benchmarks/target} is {@code target}.
   */
  static OcitrustCli find(Path targetDir, Path config) {
    Path root = targetDir.getParent() == null ? targetDir : targetDir.getParent().getParent();
    Path launcher = root == null ? Path.of("bin/ocitrust") : root.resolve("bin/ocitrust");
    Path jar =
        root == null
            ? Path.of("oci-cli/target/ocitrust.jar")
            : root.resolve("oci-cli/target/ocitrust.jar");
    if (!Files.isExecutable(launcher) || !Files.exists(jar)) {
      return new OcitrustCli(
          launcher, config, false, false, "oci-cli/target/ocitrust.jar is not built");
    }
    boolean list = help(launcher, "claim", "list").isPresent();
    boolean verify = help(launcher, "verify").map(h -> h.contains("--environment")).orElse(false);
    return new OcitrustCli(
        launcher, config, list, verify, "has no 'claim list' and no 'verify --environment'");
  }

  private static java.util.Optional<String> help(Path launcher, String... command) {
    List<String> args = new ArrayList<>();
    args.add(launcher.toString());
    args.addAll(List.of(command));
    args.add("--help");
    try {
      return java.util.Optional.of(
          PeerClaimPipeline.exec(args, launcher.getParent(), System.getenv("PATH"), 120));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  /**
   * Measures each available command {@code runs} times on {@code name} ({@code --plain-http}
   * registry repository or {@code --oci-layout} folder) and prints its median and its ratio to
   * {@code pipelineSeconds}.
   */
  void measure(String mode, String name, int runs, double pipelineSeconds)
      throws InterruptedException {
    if (!claimList && !verifyEnvironment) {
      System.out.println(
          "ocitrust command line as a process: not measured (this checkout's bin/ocitrust: "
              + missing
              + ")");
      return;
    }
    String env = ClaimSet.ENVIRONMENT;
    String target = name + ":v1";
    if (claimList) {
      time(
          "ocitrust claim list",
          runs,
          pipelineSeconds,
          "claim",
          "list",
          mode,
          "--config",
          config.toString(),
          "--environment",
          env,
          "-o",
          "json",
          target);
    }
    if (verifyEnvironment) {
      time(
          "ocitrust verify --environment",
          runs,
          pipelineSeconds,
          "verify",
          mode,
          "--config",
          config.toString(),
          "--environment",
          env,
          target);
    }
  }

  private void time(String label, int runs, double pipelineSeconds, String... args)
      throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      long t0 = System.nanoTime();
      try {
        PeerClaimPipeline.exec(command, launcher.getParent(), System.getenv("PATH"), 600);
      } catch (IOException e) {
        String first = e.getMessage().lines().limit(2).reduce((a, b) -> a + " | " + b).orElse("");
        System.out.println(label + " (a process per decision): failed, not measured: " + first);
        return;
      }
      if (i > 0) {
        times.add((System.nanoTime() - t0) / 1e9);
      }
    }
    double m = ClaimsBenchmark.median(times);
    System.out.printf(
        "%s (a process per decision, JVM start included): median %.3f s of %d, ratio"
            + " ocitrust/pipeline %.3f%n",
        label, m, runs, m / pipelineSeconds);
  }
}
