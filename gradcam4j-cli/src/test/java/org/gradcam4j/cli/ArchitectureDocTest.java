package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The table of floors in docs/architecture.md is written from {@link LayeringTest#FLOORS} and the
 * packages found in every module's src/main/java, so the documented layering is the enforced one.
 * After changing FLOORS or adding a package, regenerate it with {@link #REGENERATE}.
 */
class ArchitectureDocTest {
  static final Path ROOT = Path.of("..");
  static final Path FILE = ROOT.resolve("docs").resolve("architecture.md");
  static final String REGENERATE = "./mvnw -q -pl gradcam4j-cli -am test -Dtest=ArchitectureDocTest "
      + "-Dgradcam4j.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false";
  static final String START = "<!-- floors: generated from LayeringTest.FLOORS by ArchitectureDocTest -->";
  static final String END = "<!-- /floors -->";

  /** Every package with Java sources in src/main/java, relative to org.gradcam4j, with its module. */
  static Map<String, String> packages() {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("gradcam4j-")).toList()) {
        Path base = module.resolve("src/main/java/org/gradcam4j");
        if (!Files.isDirectory(base)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(base)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            String rel = base.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".");
            out.put(rel, module.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static boolean covers(LayeringTest.Floor floor, String relative) {
    String pkg = relative.isEmpty() ? "org.gradcam4j" : "org.gradcam4j." + relative;
    for (String p : floor.packages()) {
      String base = p.endsWith("..") ? p.substring(0, p.length() - 2) : p;
      if (pkg.equals(base) || (p.endsWith("..") && pkg.startsWith(base + "."))) {
        return true;
      }
    }
    return false;
  }

  /** The Markdown table, between its markers. */
  static String table() {
    Map<String, String> packages = packages();
    List<String> rows = new ArrayList<>();
    for (LayeringTest.Floor floor : LayeringTest.FLOORS) {
      TreeSet<String> names = new TreeSet<>();
      TreeSet<String> modules = new TreeSet<>();
      packages.forEach((pkg, module) -> {
        if (covers(floor, pkg)) {
          names.add(pkg);
          modules.add(module);
        }
      });
      rows.add("| " + floor.name() + " | " + String.join(", ", modules) + " | "
          + String.join(", ", names.stream().map(n -> n.isEmpty() ? "`org.gradcam4j`" : "`" + n + "`").toList()) + " | "
          + (floor.uses().length == 0 ? "nothing else in gradcam4j" : String.join(", ", floor.uses())) + " |");
    }
    return START + "\n| floor | module | packages (under `org.gradcam4j`) | may use |\n|---|---|---|---|\n"
        + String.join("\n", rows) + "\n" + END;
  }

  @Test
  void architectureDocShowsTheEnforcedFloors() throws IOException {
    String doc = Files.readString(FILE, StandardCharsets.UTF_8);
    Pattern block = Pattern.compile(Pattern.quote(START) + ".*?" + Pattern.quote(END), Pattern.DOTALL);
    assertThat(block.matcher(doc).find()).as("docs/architecture.md has no floors table between %s and %s",
        START, END).isTrue();
    String expected = table();
    if (Boolean.getBoolean("gradcam4j.updateDocs")) {
      doc = block.matcher(doc).replaceFirst(Matcher.quoteReplacement(expected));
      Files.writeString(FILE, doc, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("every floor has packages").doesNotContain("|  |");
    assertThat(doc).as("docs/architecture.md's table of floors differs from LayeringTest.FLOORS; regenerate it with:%n  %s",
        REGENERATE).contains(expected);
  }
}
