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
      description = "host/repo:tag or host/repo@digest, or DIR[:tag|@digest] with --oci-layout")
  String target;

  @Option(names = "--oci-layout", description = "TARGET is an OCI image layout directory")
  boolean ociLayout;

  @Mixin RegistryOptions registry;

  /** The registry clients of this run, made with the registry options. The caller closes them. */
  TargetSpec.Clients clients() throws java.io.IOException {
    return registry.clients();
  }

  /** Opens the target for writing; a layout must exist already. */
  TargetSpec open(TargetSpec.Clients clients) throws IOException {
    return open(clients, TargetSpec.Access.UPDATE);
  }

  /** Opens the target for reading only: a layout is neither made nor changed. */
  TargetSpec read(TargetSpec.Clients clients) throws IOException {
    return open(clients, TargetSpec.Access.READ);
  }

  /** Opens the target for writing, making a layout in a missing or empty folder. */
  TargetSpec create(TargetSpec.Clients clients) throws IOException {
    return open(clients, TargetSpec.Access.CREATE);
  }

  private TargetSpec open(TargetSpec.Clients clients, TargetSpec.Access access) throws IOException {
    return TargetSpec.open(target, ociLayout, false, clients, access);
  }
}
