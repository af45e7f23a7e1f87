package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example compiles against the library as it is: its imports become the imports of
 * a class, its statements the body of a method, and the JDK's compiler must accept the result.
 */
class ReadmeExampleTest {
  static final Path README = Path.of("..", "README.md");

  @TempDir
  Path tmp;

  @Test
  void theJavaExampleCompiles() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("README.md has a ```java example").isTrue();
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : m.group(1).split("\n")) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    assertThat(imports.toString()).as("the example names its imports").contains("import org.gradcam4j.Explainer;");
    String source = imports + "\nclass ReadmeExample {\n  static void run() throws Exception {\n" + body + "  }\n}\n";
    Path file = Files.writeString(tmp.resolve("ReadmeExample.java"), source, StandardCharsets.UTF_8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("the tests run on a JDK").isNotNull();
    StringWriter messages = new StringWriter();
    List<String> options = List.of("-d", Files.createDirectories(tmp.resolve("classes")).toString(),
        "-classpath", classPath(), "-proc:none");
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      ok = javac.getTask(messages, files, null, options, null, files.getJavaFileObjects(file)).call();
    }
    assertThat(ok).as("the README's Java example does not compile:%n%s%n%s", messages, source).isTrue();
  }

  /** The test class path; Surefire may hide it behind a manifest-only jar, whose Class-Path javac follows. */
  static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
