package dev.ocitrust.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The platform of an image-index entry ({@code image-index.md}): operating system, architecture and
 * their optional refinements.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Platform amd64 = Platform.of("linux", "amd64");
 * Platform armv7 = Platform.parse("linux/arm/v7");
 * }</pre>
 *
 * @param os the operating system, e.g. {@code linux}
 * @param architecture the CPU architecture, e.g. {@code amd64}
 * @param variant the CPU variant, e.g. {@code v8}, or null
 * @param osVersion the operating system version, or null
 * @param osFeatures required operating system features (never null)
 */
public record Platform(
    String os,
    String architecture,
    @Nullable String variant,
    @Nullable String osVersion,
    List<String> osFeatures) {

  /** Validates and copies the parts. */
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    if (os.isEmpty() || architecture.isEmpty()) {
      throw new IllegalArgumentException("a platform needs a non-empty os and architecture");
    }
    osFeatures = List.copyOf(osFeatures);
  }

  /** A platform with only an os and an architecture. */
  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, null, null, List.of());
  }

  /** Parses {@code os/arch} or {@code os/arch/variant}, the form {@code --platform} takes. */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "invalid platform '" + text + "': expected os/arch or os/arch/variant");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null, null, List.of());
  }

  /** The variant, if any. */
  public Optional<String> variantValue() {
    return Optional.ofNullable(variant);
  }

  /**
   * Whether an index entry of platform {@code candidate} satisfies this platform as a selector: os
   * and architecture equal, and the variant equal where this one names one.
   */
  public boolean selects(Platform candidate) {
    return os.equals(candidate.os)
        && architecture.equals(candidate.architecture)
        && (variant == null || variant.equals(candidate.variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
