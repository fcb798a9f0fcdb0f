package dev.ocitrust.policy;

import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.policy.internal.BlobDigest;
import dev.ocitrust.policy.internal.BlobSignatureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signs files outside registries with detached Notary Project signatures, as the Notary Project
 * blob signing workflow describes (what {@code notation blob sign --signature-format cose} writes):
 * the payload is the blob's descriptor, {@code {"targetArtifact": {"mediaType": ..., "digest": ...,
 * "size": ..., "annotations": {user metadata}}}}, whose digest uses the hash of the signing key's
 * algorithm ({@code sha256} for RSA 2048 and P-256, {@code sha384} for RSA 3072 and P-384, {@code
 * sha512} for RSA 4096 and P-521); the envelope is saved as {@code <file>.cose.sig}.
 *
 * <p>The blob is read once, as a stream: memory does not grow with its size.
 *
 * <p>Immutable and thread-safe if the envelope signer is.
 *
 * <p><b>Security guarantees.</b> The envelope is verified (integrity) before it is returned or
 * written, so a signature that no verifier would accept is never saved; the signature file appears
 * whole or not at all.
 *
 * <pre>{@code
 * BlobSigner signer = BlobSigner.of(NotaryEnvelopeSigner.builder(key, chain).build());
 * Path sig = signer.sign(Path.of("net-monitor.tar.gz"), Path.of("."),
 *     "application/gzip", Map.of("release", "v1"));   // ./net-monitor.tar.gz.cose.sig
 * }</pre>
 */
public final class BlobSigner {
  /** The media type signed when the caller gives none, as notation's. */
  public static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

  private final NotaryEnvelopeSigner envelopes;

  private BlobSigner(NotaryEnvelopeSigner envelopes) {
    this.envelopes = Objects.requireNonNull(envelopes, "envelopeSigner");
  }

  /** A blob signer around the envelope signer (key, chain, scheme, expiry, time stamping). */
  public static BlobSigner of(NotaryEnvelopeSigner envelopeSigner) {
    return new BlobSigner(envelopeSigner);
  }

  /**
   * Signs the blob read from {@code blob} (to its end; not closed) and returns the COSE envelope.
   *
   * @param mediaType the blob's media type ({@code type/subtype}), e.g. {@link #DEFAULT_MEDIA_TYPE}
   * @param userMetadata signed as the descriptor's annotations; keys may not use the reserved
   *     {@code io.cncf.notary} prefix
   * @throws IllegalArgumentException if the media type is malformed or a key is reserved
   * @throws CoseException if signing or time stamping fails
   * @throws IOException if reading the blob fails
   */
  public byte[] sign(InputStream blob, String mediaType, Map<String, String> userMetadata)
      throws IOException, CoseException {
    Objects.requireNonNull(blob, "blob");
    if (!MediaTypes.isValid(mediaType)) {
      throw new IllegalArgumentException(
          "media type \"" + mediaType + "\" is not of the form type/subtype");
    }
    NotarySigner.checkUserMetadata(userMetadata);
    BlobDigest d = BlobDigest.of(blob, envelopes.algorithm());
    byte[] envelope =
        envelopes.sign(
            new TargetArtifact(
                mediaType, d.digest(), d.size(), new TreeMap<>(userMetadata), Optional.empty()));
    NotaryEnvelopeVerifier.builder().build().verify(envelope);
    return envelope;
  }

  /**
   * Signs the file {@code blob} and writes its signature to {@code <signatureDirectory>/<file
   * name>.cose.sig}, replacing one that is there; returns that path.
   *
   * @throws IllegalArgumentException as {@link #sign(InputStream, String, Map)}
   * @throws IOException if the blob is not a regular file or cannot be read, or the signature
   *     cannot be written
   * @throws CoseException if signing or time stamping fails
   */
  public Path sign(
      Path blob, Path signatureDirectory, String mediaType, Map<String, String> userMetadata)
      throws IOException, CoseException {
    if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("the blob to sign, " + blob + ", is not a regular file");
    }
    if (!Files.isDirectory(signatureDirectory)) {
      throw new IOException(
          "the signature directory " + signatureDirectory + " is not an existing directory");
    }
    byte[] envelope;
    try (InputStream in = Files.newInputStream(blob, LinkOption.NOFOLLOW_LINKS)) {
      envelope = sign(in, mediaType, userMetadata);
    }
    Path out = signatureDirectory.resolve(BlobSignatureFiles.name(blob, BlobSignatureFiles.COSE));
    Path temp = Files.createTempFile(signatureDirectory, ".ocitrust-", ".sig.tmp");
    try {
      Files.write(temp, envelope);
      Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return out;
  }

  @Override
  public String toString() {
    return "BlobSigner{" + envelopes + "}";
  }
}
