package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gradcam4j.methods.MethodOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The option mixins that several verbs share: parsed alike everywhere, defaults from one place. */
class SharedOptionsTest {
  private static final ModelOptions.CardDefaults CARD =
      new ModelOptions.CardDefaults(Optional.empty(), "card_scores", List.of("card_layer"));

  @Test
  void explainAndEvaluateReadTheLayersAndTheScoreTensorAlike() {
    ExplainCommand explain = parse(ExplainCommand.class, "explain", "-o", "out", "-i", "a.png",
        "--layer", "conv4,conv5", "--output", "logits");
    EvaluateCommand evaluate = parse(EvaluateCommand.class, "evaluate", "-o", "out", "--data", "synthetic",
        "--layer", "conv4,conv5", "--output", "logits");
    for (ExplainedTensorOptions t : List.of(explain.tensors, evaluate.tensors)) {
      assertThat(t.layers(CARD)).containsExactly("conv4", "conv5");
      assertThat(t.scoreTensor(CARD)).isEqualTo("logits");
    }
  }

  @Test
  void withoutLayerOrOutputTheModelCardDecides() {
    ExplainedTensorOptions t = parse(EvaluateCommand.class, "evaluate", "-o", "out", "--data", "synthetic").tensors;
    assertThat(t.layers(CARD)).containsExactly("card_layer");
    assertThat(t.scoreTensor(CARD)).isEqualTo("card_scores");
  }

  @Test
  void withoutMethodOptionsTheSettingsAreCoresDefaultsAndTheHelpSaysSo() {
    ExplainCommand explain = parse(ExplainCommand.class, "explain", "-o", "out", "-i", "a.png");
    assertThat(explain.methodOptions.resolve(8)).isEqualTo(MethodOptions.defaults().withBatchSize(8));
    MethodOptions d = MethodOptions.defaults();
    String help = CliReferenceTest.usage(Gradcam4jCommand.commandLine().getSubcommands().get("explain")).replaceAll("\\s+", " ");
    assertThat(help).contains("noisy samples per image (default: " + d.smoothSamples() + ")")
        .contains("integration steps (default: " + d.igSteps() + ")")
        .contains("(default: " + d.igBaseline() + ")")
        .contains("number of random masks (default: " + d.riseMasks() + ")")
        .contains("a cell is kept (default: " + d.riseProbability() + ")");
  }

  @Test
  void aMethodOptionOverridesItsDefaultOnly() {
    MethodOptions o = parse(ExplainCommand.class, "explain", "-o", "out", "-i", "a.png",
        "--samples", "3", "--ig-baseline", "blur").methodOptions.resolve(8);
    assertThat(o.smoothSamples()).isEqualTo(3);
    assertThat(o.igBaseline()).isEqualTo(org.gradcam4j.methods.IntegratedGradients.Baseline.BLUR);
    assertThat(o.riseMasks()).isEqualTo(MethodOptions.defaults().riseMasks());
  }

  private static <T> T parse(Class<T> command, String verb, String... args) {
    CommandLine.ParseResult parsed = Gradcam4jCommand.commandLine().parseArgs(Stream.concat(Stream.of(verb),
        Stream.of(args)).toArray(String[]::new));
    return command.cast(parsed.subcommand().commandSpec().userObject());
  }
}
