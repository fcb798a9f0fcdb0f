package dev.ocitrust.cli;

import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The target of a one-target command and how to reach it; mixed into those commands. */
final class TargetOptions {
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(
      index = "0",
      paramLabel = "TARGET",
      description = "host/repo:tag or host/repo@digest, or DIR:tag with --oci-layout")
  String target;

  @Option(names = "--oci-layout", description = "TARGET is an OCI image layout directory")
  boolean ociLayout;

  @Mixin RegistryOptions registry;

  /** The registry clients of this run, made with the registry options. The caller closes them. */
  TargetSpec.Clients clients() {
    return registry.clients();
  }

  /** Opens the target. */
  TargetSpec open(TargetSpec.Clients clients) throws IOException {
    return TargetSpec.open(target, ociLayout, false, clients);
  }
}
