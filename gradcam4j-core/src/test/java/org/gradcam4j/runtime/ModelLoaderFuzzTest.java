package org.gradcam4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;

/**
 * Coverage-guided fuzzing of what a model file goes through before the first map: parsing, the
 * preparer (opset upgrade, weights no longer inputs), finding the image input and score tensor,
 * the shape probe in ONNX Runtime, the default layer and the gradient compiler. Every input must
 * either compile or be refused with a message; any other exception, a hang or a crash is a finding.
 *
 * <p>In a normal build this runs in regression mode over the seed corpus in
 * {@code src/test/resources/org/gradcam4j/runtime/ModelLoaderFuzzTestInputs/} (small valid models
 * and broken ones; every finding is added there). To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl gradcam4j-core test -Dtest=ModelLoaderFuzzTest}.
 */
class ModelLoaderFuzzTest {
  /** Images larger than this are not probed: a fuzzed header may declare any size. */
  private static final long MAX_PROBE_ELEMENTS = 3L * 64 * 64;

  @FuzzTest(maxDuration = "30m")
  void compilesOrExplains(byte[] bytes) {
    try (ModelRuntime runtime = new ModelRuntime(OnnxModel.fromBytes(bytes, "fuzzed.onnx"), 1)) {
      long[] shape = probeShape(runtime.declaredInputShape());
      if (shape == null) {
        return;
      }
      String score = runtime.scoreTensor(null);
      String layer = runtime.resolveLayer(null, shape, score);
      var graph = runtime.compile(GradientRequest.builder(score).wrt(layer).build(), shape);
      assertThat(graph.model().proto().getGraph().getNodeCount()).isPositive();
    } catch (GradCamException refused) {
      assertThat(refused.getMessage()).as("a refusal says something").isNotBlank();
    }
  }

  /** [1, C, H, W] with 32 for symbolic sizes; null when the declared image is too large to probe. */
  private static long[] probeShape(long[] declared) {
    long[] shape = declared.clone();
    shape[0] = declared[0] > 0 ? declared[0] : 1;
    for (int i = 2; i < 4; i++) {
      shape[i] = declared[i] > 0 ? declared[i] : 32;
    }
    long elements = shape[0] * Math.max(1, shape[1]) * shape[2] * shape[3];
    return shape[1] > 0 && elements <= MAX_PROBE_ELEMENTS ? shape : null;
  }
}
