package dev.ocitrust.cli;

import dev.ocitrust.client.MirroredRepository;
import dev.ocitrust.client.ReferrerListing;
import dev.ocitrust.client.Target;
import java.io.PrintStream;

/**
 * The part of a verification report that says where each referrer listing came from, for targets
 * read through mirrors ({@code --registries-conf}); nothing for any other target.
 */
final class ReferrerSources {
  private ReferrerSources() {}

  /**
   * One line per listing {@code target} made, e.g. {@code referrers of sha256:...: 2 listed from
   * ... (primary)}.
   */
  static void print(Target target, PrintStream to) {
    if (target instanceof MirroredRepository mirrored) {
      for (ReferrerListing listing : mirrored.referrerListings()) {
        to.println(listing);
      }
    }
  }
}
