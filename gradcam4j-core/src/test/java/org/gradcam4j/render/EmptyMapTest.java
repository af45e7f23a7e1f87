package org.gradcam4j.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.image.AttributionMode;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.junit.jupiter.api.Test;

/** Blank maps are recognised and explained; counterfactual pixel maps show the evidence against. */
class EmptyMapTest {
  private static final RenderOptions DEFAULTS = RenderOptions.defaults();
  private static final List<String> LABELS = List.of("tabby", "bull mastiff");
  private static final Target AGAINST_MASTIFF = Target.classIndex(1).counterfactual();

  @Test
  void anAllZeroCounterfactualCamIsEmptyAndSaysWhatToTry() {
    Explanation e = layerMap(AGAINST_MASTIFF, new float[6]);
    assertThat(EmptyMap.isEmpty(e, DEFAULTS)).isTrue();
    assertThat(EmptyMap.note(e, DEFAULTS, "bull mastiff")).hasValueSatisfying(n -> assertThat(n)
        .startsWith("no evidence against bull mastiff at layer conv5: every position there supports it")
        .contains("--layer").contains("gradcam++"));
    Gallery gallery = new Gallery(List.of("gradcam"), LABELS, DEFAULTS);
    assertThat(gallery.caption(e)).isEqualTo("no evidence against bull mastiff");
    assertThat(gallery.emptyNote(e)).isPresent();
  }

  @Test
  void aFlatPlainCamIsEmptyToo_aMapWithAnyRangeIsNot() {
    Explanation flat = layerMap(Target.classIndex(0), new float[] {3, 3, 3, 3, 3, 3});
    assertThat(EmptyMap.note(flat, DEFAULTS, "tabby")).hasValueSatisfying(n ->
        assertThat(n).startsWith("no evidence for tabby at layer conv5"));
    Explanation oneHot = layerMap(AGAINST_MASTIFF, new float[] {0, 0, 0, 0, 0, 1e-3f});
    assertThat(EmptyMap.isEmpty(oneHot, DEFAULTS)).isFalse();
    assertThat(EmptyMap.note(oneHot, DEFAULTS, "bull mastiff")).isEmpty();
    Gallery gallery = new Gallery(List.of("gradcam"), LABELS, DEFAULTS);
    assertThat(gallery.caption(oneHot)).isEqualTo("against bull mastiff 2.500");
  }

  @Test
  void aCounterfactualAttributionShowsItsPositivePart() {
    // the negated attribution of the class: +2 where the pixel speaks against it, -5 where it speaks for it
    Explanation e = pixels(AGAINST_MASTIFF, new float[] {2, -5, 0, 0});
    RgbImage auto = ExplanationRenderer.render(e, RgbImage.blank(2, 2), DEFAULTS);
    assertThat(pixelsOf(auto)).isEqualTo(pixelsOf(ExplanationRenderer.render(e, RgbImage.blank(2, 2),
        with(AttributionMode.POSITIVE))));
    assertThat(pixelsOf(auto)).isNotEqualTo(pixelsOf(ExplanationRenderer.render(e, RgbImage.blank(2, 2),
        with(AttributionMode.ABSOLUTE))));
    assertThat(EmptyMap.isEmpty(e, DEFAULTS)).isFalse();

    // the plain target keeps magnitudes by default
    Explanation plain = pixels(Target.classIndex(1), new float[] {-2, 5, 0, 0});
    assertThat(pixelsOf(ExplanationRenderer.render(plain, RgbImage.blank(2, 2), DEFAULTS))).isEqualTo(
        pixelsOf(ExplanationRenderer.render(plain, RgbImage.blank(2, 2), with(AttributionMode.ABSOLUTE))));
  }

  @Test
  void aCounterfactualAttributionWithoutPositivePartIsEmptyOnlyInThatDirection() {
    Explanation e = pixels(AGAINST_MASTIFF, new float[] {-1, -5, 0, 0});
    assertThat(EmptyMap.isEmpty(e, DEFAULTS)).isTrue();
    assertThat(EmptyMap.note(e, DEFAULTS, "bull mastiff")).hasValueSatisfying(n ->
        assertThat(n).contains("no part of this sign").contains("--attribution absolute"));
    assertThat(EmptyMap.isEmpty(e, with(AttributionMode.ABSOLUTE))).isFalse();
    assertThat(EmptyMap.isEmpty(e, with(AttributionMode.NEGATIVE))).isFalse();
  }

  @Test
  void anAllZeroAttributionWithALayerBlamesItsClassActivationMap() {
    Explanation e = new Explanation("guided-gradcam", AGAINST_MASTIFF, 1, 2.5f, "conv5", "logits",
        new float[] {1, 2.5f}, new float[] {1, 2.5f}, new Explanation.PixelAttribution(attribution(new float[4])));
    assertThat(EmptyMap.note(e, with(AttributionMode.SIGNED), "bull mastiff")).hasValueSatisfying(n ->
        assertThat(n).contains("zero everywhere").contains("class activation map at layer conv5"));
  }

  private static RenderOptions with(AttributionMode mode) {
    return new RenderOptions(Colormap.JET, 0.5f, Colormap.INFERNO, mode, 99.0);
  }

  private static Explanation layerMap(Target t, float[] map) {
    float[] scores = {1f, 2.5f};
    return new Explanation("gradcam", t, 1, 2.5f, "conv5", "logits", scores, scores,
        new Explanation.LayerMap(new FloatTensor(new long[] {2, 3}, map), null));
  }

  private static Explanation pixels(Target t, float[] values) {
    float[] scores = {1f, 2.5f};
    return new Explanation("saliency", t, 1, 2.5f, null, "logits", scores, scores,
        new Explanation.PixelAttribution(attribution(values)));
  }

  private static FloatTensor attribution(float[] values) {
    return new FloatTensor(new long[] {1, 2, 2}, values);
  }

  private static int[] pixelsOf(RgbImage image) {
    int[] out = new int[image.width() * image.height() * 3];
    int k = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        for (int c = 0; c < 3; c++) {
          out[k++] = image.get(x, y, c);
        }
      }
    }
    return out;
  }
}
