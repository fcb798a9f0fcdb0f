package dev.ocitrust.cli;

import dev.ocitrust.graph.ReferrerFilter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --include-type} and {@code --exclude-type}: which referrers a copy or sync takes. */
final class ReferrerTypeOptions {
  @Option(names = "--include-type", description = "take only referrers of these artifact types")
  List<String> includeTypes = new ArrayList<>();

  @Option(names = "--exclude-type", description = "leave referrers of these artifact types behind")
  List<String> excludeTypes = new ArrayList<>();

  /** The filter the options say: all referrers without either. */
  ReferrerFilter filter() {
    ReferrerFilter filter =
        includeTypes.isEmpty() ? ReferrerFilter.all() : ReferrerFilter.artifactTypes(includeTypes);
    if (!excludeTypes.isEmpty()) {
      filter = filter.and(ReferrerFilter.artifactTypes(excludeTypes).negate());
    }
    return filter;
  }
}
