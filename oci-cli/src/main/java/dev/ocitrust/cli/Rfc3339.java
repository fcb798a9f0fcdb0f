package dev.ocitrust.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times given on the command line: RFC 3339 with an offset, e.g. 2027-01-01T00:00:00Z. */
final class Rfc3339 {
  private Rfc3339() {}

  /**
   * {@code value} of {@code option} as an instant.
   *
   * @throws IllegalArgumentException (a usage error) naming the option and the expected form
   */
  static Instant parse(String option, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " \"" + value + "\" is not an RFC 3339 time such as 2027-01-01T00:00:00Z", e);
    }
  }
}
