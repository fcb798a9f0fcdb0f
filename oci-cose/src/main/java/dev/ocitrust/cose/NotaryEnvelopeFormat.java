package dev.ocitrust.cose;

import java.util.Locale;
import java.util.Optional;

/**
 * The two signature envelope formats of the Notary Project: COSE ({@code application/cose}, {@code
 * signature-envelope-cose.md}) and JWS ({@code application/jose+json}, the flattened JWS JSON
 * serialization of {@code signature-envelope-jws.md}, what {@code notation sign} writes by
 * default). The format is the media type of the signature manifest's one layer; both carry the same
 * signed attributes, and {@link NotaryEnvelopeVerifier} checks both to the same rules.
 *
 * <p>Thread-safe: an enum.
 *
 * <pre>{@code
 * NotaryEnvelopeFormat f = NotaryEnvelopeFormat.fromMediaType(layer.mediaType()).orElseThrow();
 * VerifiedNotaryEnvelope env = NotaryEnvelopeVerifier.builder().build().verify(f, bytes);
 * }</pre>
 */
public enum NotaryEnvelopeFormat {
  /** COSE_Sign1, layer media type {@code application/cose}. */
  COSE(NotaryHeaders.ENVELOPE_MEDIA_TYPE),
  /** Flattened JWS JSON serialization, layer media type {@code application/jose+json}. */
  JWS("application/jose+json");

  private final String mediaType;

  NotaryEnvelopeFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The layer media type of an envelope of this format in a signature manifest. */
  public String mediaType() {
    return mediaType;
  }

  /** The lower-case name notation uses for the format ({@code cose}, {@code jws}). */
  public String formatName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format whose envelopes have the layer media type {@code mediaType}. */
  public static Optional<NotaryEnvelopeFormat> fromMediaType(String mediaType) {
    for (NotaryEnvelopeFormat f : values()) {
      if (f.mediaType.equals(mediaType)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format named {@code name} as notation's {@code --signature-format} names it. */
  public static Optional<NotaryEnvelopeFormat> fromName(String name) {
    for (NotaryEnvelopeFormat f : values()) {
      if (f.formatName().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
