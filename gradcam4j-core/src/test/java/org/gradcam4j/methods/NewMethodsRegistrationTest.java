package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The methods of this package are reachable by their CLI names and from "all". */
class NewMethodsRegistrationTest {
  @Test
  void everyMethodIsFoundByNameAndListedInAll() {
    List<String> names = List.of("scorecam", "ablationcam", "eigencam", "eigengradcam", "fullgrad", "cam",
        "occlusion", "rise", "lime", "kernelshap", "shapley", "feature-ablation");
    List<ExplanationMethod> all = Methods.parseList("all");
    for (String name : names) {
      ExplanationMethod m = Methods.byName(name);
      assertThat(m.name()).isEqualTo(name);
      assertThat(all).contains(m);
    }
    assertThat(Methods.byName("ScoreCAM")).isSameAs(Methods.byName("scorecam"));
    assertThat(Methods.byName("occlusion").kind()).isEqualTo(ExplanationMethod.Kind.INPUT);
    assertThat(Methods.byName("rise").kind()).isEqualTo(ExplanationMethod.Kind.INPUT);
    for (String perturbation : List.of("lime", "kernelshap", "shapley", "feature-ablation")) {
      assertThat(Methods.byName(perturbation).kind()).isEqualTo(ExplanationMethod.Kind.INPUT);
    }
    assertThat(Methods.byName("fullgrad").kind()).isEqualTo(ExplanationMethod.Kind.INPUT);
    assertThat(Methods.byName("cam").kind()).isEqualTo(ExplanationMethod.Kind.LAYER);
  }
}
