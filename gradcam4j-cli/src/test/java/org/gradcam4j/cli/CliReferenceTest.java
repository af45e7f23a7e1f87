package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/cli.md is the commands' own help text, so the command reference cannot drift from the code:
 * the file is generated from {@code --help} of the tool and of every verb, and this test fails when
 * any of them differs. After changing a command or an option, regenerate the file with {@link #REGENERATE}.
 */
class CliReferenceTest {
  static final Path FILE = Path.of("..", "docs", "cli.md");
  static final String REGENERATE = "./mvnw -q -pl gradcam4j-cli -am test -Dtest=CliReferenceTest "
      + "-Dgradcam4j.updateDocs=true -Dsurefire.failIfNoSpecifiedTests=false";

  static final String HEADER = """
      # Command reference

      <!-- Generated from the commands' --help by CliReferenceTest; do not edit by hand. Regenerate with:
           %s -->

      `gradcam4j VERB --help` prints the same text. Every command exits with 0 on success, 1 with a
      one-line reason on stderr on failure, and 2 for a usage error (an unknown or malformed option).
      Output files are written atomically: a failed run never leaves a half-written file.

      """.formatted(REGENERATE);

  /** The verbs, in the order the tool lists them (the built-in {@code help} verb left out). */
  static List<String> verbs() {
    List<String> verbs = new ArrayList<>(Gradcam4jCommand.commandLine().getSubcommands().keySet());
    verbs.remove("help");
    return verbs;
  }

  static String usage(CommandLine command) {
    return command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
  }

  static String section(String verb) {
    CommandLine sub = Gradcam4jCommand.commandLine().getSubcommands().get(verb);
    return "## " + verb + "\n\n```text\n" + usage(sub) + "\n```\n";
  }

  /** The whole file as the current code would write it. */
  static String generated() {
    StringBuilder out = new StringBuilder(HEADER);
    out.append("## gradcam4j\n\n```text\n").append(usage(Gradcam4jCommand.commandLine())).append("\n```\n");
    for (String verb : verbs()) {
      out.append('\n').append(section(verb));
    }
    return out.toString();
  }

  @Test
  void docsShowTheCurrentHelpOfEveryCommand() throws IOException {
    String expected = generated();
    if (Boolean.getBoolean("gradcam4j.updateDocs")) {
      Files.writeString(FILE, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.readString(FILE, StandardCharsets.UTF_8);
    assertThat(verbs()).as("verbs of the tool").contains("explain", "compile", "evaluate");
    for (String verb : verbs()) {
      assertThat(actual).as("docs/cli.md does not show the current 'gradcam4j %s --help'; regenerate it with:%n  %s",
          verb, REGENERATE).contains(section(verb));
    }
    assertThat(actual).as("docs/cli.md is out of date; regenerate it with:%n  %s", REGENERATE).isEqualTo(expected);
  }
}
