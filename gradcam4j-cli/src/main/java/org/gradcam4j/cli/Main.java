package org.gradcam4j.cli;

import picocli.CommandLine;

/** Entry point of the {@code gradcam4j} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (0 success, 1 failure, 2 usage error). */
  public static int run(String... args) {
    System.setProperty("java.awt.headless", "true");
    return Gradcam4jCommand.commandLine().execute(args);
  }
}
