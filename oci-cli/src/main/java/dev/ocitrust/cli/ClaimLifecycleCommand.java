package dev.ocitrust.cli;

import dev.ocitrust.claims.ClaimIssuer;
import dev.ocitrust.claims.Lifecycle;
import dev.ocitrust.claims.LifecycleState;
import dev.ocitrust.client.Descriptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ocitrust claim lifecycle}: sign a lifecycle notice (active, deprecated, end of life,
 * revoked) about an artifact, optionally naming its successor.
 */
@Command(
    name = "lifecycle",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a lifecycle notice about an artifact and attach it as a claim: it is active,"
          + " deprecated, at its end of life or revoked, from --effective (default: now),"
          + " optionally naming its --successor (the redirect). A newer notice of the same"
          + " issuer supersedes an older one; --state active lifts an earlier state.",
      "Prints the digest of the claim manifest."
    })
final class ClaimLifecycleCommand implements Callable<Integer> {
  @Mixin TargetOptions where;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "STATE",
      description = "active, deprecated, end-of-life or revoked")
  String state = "";

  @Option(
      names = "--effective",
      paramLabel = "TIME",
      description = "RFC 3339 time from which the state holds (default: the claim's time)")
  @Nullable String effective;

  @Option(
      names = "--successor",
      paramLabel = "REF",
      description =
          "the version that replaces this one: host/repo:tag, host/repo@digest, or a"
              + " tag or digest in the same repository or layout")
  @Nullable String successor;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, for people")
  @Nullable String reason;

  @Option(
      names = "--advisory",
      paramLabel = "URI",
      description = "a link to an advisory, an absolute URI (repeatable)")
  List<String> advisories = new ArrayList<>();

  @Mixin IssuerOptions issuer;
  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    Lifecycle notice =
        new Lifecycle(
            state(),
            effective(),
            Optional.ofNullable(reason),
            Optional.ofNullable(successor),
            advisories());
    if (reason != null && reason.isEmpty()) {
      throw new IllegalArgumentException("--reason is empty");
    }
    if (successor != null && successor.isBlank()) {
      throw new IllegalArgumentException("--successor is empty");
    }
    ClaimIssuer claims = issuer.issuer(config.paths().configDirectory());
    try (TargetSpec.Clients clients = where.clients()) {
      TargetSpec spec = where.open(clients);
      Descriptor artifact = spec.target().resolve(spec.requireReference()).basic();
      Descriptor claim = claims.lifecycle(spec.target(), artifact.digest().toString(), notice);
      StringBuilder line =
          new StringBuilder("Declared ")
              .append(spec.display())
              .append(" (")
              .append(artifact.digest())
              .append(") ")
              .append(notice.state().json());
      notice.effective().ifPresent(t -> line.append(" from ").append(t));
      notice.successor().ifPresent(s -> line.append(", successor ").append(s));
      System.out.println(line);
      System.out.println("Digest: " + claim.digest());
      return 0;
    }
  }

  private LifecycleState state() {
    for (LifecycleState s : LifecycleState.values()) {
      if (s.json().equals(state)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "--state \""
            + state
            + "\" is not one of "
            + Arrays.stream(LifecycleState.values())
                .map(LifecycleState::json)
                .collect(Collectors.joining(", ")));
  }

  private Optional<Instant> effective() {
    if (effective == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(effective).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--effective \"" + effective + "\" is not an RFC 3339 time such as 2027-01-01T00:00:00Z",
          e);
    }
  }

  private List<String> advisories() {
    for (String a : advisories) {
      try {
        if (!new URI(a).isAbsolute()) {
          throw new URISyntaxException(a, "not absolute");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "--advisory \"" + a + "\" is not an absolute URI such as https://example.com/sa/1", e);
      }
    }
    return advisories;
  }
}
