package dev.ocitrust.cli;

import dev.ocitrust.cose.NotaryEnvelopeFormat;
import picocli.CommandLine.Option;

/** {@code --signature-format cose|jws}: the Notary envelope format a signing command writes. */
final class SignatureFormatOption {
  @Option(
      names = "--signature-format",
      paramLabel = "cose|jws",
      description = {
        "the envelope format: cose (application/cose) or jws (application/jose+json, notation"
            + " sign's default)",
        "(default: cose)"
      })
  String name = "cose";

  /**
   * The format named.
   *
   * @throws IllegalArgumentException (a usage error) for another name
   */
  NotaryEnvelopeFormat format() {
    return NotaryEnvelopeFormat.fromName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--signature-format \"" + name + "\" is neither cose nor jws"));
  }
}
