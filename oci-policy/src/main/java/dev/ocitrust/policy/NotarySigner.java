package dev.ocitrust.policy;

import dev.ocitrust.client.Descriptor;
import dev.ocitrust.client.ImageManifest;
import dev.ocitrust.client.MediaTypes;
import dev.ocitrust.client.Target;
import dev.ocitrust.cose.CoseException;
import dev.ocitrust.cose.NotaryEnvelopeSigner;
import dev.ocitrust.cose.NotaryEnvelopeVerifier;
import dev.ocitrust.cose.NotaryHeaders;
import dev.ocitrust.cose.TargetArtifact;
import dev.ocitrust.cose.VerifiedNotaryEnvelope;
import dev.ocitrust.policy.internal.OneLayerReferrer;
import dev.ocitrust.policy.internal.SignatureManifests;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Signs an artifact in any {@link Target} the way {@code notation sign --signature-format cose}
 * does: resolves the reference, signs its descriptor (media type, digest, size and the user
 * metadata as annotations) with oci-cose's {@link NotaryEnvelopeSigner} (which adds the RFC 3161
 * time stamp when it has a time stamping authority), and pushes the envelope blob, the empty config
 * and the signature manifest (one {@code application/cose} layer; the x5chain thumbprints and the
 * signing time as annotations, as notation writes it) as a referrer of the artifact.
 *
 * <p>The manifest is written in the OCI 1.1 form ({@code artifactType}) by default; {@link
 * Builder#legacyManifest(boolean)} writes the OCI 1.0 form (config media type {@code
 * application/vnd.cncf.notary.signature}), the only form notation 1.3 finds in OCI image layouts.
 * {@link NotaryVerifier} reads both.
 *
 * <p>Immutable and thread-safe if the envelope signer is.
 *
 * <p>Security guarantees: the envelope is verified (integrity) before it is pushed, so a signature
 * that no verifier would accept is never published.
 *
 * <pre>{@code
 * NotarySigner signer = NotarySigner.builder(NotaryEnvelopeSigner.builder(key, chain).build()).build();
 * Descriptor signature = signer.sign(layout, "v1");
 * }</pre>
 */
public final class NotarySigner {
  /** The artifact type of Notary Project signatures. */
  public static final String ARTIFACT_TYPE = SignatureManifests.ARTIFACT_TYPE;

  private final @Nullable NotaryEnvelopeSigner envelopes;
  private final @Nullable PluginKey plugin;
  private final boolean legacy;

  /** A key whose plugin builds whole envelopes ({@code generate-envelope}). */
  private record PluginKey(NotationPlugin plugin, String keyId, Map<String, String> config) {}

  private NotarySigner(Builder b) {
    this.envelopes = b.envelopes;
    this.plugin = b.plugin;
    this.legacy = b.legacy;
  }

  /** A builder around the envelope signer (key, chain, scheme, expiry, time stamping). */
  public static Builder builder(NotaryEnvelopeSigner envelopeSigner) {
    return new Builder(Objects.requireNonNull(envelopeSigner, "envelopeSigner"), null);
  }

  /**
   * A builder for a key whose notation plugin builds the whole envelope ({@code generate-envelope},
   * capability {@link NotationPlugin#SIGNATURE_GENERATOR_ENVELOPE}). What the plugin returns is
   * verified (integrity) and must sign the descriptor asked for (plugins may add annotations, not
   * change or drop any); its annotations go on the signature manifest.
   */
  public static Builder builder(
      NotationPlugin plugin, String keyId, Map<String, String> pluginConfig) {
    return new Builder(null, new PluginKey(plugin, keyId, Map.copyOf(pluginConfig)));
  }

  /**
   * Signs the artifact {@code reference} (tag or digest) of {@code target} and pushes the
   * signature; returns the descriptor of the signature manifest.
   *
   * @throws CoseException if signing or time stamping fails
   * @throws IOException if the store fails
   */
  public Descriptor sign(Target target, String reference) throws IOException, CoseException {
    return sign(target, reference, Map.of());
  }

