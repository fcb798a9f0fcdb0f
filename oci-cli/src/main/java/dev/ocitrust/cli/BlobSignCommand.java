package dev.ocitrust.cli;

import dev.ocitrust.policy.BlobSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ocitrust blob sign FILE}: a detached Notary Project COSE signature of a file, written to
 * {@code <signature-directory>/<file name>.cose.sig}.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a file with a detached Notary Project COSE signature (what notation blob sign"
          + " --signature-format cose writes): <signature-directory>/<file name>.cose.sig.",
      "The signed payload is the file's descriptor: its media type, size, digest (with the hash of"
          + " the key's algorithm: sha256, sha384 or sha512) and the user metadata."
    })
final class BlobSignCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  @Parameters(index = "0", paramLabel = "FILE", description = "the file to sign")
  Path file;

  @Mixin KeyOptions keys;
  @Mixin ConfigOption config;
  @Mixin UserMetadataOption userMetadata;

  @Option(
      names = "--media-type",
      paramLabel = "TYPE",
      description =
          "the file's media type in the signed payload (default: application/octet-stream)")
  String mediaType = BlobSigner.DEFAULT_MEDIA_TYPE;

  @Option(
      names = "--signature-directory",
      paramLabel = "DIR",
      description = "where the signature file is written (default: the current directory)")
  Path signatureDirectory = Path.of(".");

  @Option(names = "--force", description = "replace a signature file that is already there")
  boolean force;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("FILE " + file + " is not a regular file");
    }
    if (!Files.isDirectory(signatureDirectory)) {
      throw new IllegalArgumentException(
          "--signature-directory " + signatureDirectory + " is not an existing directory");
    }
    Path target = signatureDirectory.resolve(file.getFileName() + ".cose.sig");
    if (Files.exists(target) && !force) {
      throw new IllegalArgumentException(
          "the signature file " + target + " already exists; pass --force to replace it");
    }
    BlobSigner signer = BlobSigner.of(keys.envelopeSigner(config.paths().configDirectory()));
    Path written = signer.sign(file, signatureDirectory, mediaType, userMetadata.map());
    System.out.println("Successfully signed " + file);
    System.out.println("Signature file written to " + written);
    return 0;
  }
}
