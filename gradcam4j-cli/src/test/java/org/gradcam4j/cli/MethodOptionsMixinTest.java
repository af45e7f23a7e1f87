package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradcam4j.methods.IntegratedGradients;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.methods.SmoothGrad;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The SmoothGrad type and the Integrated Gradients baseline are read from the same words as always. */
class MethodOptionsMixinTest {
  @Command(name = "options")
  static final class Options {
    @Mixin
    MethodOptionsMixin mixin;
  }

  private static MethodOptions parse(String... args) {
    Options o = new Options();
    new CommandLine(o).parseArgs(args);
    return o.mixin.resolve(7);
  }

  @Test
  void theCliWordsSelectTheEnumValues() {
    assertThat(parse("--smooth-type", "smoothgrad_sq", "--ig-baseline", "blur").smoothType())
        .isEqualTo(SmoothGrad.Type.SMOOTHGRAD_SQ);
    assertThat(parse("--smooth-type", "vargrad").smoothType()).isEqualTo(SmoothGrad.Type.VARGRAD);
    assertThat(parse("--ig-baseline", "uniform").igBaseline()).isEqualTo(IntegratedGradients.Baseline.UNIFORM);
    MethodOptions defaults = parse();
    assertThat(defaults).isEqualTo(MethodOptions.defaults().withBatchSize(7));
  }

  @Test
  void anUnknownWordIsRejectedWithTheOptionsName() {
    assertThatThrownBy(() -> parse("--ig-baseline", "black"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--ig-baseline").hasMessageContaining("black");
  }
}
