package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The whole path from a photo file to the model's predictions (decode, resize, crop, normalise,
 * run) reproduces the top-5 recorded for every shared model and photo. Needs ../shared.
 */
class ExpectedTop5Test {
  private static final Map<String, String> PRESETS = Map.of(
      SharedData.SQUEEZENET, "caffe-bgr",
      SharedData.MOBILENET_V2, "imagenet",
      SharedData.MOBILENET_V1, "inception");

  @Test
  void everyModelAndPhotoMatchesTheRecordedTop5() throws IOException {
    JsonNode expected = new ObjectMapper().readTree(SharedData.model("expected_top5.json").toFile());
    int checked = 0;
    for (Map.Entry<String, String> m : PRESETS.entrySet()) {
      JsonNode perImage = expected.get(m.getKey());
      assertThat(perImage).as(m.getKey()).isNotNull();
      Preprocessing pre = Preprocessing.preset(m.getValue());
      List<String> names = new ArrayList<>();
      List<FloatTensor> inputs = new ArrayList<>();
      for (Iterator<String> it = perImage.fieldNames(); it.hasNext(); ) {
        String image = it.next();
        RgbImage crop = pre.resizeAndCrop(ImageDecoder.read(SharedData.image(image)));
        names.add(image);
        inputs.add(pre.normalize(crop));
      }
      try (Explainer explainer = Explainer.load(SharedData.model(m.getKey()))) {
        String output = explainer.outputNames().get(0);
        FloatTensor outputs = explainer.forward(FloatTensor.stack(inputs), List.of(output)).get(output);
        for (int i = 0; i < names.size(); i++) {
          List<ClassScore> top = ClassScore.top(outputs.item(i).data(), 5);
          JsonNode want = perImage.get(names.get(i));
          for (int r = 0; r < 5; r++) {
            assertThat(top.get(r).index()).as("%s %s rank %d", m.getKey(), names.get(i), r)
                .isEqualTo(want.get(r).get("index").asInt());
            assertThat((double) top.get(r).score()).as("%s %s rank %d score", m.getKey(), names.get(i), r)
                .isCloseTo(want.get(r).get("score").asDouble(), org.assertj.core.data.Offset.offset(6e-5));
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(57);
  }
}
