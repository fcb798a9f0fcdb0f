package dev.ocitrust.cli;

import java.io.IOException;
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

  @Option(names = "--plain-http", description = "INSECURE: talk plain HTTP to the registry")
  boolean plainHttp;

  /** Opens the target. */
  TargetSpec open(TargetSpec.Clients clients) throws IOException {
    return TargetSpec.open(target, ociLayout, plainHttp, clients);
  }
}
