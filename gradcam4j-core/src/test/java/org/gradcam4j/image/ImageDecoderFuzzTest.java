package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Coverage-guided fuzzing of the image decoder and pre-processing, the code that faces uploads and
 * odd files. Every input must either decode into a valid image or be refused with a clear message;
 * any other exception, a hang or a crash is a finding.
 *
 * <p>In a normal build this runs in regression mode over the seed corpus in
 * {@code src/test/resources/org/gradcam4j/image/ImageDecoderFuzzTestInputs/} (valid and broken PNG
 * and JPEG files; every finding is added there). To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl gradcam4j-core test -Dtest=ImageDecoderFuzzTest}.
 */
class ImageDecoderFuzzTest {
  private static final Path SOURCE = Path.of("fuzzed.png");
  private static final Preprocessing IMAGENET = Preprocessing.preset("imagenet");

  @FuzzTest(maxDuration = "30m")
  void decodesOrExplains(byte[] bytes) {
    RgbImage image;
    try {
      image = ImageDecoder.decode(bytes, SOURCE);
    } catch (GradCamException refused) {
      assertThat(refused.getMessage()).as("a refusal names the file").contains("fuzzed.png");
      return;
    }
    assertThat(image.width()).isPositive();
    assertThat(image.height()).isPositive();
    assertThat((long) image.width() * image.height()).isLessThanOrEqualTo(ImageDecoder.DEFAULT_MAX_PIXELS);
    // pre-processing takes any decoded image, or refuses a sliver that resizing would blow up
    FloatTensor input;
    try {
      input = IMAGENET.toTensor(image);
    } catch (GradCamException refused) {
      assertThat(refused.getMessage()).contains(image.width() + "x" + image.height()).contains("limit");
      return;
    }
    assertThat(input.shape()).containsExactly(3, 224, 224);
  }
}
