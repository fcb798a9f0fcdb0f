package dev.ocitrust.policy;

import dev.ocitrust.policy.internal.Syntax;
import java.util.Objects;

/**
 * A named trust store as a policy statement names it: {@code <type>:<name>}, for example {@code
 * ca:acme-rockets} or {@code tsa:publicly-trusted}. The name matches {@code [a-zA-Z0-9_.-]+} and is
 * neither {@code .} nor {@code ..} (which notation's pattern lets through), so it is always a safe
 * single path component.
 *
 * <pre>{@code
 * TrustStoreRef ref = TrustStoreRef.parse("signingAuthority:acme");
 * ref.type();  // SIGNING_AUTHORITY
 * ref.name();  // "acme"
 * }</pre>
 *
 * @param type the store type
 * @param name the store name
 */
public record TrustStoreRef(TrustStoreType type, String name) {
  /**
   * Validates the name.
   *
   * @throws IllegalArgumentException if {@code name} does not match {@code [a-zA-Z0-9_.-]+}
   */
  public TrustStoreRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (!Syntax.isStoreName(name)) {
      throw new IllegalArgumentException(
          "trust store name \""
              + name
              + "\" does not follow the [a-zA-Z0-9_.-]+ format (\".\" and \"..\" are not allowed)");
    }
  }

  /**
   * Parses {@code type:name}.
   *
   * @throws IllegalArgumentException if there is no {@code :}, the type is not {@code ca}, {@code
   *     signingAuthority} or {@code tsa}, or the name is malformed; the message names the value
   */
  public static TrustStoreRef parse(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "malformed trust store value \""
              + value
              + "\", the required format is <TrustStoreType>:<TrustStoreName>");
    }
    String type = value.substring(0, colon);
    String name = value.substring(colon + 1);
    TrustStoreType t =
        TrustStoreType.fromValue(type)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unsupported trust store type \""
                            + type
                            + "\" in trust store value \""
                            + value
                            + "\", supported types are ca, signingAuthority and tsa"));
    if (!Syntax.isStoreName(name)) {
      throw new IllegalArgumentException(
          "unsupported trust store name \""
              + name
              + "\" in trust store value \""
              + value
              + "\", a store name must follow the [a-zA-Z0-9_.-]+ format");
    }
    return new TrustStoreRef(t, name);
  }

  /** {@code type:name}, as written in policies. */
  @Override
  public String toString() {
    return type.value() + ":" + name;
  }
}
