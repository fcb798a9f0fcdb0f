package dev.ocitrust.cli;

import dev.ocitrust.client.Timeouts;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How long a command waits on registries ({@link Timeouts}): {@code --connect-timeout}, {@code
 * --read-timeout}, {@code --request-timeout} and the stall rule {@code --min-rate} over {@code
 * --stall-period}. Durations are {@code 500ms}, {@code 30s}, {@code 2m} or {@code 0} (no limit).
 * Mixed into {@link RegistryOptions}.
 */
final class TimeoutOptions {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      description = "longest wait for a connection to a registry (default: 15s; 0: none)")
  @Nullable String connect;

  @Option(
      names = "--read-timeout",
      paramLabel = "DURATION",
      description = "longest silence of one read or write on a connection (default: 60s; 0: none)")
  @Nullable String read;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      description =
          "overall deadline of one request, its retries included; blob bodies are watched by the"
              + " stall rule instead (default: 2m; 0: none)")
  @Nullable String request;

  @Option(
      names = "--min-rate",
      paramLabel = "BYTES",
      description =
          "stall rule: a blob transfer slower than BYTES a second over --stall-period fails"
              + " (default: 1024; 0: no stall rule)")
  @Nullable Long minRate;

  @Option(
      names = "--stall-period",
      paramLabel = "DURATION",
      description = "the period the transfer rate is measured over (default: 30s)")
  @Nullable String stallPeriod;

  /** The limits these options ask for, from the defaults. */
  Timeouts timeouts() {
    Timeouts d = Timeouts.defaults();
    Timeouts.Builder b = d.toBuilder();
    if (connect != null) {
      b.connect(parse("--connect-timeout", connect));
    }
    if (read != null) {
      Duration r = parse("--read-timeout", read);
      b.read(r).write(r);
    }
    if (request != null) {
      b.request(parse("--request-timeout", request));
    }
    long rate = minRate != null ? minRate : d.minRate();
    if (rate < 0) {
      throw new IllegalArgumentException("--min-rate: expected 0 or more bytes, got " + rate);
    }
    Duration period = stallPeriod != null ? parse("--stall-period", stallPeriod) : d.stallPeriod();
    if (rate > 0 && !period.isZero() && period.toMillis() < 100) {
      throw new IllegalArgumentException("--stall-period: expected 100ms or more, got " + period);
    }
    return b.minRate(rate, period).build();
  }

  /**
   * {@code text} ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 0}) of {@code option}.
   */
  static Duration parse(String option, String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(2) == null && !m.group(1).equals("0"))) {
      throw new IllegalArgumentException(
          option + ": expected a duration such as 500ms, 30s, 2m or 0, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
