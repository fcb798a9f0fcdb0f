package dev.ocitrust.benchmarks;

import dev.ocitrust.client.Digest;
import dev.ocitrust.testkit.RegistryServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests a docker-registry served, read from its log: the access-log line it writes for every
 * request, including those no route matches (a {@code GET /v2/<name>/referrers/<digest>}, which
 * docker-registry 2.8 answers 404 without its "response completed" line).
 */
final class RegistryLog {
  private static final Pattern ACCESS =
      Pattern.compile("^\\S+ - \\S+ \\[[^\\]]*\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) ");

  /** One request: method, path and status. */
  record Request(String method, String uri, int status) {}

  private RegistryLog() {}

  /** Every request served so far, in order. */
  static List<Request> requests(RegistryServer server) {
    List<Request> out = new ArrayList<>();
    for (String line : server.log().split("\n", -1)) {
      Matcher m = ACCESS.matcher(line);
      if (m.find()) {
        out.add(new Request(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
      }
    }
    return out;
  }

  /** How many requests have been served so far. */
  static int count(RegistryServer server) {
    return requests(server).size();
  }

  /** The requests served after the first {@code mark}. */
  static List<Request> since(RegistryServer server, int mark) {
    List<Request> all = requests(server);
    return all.subList(Math.min(mark, all.size()), all.size());
  }

  /**
   * Requests of one claim check, by what they were for: the tag, the referrers listing (the
   * referrers API and the fallback tag), the claim manifests and the statements; anything else.
   */
  record Breakdown(int resolve, int listing, int manifests, int statements, int other) {
    static Breakdown of(List<Request> requests, Set<Digest> claims, Set<Digest> statements) {
      int resolve = 0;
      int listing = 0;
      int manifests = 0;
      int blobs = 0;
      int other = 0;
      for (Request r : requests) {
        String uri = r.uri();
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        if (uri.contains("/referrers/") || uri.contains("/manifests/sha256-")) {
          listing++;
        } else if (uri.endsWith("/manifests/v1")) {
          resolve++;
        } else if (uri.contains("/manifests/") && isDigestIn(last, claims)) {
          manifests++;
        } else if (uri.contains("/blobs/") && isDigestIn(last, statements)) {
          blobs++;
        } else {
          other++;
        }
      }
      return new Breakdown(resolve, listing, manifests, blobs, other);
    }

    private static boolean isDigestIn(String s, Set<Digest> digests) {
      try {
        return digests.contains(Digest.parse(s));
      } catch (RuntimeException notADigest) {
        return false;
      }
    }

    int total() {
      return resolve + listing + manifests + statements + other;
    }

    /** E.g. {@code 403 (tag 1, listing 2, per claim 2.00: 200 manifests, 200 statements)}. */
    String describe(int claims) {
      return String.format(
          "%d (tag %d, listing %d, per claim %.2f: %d manifests, %d statements; other %d)",
          total(),
          resolve,
          listing,
          (manifests + statements) / (double) claims,
          manifests,
          statements,
          other);
    }
  }
}
