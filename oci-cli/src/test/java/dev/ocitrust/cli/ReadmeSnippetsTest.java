package dev.ocitrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of README.md and of the modules' README.md files is compiled: it is a verbatim
 * copy of a region of a test source, which its module's build compiles (and mostly runs).
 *
 * <p>The convention: in the Markdown, the line before the {@code ```java} fence is {@code <!--
 * snippet: MODULE/src/test/java/PATH.java#NAME -->}; in that source, the region is the lines
 * between {@code // README: NAME} and {@code // END README}, compared after removing their common
 * indentation. A Java block without a marker, a marker without a block, an unknown file or region,
 * or any difference fails, naming the Markdown file and line.
 */
class ReadmeSnippetsTest {
  private static final Pattern MARKER =
      Pattern.compile("<!-- snippet: ([A-Za-z0-9_./-]+\\.java)#([A-Za-z0-9_-]+) -->");
  private static final Pattern TEST_SOURCE =
      Pattern.compile("[a-z0-9-]+/src/test/java/[A-Za-z0-9_/]+\\.java");

  @TempDir Path tmp;

  /** README.md and each module's README.md. */
  static List<Path> readmes(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .filter(m -> Files.isRegularFile(m.resolve("pom.xml")))
          .map(m -> m.resolve("README.md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  /** The problems of one Markdown file, each naming the file and line; empty when all is well. */
  static List<String> problems(Path root, Path markdown) throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> lines = Files.readAllLines(markdown);
    String name = root.relativize(markdown).toString();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher marker = MARKER.matcher(line.strip());
      boolean isMarker = marker.matches();
      boolean opensJava = line.strip().equals("```java");
      String where = name + ":" + (i + 1);
      if (opensJava && (i == 0 || !MARKER.matcher(lines.get(i - 1).strip()).matches())) {
        problems.add(
            where
                + ": a Java block without a <!-- snippet: FILE#NAME --> line before it (put the"
                + " code in a test source between // README: NAME and // END README)");
      }
      if (line.strip().startsWith("<!-- snippet:") && !isMarker) {
        problems.add(where + ": malformed marker, expected <!-- snippet: FILE.java#NAME -->");
      }
      if (!isMarker) {
        continue;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).strip().equals("```java")) {
        problems.add(where + ": the marker is not followed by a ```java block");
        continue;
      }
      int end = i + 2;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      if (end >= lines.size()) {
        problems.add(where + ": the Java block is not closed");
        break;
      }
      String problem = compare(root, marker.group(1), marker.group(2), lines.subList(i + 2, end));
      if (problem != null) {
        problems.add(where + ": " + problem);
      }
      i = end;
    }
    return problems;
  }

  private static @Nullable String compare(
      Path root, String source, String region, List<String> block) throws IOException {
    if (!TEST_SOURCE.matcher(source).matches()) {
      return source + " is not a test source of a module (MODULE/src/test/java/...java)";
    }
    Path file = root.resolve(source);
    if (!Files.isRegularFile(file)) {
      return source + " does not exist";
    }
    List<String> lines = Files.readAllLines(file);
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// README: " + region)) {
        if (start >= 0) {
          return source + " has two regions named " + region;
        }
        start = i;
      }
    }
    if (start < 0) {
      return source + " has no line // README: " + region;
    }
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).strip().equals("// END README")) {
      end++;
    }
    if (end >= lines.size()) {
      return source + ": region " + region + " has no // END README";
    }
    List<String> expected = dedent(lines.subList(start + 1, end));
    List<String> found = dedent(block);
    if (!expected.equals(found)) {
      return "differs from "
          + source
          + "#"
          + region
          + "; the source has:\n"
          + String.join("\n", expected)
          + "\n--- and the Markdown:\n"
          + String.join("\n", found);
    }
    return null;
  }

  private static List<String> dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    return out;
  }

  @Test
  void everyJavaBlockOfTheReadmesIsARegionOfATestSource() throws IOException {
    Path root = Checkout.root();
    List<String> problems = new ArrayList<>();
    int blocks = 0;
    for (Path readme : readmes(root)) {
      problems.addAll(problems(root, readme));
      blocks +=
          (int)
              Files.readAllLines(readme).stream().filter(l -> l.strip().equals("```java")).count();
    }
    assertThat(problems).as("README snippets").isEmpty();
    assertThat(blocks).as("Java blocks checked").isPositive();
  }

  @Test
  void findsEachWayABlockCanGoWrong() throws IOException {
    Path src = tmp.resolve("m/src/test/java/x/Example.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        "class Example {\n  void f() {\n    // README: one\n    int a = 1;\n\n    a++;\n"
            + "    // END README\n    // README: open\n  }\n}\n");
    String marker = "<!-- snippet: m/src/test/java/x/Example.java#";
    Path md = tmp.resolve("README.md");
    Files.writeString(
        md,
        String.join(
            "\n",
            marker + "one -->",
            "```java",
            "int a = 1;",
            "",
            "a++;",
            "```",
            "```java",
            "int unmarked;",
            "```",
            marker + "one -->",
            "```java",
            "int a = 2;",
            "```",
            marker + "none -->",
            "```java",
            "```",
            marker + "open -->",
            "```java",
            "```",
            "<!-- snippet: m/src/main/java/x/Example.java#one -->",
            "```java",
            "```",
            marker + "one -->",
            "text",
            "<!-- snippet: oops -->",
            ""));
    assertThat(problems(tmp, md))
        .satisfiesExactly(
            p -> assertThat(p).startsWith("README.md:7: a Java block without"),
            p -> assertThat(p).startsWith("README.md:10: differs from").contains("int a = 2;"),
            p ->
                assertThat(p)
                    .isEqualTo(
                        "README.md:14: "
                            + "m/src/test/java/x/Example.java has no line // README: none"),
            p ->
                assertThat(p)
                    .isEqualTo(
                        "README.md:17: m/src/test/java/x/Example.java: region open has no // END README"),
            p ->
                assertThat(p)
                    .startsWith(
                        "README.md:20: m/src/main/java/x/Example.java is not a test source"),
            p ->
                assertThat(p)
                    .isEqualTo("README.md:23: the marker is not followed by a ```java block"),
            p -> assertThat(p).startsWith("README.md:25: malformed marker"));
  }
}
