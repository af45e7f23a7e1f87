package org.gradcam4j.diagnose.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.data.TargetShape;
import org.gradcam4j.train.DemoTrainer;
import org.junit.jupiter.api.Test;

/**
 * Retrains a small version of the study (a quarter-width network, 150 steps over a pool of 600 scenes)
 * and checks the paper's qualitative result: the biased model rests on the cue, the balanced one does
 * not. The short balanced model is still weak on the shapes; it is only asked not to care about the cue.
 */
class BiasStudyTest {
  @Test
  void theBiasedModelFollowsTheCueAndTheBalancedOneDoesNot() {
    BiasStudy.Settings s = new BiasStudy.Settings(List.of(TargetShape.CIRCLE, TargetShape.CROSS), 0.95, 4,
        new DemoTrainer.Settings(2027, 32, 150, 3e-3, 1e-4, 2), 200, 600);
    BiasStudy.ModelReport biased = BiasStudy.measure(s, BiasStudy.BIASED,
        BiasStudy.train(s, BiasStudy.BIASED, step -> {}), 2, done -> {});
    BiasStudy.ModelReport balanced = BiasStudy.measure(s, BiasStudy.BALANCED,
        BiasStudy.train(s, BiasStudy.BALANCED, step -> {}), 2, done -> {});

    assertThat(biased.ownAccuracy()).as("biased model on its own kind of test data").isGreaterThan(0.85);
    assertThat(biased.cueSwappedAccuracy()).as("biased model with the cue of the other class")
        .isLessThan(biased.ownAccuracy() - 0.3);
    assertThat(Math.abs(balanced.ownAccuracy() - balanced.cueSwappedAccuracy()))
        .as("balanced model: swapping the cue changes little").isLessThan(0.1);
    assertThat(balanced.cueSwappedAccuracy()).isGreaterThan(biased.cueSwappedAccuracy() + 0.3);
    assertThat(biased.massOnCue()).as("Grad-CAM mass on the cue, biased vs balanced")
        .isGreaterThan(3 * balanced.massOnCue());
    assertThat(biased.cueArea()).isEqualTo(balanced.cueArea());
  }
}
