package dev.ocitrust.claims;

import dev.ocitrust.policy.PolicyException;
import java.util.List;

/**
 * A redirect chain that cannot be followed: a loop, a chain longer than the bound, a successor that
 * cannot be reached or that falls under another policy statement than the artifact that named it.
 * The chain followed so far is kept, for the report.
 *
 * <p>Immutable once thrown.
 */
public final class InvalidRedirectException extends PolicyException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // GateResult is not serialisable; the chain is for reports only
  private final List<GateResult> followed;

  InvalidRedirectException(String message, List<GateResult> followed, Throwable cause) {
    super(message, cause);
    this.followed = List.copyOf(followed);
  }

  InvalidRedirectException(String message, List<GateResult> followed) {
    super(message);
    this.followed = List.copyOf(followed);
  }

  /** The artifacts judged before the chain broke, first to last. */
  public List<GateResult> followed() {
    return followed;
  }
}
