package dev.ocitrust.policy;

import java.util.Map;

/**
 * What a notation plugin's {@code generate-envelope} returned: the envelope it built, its media
 * type and the annotations it wants on the signature manifest. Unverified: {@link NotarySigner}
 * verifies the envelope and checks that it signs the descriptor that was asked for before it pushes
 * anything.
 *
 * <p>Immutable and thread-safe: the bytes are copied in and out.
 *
 * <pre>{@code
 * GeneratedEnvelope g = plugin.generateEnvelope("key-id", Map.of(), payload, "application/cose",
 *     Optional.empty());
 * }</pre>
 */
public final class GeneratedEnvelope {
  private final byte[] envelope;
  private final String mediaType;
  private final Map<String, String> annotations;

  /** The plugin's answer. */
  public GeneratedEnvelope(byte[] envelope, String mediaType, Map<String, String> annotations) {
    this.envelope = envelope.clone();
    this.mediaType = mediaType;
    this.annotations = Map.copyOf(annotations);
  }

  /** The envelope bytes (a copy). */
  public byte[] envelope() {
    return envelope.clone();
  }

  /** Its media type, e.g. {@code application/cose}. */
  public String mediaType() {
    return mediaType;
  }

  /** Annotations for the signature manifest. */
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public String toString() {
    return "GeneratedEnvelope{" + mediaType + ", " + envelope.length + " bytes}";
  }
}
