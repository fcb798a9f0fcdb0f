package dev.ocitrust.policy.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A trust-policy document as written.
 *
 * @param version the version, or null if absent
 * @param statements the statements, empty if absent
 */
public record RawDocument(@Nullable String version, List<RawStatement> statements) {}
