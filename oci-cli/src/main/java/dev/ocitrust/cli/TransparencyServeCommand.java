package dev.ocitrust.cli;

import dev.ocitrust.transparency.RegistrationPolicy;
import dev.ocitrust.transparency.TransparencyService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ocitrust transparency serve}: run the local transparency service until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve SCRAPI (POST /entries, GET /entries/{id}, /.well-known/scitt-keys) on loopback from"
          + " the log in --dir (made on first use, with the service key), until stopped.",
      "Registers statements whose signature verifies with their x5chain leaf and whose issuer is"
          + " allowed; prints the base URL and the key set's file once listening."
    })
final class TransparencyServeCommand implements Callable<Integer> {
  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the log and key")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path dir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "the loopback port (default: 0, a free one)")
  int port;

  @Option(
      names = "--issuer",
      paramLabel = "ISS",
      description = "the receipts' iss (default: https://transparency.localhost)")
  String issuer = "https://transparency.localhost";

  @Option(
      names = "--allow-issuer",
      paramLabel = "ISS",
      description = "an issuer whose statements may register (repeatable)")
  List<String> allowed = new ArrayList<>();

  @Option(
      names = "--insecure-allow-any-issuer",
      description = "register statements from every issuer (local development only)")
  boolean anyIssuer;

  @Option(
      names = "--pending",
      paramLabel = "SECONDS",
      description = "answer registrations with 303 and have receipts wait this long (default 0)")
  long pendingSeconds;

  @Override
  public Integer call() throws Exception {
    if (allowed.isEmpty() && !anyIssuer) {
      throw new IllegalArgumentException(
          "no issuer may register: give --allow-issuer ISS (or --insecure-allow-any-issuer)");
    }
    if (pendingSeconds < 0) {
      throw new IllegalArgumentException("--pending must not be negative, found " + pendingSeconds);
    }
    RegistrationPolicy.Builder policy = RegistrationPolicy.builder();
    allowed.forEach(policy::allowIssuer);
    if (anyIssuer) {
      policy.allowAnyIssuer();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (TransparencyService ts =
        TransparencyService.builder(dir)
            .port(port)
            .issuer(issuer)
            .policy(policy.build())
            .pendingFor(Duration.ofSeconds(pendingSeconds))
            .build()) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      System.out.println(
          "Serving SCRAPI at "
              + ts.uri()
              + " (iss "
              + ts.issuer()
              + ", "
              + ts.size()
              + " entries)");
      System.out.println("Keys: " + ts.uri() + "/.well-known/scitt-keys");
      System.out.flush();
      stopped.await();
    }
    return 0;
  }
}
