package org.gradcam4j.cli;

import java.io.PrintWriter;
import org.gradcam4j.error.GradCamException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; every verb is a sub-command class of its own. */
@Command(
    name = "gradcam4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Explains the decisions of ONNX image classifiers with Grad-CAM and related methods.",
    subcommands = {
      DemoCommand.class,
      ExplainCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      CompileCommand.class,
      FiltersCommand.class,
      ActivationsCommand.class,
      TopPatchesCommand.class,
      ConceptsCommand.class,
      TrainDemoCommand.class,
      ServeCommand.class,
      EmbedCommand.class,
      VisualizeCommand.class,
      AttackCommand.class,
      FailuresCommand.class,
      BiasCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gradcam4jCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line: one-line error messages, exit codes 1 (failure) and 2 (usage). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Gradcam4jCommand());
    // Closed choices are enums whose toString() is the word users type (smoothgrad_sq, blur, ...).
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("gradcam4j: " + message(e));
      if (System.getenv("GRADCAM4J_DEBUG") != null) {
        e.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("gradcam4j: " + e.getMessage() + " (see 'gradcam4j "
          + e.getCommandLine().getCommandName().replace("gradcam4j", "").trim() + " --help')");
      err.flush();
      return 2;
    });
    return cl;
  }

  private static String message(Throwable e) {
    if (e instanceof GradCamException) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && !(root instanceof GradCamException)) {
      root = root.getCause();
    }
    if (root instanceof GradCamException) {
      return root.getMessage();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
