package org.gradcam4j.diagnose.attack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.PointingGame;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.targets.Target;

/**
 * Grad-CAM and Guided Grad-CAM of the original class and of the adversarial class, on the clean and on
 * the adversarial image: the four columns of an attack's montage, and whether Grad-CAM of the original
 * class still points where it did.
 */
public final class AttackExplanations {
  public static final String GRADCAM_ORIGINAL = "gradcam, original";
  public static final String GUIDED_ORIGINAL = "guided, original";
  public static final String GRADCAM_ADVERSARIAL = "gradcam, adversarial";
  public static final String GUIDED_ADVERSARIAL = "guided, adversarial";
  /** The montage columns after the input, in order. */
  public static final List<String> COLUMNS = List.of(GRADCAM_ORIGINAL, GUIDED_ORIGINAL, GRADCAM_ADVERSARIAL,
      GUIDED_ADVERSARIAL);

  /**
   * One attacked image explained.
   *
   * @param clean the clean image with the four explanations
   * @param adversarial the adversarial image with the four explanations
   * @param agreement whether Grad-CAM of the original class points at the same place on both images
   */
  public record Explained(ExplainedImage clean, ExplainedImage adversarial, PointingAgreement agreement) {}

  private final Explainer explainer;
  private final Preprocessing valuesOnly;
  private final List<String> layers;
  private final String scoreTensor;
  private final int batchSize;
  private final int tolerance;

  /**
   * @param preprocessing the model's pre-processing (the images are already at the model's size, so
   *     only its value mapping is applied)
   * @param layers Grad-CAM's layers, empty for the model's default
   * @param scoreTensor the score tensor, or null for the default
   * @param batchSize images per run
   * @param tolerance pointing agreement's tolerance in pixels
   */
  public AttackExplanations(Explainer explainer, Preprocessing preprocessing, List<String> layers, String scoreTensor,
      int batchSize, int tolerance) {
    this.explainer = explainer;
    this.valuesOnly = preprocessing.withResize(0).withCrop(0);
    this.layers = List.copyOf(layers);
    this.scoreTensor = scoreTensor;
    this.batchSize = batchSize;
    this.tolerance = tolerance;
  }

  /** The pointing game's tolerance, 15 pixels, as in the Grad-CAM paper. */
  public static int defaultTolerance() {
    return PointingGame.DEFAULT_TOLERANCE;
  }

  /** Explains attacked images; {@code names} name them (the clean and adversarial rows get suffixes). */
  public List<Explained> explain(List<String> names, List<AttackResult> results) {
    int n = results.size();
    List<RgbImage> images = new ArrayList<>();
    List<String> rowNames = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      images.add(results.get(i).original());
      rowNames.add(names.get(i) + " (clean)");
    }
    for (int i = 0; i < n; i++) {
      images.add(results.get(i).adversarial());
      rowNames.add(names.get(i) + " (adversarial)");
    }
    List<Target> originalTargets = new ArrayList<>();
    List<Target> adversarialTargets = new ArrayList<>();
    for (int copy = 0; copy < 2; copy++) {
      for (AttackResult r : results) {
        originalTargets.add(Target.classIndex(r.originalClass()));
        adversarialTargets.add(Target.classIndex(r.adversarialClass()));
      }
    }
    List<ExplainedImage> original = run(images, rowNames, originalTargets);
    List<ExplainedImage> adversarial = run(images, rowNames, adversarialTargets);
    List<Explained> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ExplainedImage clean = merge(original.get(i), adversarial.get(i));
      ExplainedImage attacked = merge(original.get(n + i), adversarial.get(n + i));
      out.add(new Explained(clean, attacked, agreement(clean, attacked)));
    }
    return out;
  }

  private List<ExplainedImage> run(List<RgbImage> images, List<String> names, List<Target> targets) {
    return explainer.explainImages(images, names).preprocessing(valuesOnly).methods("gradcam", "guided-gradcam")
        .layers(layers.toArray(String[]::new)).scoreTensor(scoreTensor).targets(targets).batchSize(batchSize).run();
  }

  private static ExplainedImage merge(ExplainedImage forOriginal, ExplainedImage forAdversarial) {
    Map<String, Explanation> e = new LinkedHashMap<>();
    e.put(GRADCAM_ORIGINAL, forOriginal.explanation("gradcam").withMethod(GRADCAM_ORIGINAL));
    e.put(GUIDED_ORIGINAL, forOriginal.explanation("guided-gradcam").withMethod(GUIDED_ORIGINAL));
    e.put(GRADCAM_ADVERSARIAL, forAdversarial.explanation("gradcam").withMethod(GRADCAM_ADVERSARIAL));
    e.put(GUIDED_ADVERSARIAL, forAdversarial.explanation("guided-gradcam").withMethod(GUIDED_ADVERSARIAL));
    return new ExplainedImage(forOriginal.name(), forOriginal.input(), e);
  }

  private PointingAgreement agreement(ExplainedImage clean, ExplainedImage attacked) {
    return PointingAgreement.of(map(clean), map(attacked), tolerance);
  }

  private static SaliencyMap map(ExplainedImage image) {
    int w = image.input().width();
    int h = image.input().height();
    return SaliencyMap.of(image.explanation(GRADCAM_ORIGINAL).displayMap(h, w), w, h);
  }
}
