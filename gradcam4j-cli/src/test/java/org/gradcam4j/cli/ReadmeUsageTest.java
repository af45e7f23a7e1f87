package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's command reference is the commands' own help text, so the documentation cannot drift
 * from the code. After changing an option, refresh the README with
 * {@code ./mvnw -q -pl gradcam4j-cli -am test -Dtest=ReadmeUsageTest -Dgradcam4j.updateReadme=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReadmeUsageTest {
  static final List<String> VERBS = List.of("demo", "explain", "compile", "bench", "evaluate", "train-demo");
  static final Path README = Path.of("..", "README.md");

  static String usage(String verb) {
    CommandLine sub = Gradcam4jCommand.commandLine().getSubcommands().get(verb);
    return sub.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
  }

  static String block(String verb) {
    return "<!-- usage:" + verb + " -->\n```text\n" + usage(verb) + "\n```\n<!-- /usage:" + verb + " -->";
  }

  @Test
  void readmeShowsTheCurrentHelpOfEveryCommand() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("gradcam4j.updateReadme")) {
      for (String verb : VERBS) {
        Pattern p = Pattern.compile("<!-- usage:" + Pattern.quote(verb) + " -->.*?<!-- /usage:" + Pattern.quote(verb) + " -->",
            Pattern.DOTALL);
        Matcher m = p.matcher(readme);
        readme = m.find() ? m.replaceFirst(Matcher.quoteReplacement(block(verb)))
            : readme.replace("<!-- USAGE -->", "### " + verb + "\n\n" + block(verb) + "\n\n<!-- USAGE -->");
      }
      Files.writeString(README, readme, StandardCharsets.UTF_8);
    }
    for (String verb : VERBS) {
      assertThat(readme).as("README's help of '%s' is out of date; see this test's javadoc", verb).contains(block(verb));
    }
  }
}
