package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.Npy;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  private static final RgbImage ONE_PIXEL = TestImages.filled(1, 1, 10, 20, 30);

  @Test
  void caffePresetIsBgrMinusMean() {
    FloatTensor t = Preprocessing.preset("caffe-bgr").normalize(ONE_PIXEL);
    assertThat(t.shape()).containsExactly(3, 1, 1);
    // planes B, G, R: 30 - 104, 20 - 117, 10 - 123
    assertThat(t.data()).containsExactly(-74f, -97f, -113f);
  }

  @Test
  void inceptionPresetMapsToMinusOneToOne() {
    Preprocessing p = Preprocessing.preset("inception");
    assertThat(p.normalize(TestImages.filled(1, 1, 0, 255, 0)).data()).containsExactly(-1f, 1f, -1f);
  }

  @Test
  void nonePresetKeepsTheLevels() {
    assertThat(Preprocessing.preset("none").normalize(ONE_PIXEL).data()).containsExactly(10f, 20f, 30f);
  }

  @Test
  void imagenetPresetDividesInFloat32InTorchvisionOrder() {
    float[] v = Preprocessing.preset("imagenet").normalize(TestImages.filled(1, 1, 255, 0, 128)).data();
    assertThat(v[0]).isEqualTo((1f - 0.485f) / 0.229f);
    assertThat(v[1]).isEqualTo((0f - 0.456f) / 0.224f);
    assertThat(v[2]).isEqualTo((128f / 255f - 0.406f) / 0.225f);
    assertThat(v[0]).isCloseTo(2.2489f, org.assertj.core.data.Offset.offset(1e-4f));
  }

  @Test
  void everyPresetResizesTo256AndCrops224() {
    for (String name : Preprocessing.presetNames()) {
      Preprocessing p = Preprocessing.preset(name);
      assertThat(p.resize()).as(name).isEqualTo(256);
      assertThat(p.crop()).as(name).isEqualTo(224);
    }
    assertThat(Preprocessing.presetNames()).containsExactlyInAnyOrder("imagenet", "caffe-bgr", "inception", "none");
  }

  @Test
  void unknownPresetListsTheKnownOnes() {
    assertThatThrownBy(() -> Preprocessing.preset("vgg"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("vgg")
        .hasMessageContaining("imagenet")
        .hasMessageContaining("caffe-bgr");
  }

  @Test
  void tensorIsChannelPlanesOfTheCroppedImage() {
    RgbImage photo = TestImages.gradient(300, 200);
    Preprocessing p = Preprocessing.preset("none");
    FloatTensor t = p.toTensor(photo);
    assertThat(t.shape()).containsExactly(3, 224, 224);
    RgbImage cropped = p.resizeAndCrop(photo);
    assertThat(cropped.width()).isEqualTo(224);
    // plane c, row y, column x
    assertThat(t.data()[2 * 224 * 224 + 5 * 224 + 7]).isEqualTo(cropped.get(7, 5, 2));
    assertThat(t.data()[10 * 224 + 100]).isEqualTo(cropped.get(100, 10, 0));
  }

  @Test
  void resizeAndCropCanBeSwitchedOff() {
    RgbImage photo = TestImages.gradient(50, 40);
    Preprocessing p = Preprocessing.preset("imagenet").withResize(0).withCrop(0);
    assertThat(p.resizeAndCrop(photo).pixels()).isEqualTo(photo.pixels());
    assertThat(p.toTensor(photo).shape()).containsExactly(3, 40, 50);
    assertThat(Preprocessing.preset("imagenet").withResize(0).toTensor(photo).shape()).containsExactly(3, 224, 224);
  }

  @Test
  void batchStacksImages() {
    Preprocessing p = Preprocessing.preset("imagenet");
    RgbImage a = TestImages.gradient(300, 260);
    RgbImage b = TestImages.filled(260, 300, 1, 2, 3);
    FloatTensor batch = p.toBatch(List.of(a, b));
    assertThat(batch.shape()).containsExactly(2, 3, 224, 224);
    assertThat(batch.item(0)).isEqualTo(p.toTensor(a));
    assertThat(batch.item(1)).isEqualTo(p.toTensor(b));
  }

  @Test
  void batchOfDifferentSizesIsRefused() {
    Preprocessing p = Preprocessing.preset("none").withCrop(0);
    assertThatThrownBy(() -> p.toBatch(List.of(TestImages.gradient(300, 256), TestImages.gradient(256, 256))))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("crop");
  }

  @Test
  void recordCopiesItsArrays() {
    float[] mean = {1, 2, 3};
    Preprocessing p = new Preprocessing(0, 0, ChannelOrder.RGB, 1, mean, new float[] {1, 1, 1});
    mean[0] = 100;
    p.mean()[1] = 100;
    assertThat(p.mean()).containsExactly(1, 2, 3);
    assertThat(p).isEqualTo(new Preprocessing(0, 0, ChannelOrder.RGB, 1, new float[] {1, 2, 3}, new float[] {1, 1, 1}));
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> new Preprocessing(-1, 0, ChannelOrder.RGB, 1, new float[3], new float[] {1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Preprocessing(0, 0, ChannelOrder.RGB, 1, new float[3], new float[] {1, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std");
    assertThatThrownBy(() -> new Preprocessing(0, 0, ChannelOrder.RGB, 0, new float[3], new float[] {1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("divisor");
  }

  @Test
  void squeezeNetInputFromChelseaMatchesTheReference() {
    RgbImage photo = ImageDecoder.read(SharedData.image("chelsea.png"));
    FloatTensor input = Preprocessing.preset("caffe-bgr").toBatch(List.of(photo));
    Npy.Array expected = Npy.read(SharedData.reference("inputs/squeezenet11__chelsea.input.npy"));
    assertThat(input.shape()).containsExactly(expected.shape());
    assertThat(input.data()).containsExactly(expected.data());
  }
}