  /**
   * As {@link #sign(Target, String)}, with {@code userMetadata} signed as annotations of the target
   * descriptor ({@code notation sign --user-metadata}); keys may not use the reserved {@code
   * io.cncf.notary} prefix.
   */
  public Descriptor sign(Target target, String reference, Map<String, String> userMetadata)
      throws IOException, CoseException {
    Objects.requireNonNull(target, "target");
    checkUserMetadata(userMetadata);
    Descriptor artifact = target.resolve(reference).basic();
    if (!MediaTypes.isManifest(artifact.mediaType())) {
      throw new IllegalArgumentException(reference + " is not a manifest: " + artifact);
    }
    TargetArtifact signed =
        new TargetArtifact(
            artifact.mediaType(),
            artifact.digest().toString(),
            artifact.size(),
            new TreeMap<>(userMetadata),
            Optional.empty());
    byte[] envelope;
    Map<String, String> extra = Map.of();
    if (envelopes != null) {
      envelope = envelopes.sign(signed);
    } else {
      GeneratedEnvelope generated = generate(Objects.requireNonNull(plugin, "plugin"), signed);
      envelope = generated.envelope();
      extra = generated.annotations();
    }
    VerifiedNotaryEnvelope verified =
        NotaryEnvelopeVerifier.builder()
            .understoodExtendedAttributes(PluginVerification.ATTRIBUTES)
            .build()
            .verify(envelope);
    if (plugin != null) {
      checkSigned(plugin, verified.targetArtifact(), signed, extra);
    }
    ImageManifest manifest =
        SignatureManifests.build(
            envelope, verified.certificateChain(), verified.signingTime(), artifact, legacy, extra);
    OneLayerReferrer.push(target, artifact, envelope, manifest);
    return manifest.descriptor();
  }

  private static GeneratedEnvelope generate(PluginKey key, TargetArtifact signed)
      throws PluginException {
    PluginMetadata metadata = key.plugin().metadata(key.config());
    if (!metadata.hasCapability(NotationPlugin.SIGNATURE_GENERATOR_ENVELOPE)) {
      throw new PluginException(
          key.plugin().name(),
          "get-plugin-metadata",
          "the plugin cannot build envelopes (capabilities "
              + metadata.capabilities()
              + ", "
              + NotationPlugin.SIGNATURE_GENERATOR_ENVELOPE
              + " needed)",
          null);
    }
    return key.plugin()
        .generateEnvelope(
            key.keyId(),
            key.config(),
            signed.payloadJson(),
            NotaryHeaders.ENVELOPE_MEDIA_TYPE,
            Optional.empty());
  }

  /** The plugin's envelope must sign what was asked: same descriptor, every annotation kept. */
  private static void checkSigned(
      PluginKey key, TargetArtifact got, TargetArtifact asked, Map<String, String> extra)
      throws PluginException {
    boolean same =
        got.mediaType().equals(asked.mediaType())
            && got.digest().equals(asked.digest())
            && got.size() == asked.size();
    for (Map.Entry<String, String> e : asked.annotations().entrySet()) {
      same &= e.getValue().equals(got.annotations().get(e.getKey()));
    }
    if (!same) {
      throw new PluginException(
          key.plugin().name(),
          "generate-envelope",
          "the envelope signs "
              + got.mediaType()
              + " "
              + got.digest()
              + " ("
              + got.size()
              + " bytes, annotations "
              + got.annotations()
              + ") instead of "
              + asked.mediaType()
              + " "
              + asked.digest()
              + " ("
              + asked.size()
              + " bytes, annotations "
              + asked.annotations()
              + ")",
          null);
    }
    if (extra.containsKey(SignatureManifests.THUMBPRINT_ANNOTATION)
        || extra.containsKey(SignatureManifests.CREATED_ANNOTATION)) {
      throw new PluginException(
          key.plugin().name(),
          "generate-envelope",
          "its annotations " + extra.keySet() + " would replace the Notary ones",
          null);
    }
  }

  /** Refuses user metadata keys of the reserved {@code io.cncf.notary} prefix. */
  static void checkUserMetadata(Map<String, String> userMetadata) {
    for (String key : userMetadata.keySet()) {
      if (key.startsWith("io.cncf.notary")) {
        throw new IllegalArgumentException(
            "user metadata key " + key + " uses the reserved prefix io.cncf.notary");
      }
    }
  }

  @Override
  public String toString() {
    return "NotarySigner{"
        + (envelopes != null
            ? envelopes
            : "plugin " + Objects.requireNonNull(plugin).plugin().name())
        + (legacy ? ", OCI 1.0 manifest" : "")
        + "}";
  }

  /** Builds a {@link NotarySigner}. Not thread-safe. */
  public static final class Builder {
    private final @Nullable NotaryEnvelopeSigner envelopes;
    private final @Nullable PluginKey plugin;
    private boolean legacy;

    private Builder(@Nullable NotaryEnvelopeSigner envelopes, @Nullable PluginKey plugin) {
      this.envelopes = envelopes;
      this.plugin = plugin;
    }

    /**
     * Whether to write the OCI 1.0 signature manifest (config media type {@code
     * application/vnd.cncf.notary.signature}, no {@code artifactType}); default false.
     */
    public Builder legacyManifest(boolean legacy) {
      this.legacy = legacy;
      return this;
    }

    /** The signer. */
    public NotarySigner build() {
      return new NotarySigner(this);
    }
  }
}
