package dev.ocitrust.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a notation plugin says of itself ({@code get-plugin-metadata}): name, description, version,
 * URL, the contract versions it speaks and its capabilities (e.g. {@link
 * NotationPlugin#SIGNATURE_GENERATOR_RAW}).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * PluginMetadata m = plugin.metadata(Map.of());
 * if (m.hasCapability(NotationPlugin.SIGNATURE_GENERATOR_RAW)) { ... }
 * }</pre>
 */
public final class PluginMetadata {
  private final String name;
  private final String description;
  private final String version;
  private final String url;
  private final List<String> contractVersions;
  private final List<String> capabilities;

  /**
   * The metadata as the plugin sent it.
   *
   * @throws IllegalArgumentException if a field is empty (every field is required)
   */
  public PluginMetadata(
      String name,
      String description,
      String version,
      String url,
      List<String> contractVersions,
      List<String> capabilities) {
    this.name = required(name, "name");
    this.description = required(description, "description");
    this.version = required(version, "version");
    this.url = required(url, "url");
    this.contractVersions = List.copyOf(contractVersions);
    this.capabilities = List.copyOf(capabilities);
    if (this.contractVersions.isEmpty()) {
      throw new IllegalArgumentException("supported contract versions not specified");
    }
    if (this.capabilities.isEmpty()) {
      throw new IllegalArgumentException("empty capabilities");
    }
  }

  private static String required(String value, String field) {
    if (Objects.requireNonNull(value, field).isEmpty()) {
      throw new IllegalArgumentException("empty " + field);
    }
    return value;
  }

  /** The plugin's name (reverse domain notation), which must match its directory. */
  public String name() {
    return name;
  }

  /** Its description. */
  public String description() {
    return description;
  }

  /** The publisher's version of the plugin. */
  public String version() {
    return version;
  }

  /** Its web page. */
  public String url() {
    return url;
  }

  /** The plugin contract versions it supports, one per major version. */
  public List<String> supportedContractVersions() {
    return contractVersions;
  }

  /** Its capabilities. */
  public List<String> capabilities() {
    return capabilities;
  }

  /** Whether it lists {@code capability}. */
  public boolean hasCapability(String capability) {
    return capabilities.contains(capability);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PluginMetadata m
        && m.name.equals(name)
        && m.description.equals(description)
        && m.version.equals(version)
        && m.url.equals(url)
        && m.contractVersions.equals(contractVersions)
        && m.capabilities.equals(capabilities);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, version, url, contractVersions, capabilities);
  }

  @Override
  public String toString() {
    return "PluginMetadata{" + name + " " + version + ", " + capabilities + "}";
  }
}
