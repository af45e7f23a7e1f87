package org.gradcam4j.diagnose.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.math.Softmax;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.targets.Target;

/**
 * FGSM and PGD in pixel space with the gradient compiler. Every step is one compiled forward and
 * backward run of the whole batch with respect to the image input (the run saliency maps use), seeded
 * with the loss's gradient at the current scores; the input gradient is carried back to the 0&ndash;255
 * pixel values through the pre-processing ({@link PixelSpace}), the pixels move by the step size times
 * the gradient's sign, and are projected back into {@code [original - eps, original + eps]} and
 * {@code [0, 255]}.
 *
 * <p>Rounding to 8 bits is part of the attack: the result is rounded to whole levels within
 * {@code floor(eps)} of the original, and checked with a forward pass of exactly those values. With
 * PGD, an image whose rounded version no longer fools the model takes further steps from the rounded
 * image (at most {@link AttackSettings#repairSteps()}), each rounded and checked again. FGSM is left as
 * the single step it is defined to be. With {@link AttackSettings#stopWhenFooled()}, PGD rounds and
 * checks every image after every step and stops each at its first step that fools the model: the
 * smallest perturbation along PGD's path instead of the most confident one.
 */
public final class AdversarialAttack {
  private final ModelRuntime runtime;
  private final String scoreTensor;
  private final PixelSpace space;
  private final AttackSettings settings;

  /**
   * @param runtime the model
   * @param scoreTensor the score tensor (logits), already resolved
   * @param preprocessing the model's pre-processing; images are attacked as the model sees them
   *     (already resized and cropped), so only its value mapping is used
   */
  public AdversarialAttack(ModelRuntime runtime, String scoreTensor, Preprocessing preprocessing,
      AttackSettings settings) {
    this.runtime = runtime;
    this.scoreTensor = scoreTensor;
    this.space = new PixelSpace(preprocessing);
    this.settings = settings;
  }

  /** Attacks one batch of images, all of the model's input size; results in order. */
  public List<AttackResult> attack(List<RgbImage> images) {
    if (images.isEmpty()) {
      return List.of();
    }
    int w = images.get(0).width();
    int h = images.get(0).height();
    for (RgbImage image : images) {
      if (image.width() != w || image.height() != h) {
        throw new GradCamException("images of one attack batch must share a size: " + w + "x" + h + " and "
            + image.width() + "x" + image.height());
      }
    }
    int n = images.size();
    List<float[]> originals = images.stream().map(PixelSpace::pixels).toList();
    float[][] cleanScores = scores(originals, w, h);
    int[] originalClass = new int[n];
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      originalClass[i] = ArgMax.of(cleanScores[i]);
      targets.add(new LossTarget(settings.loss(), settings.targeted() ? settings.targetClass() : originalClass[i],
          settings.targeted()));
    }
    GradientRequest request = GradientRequest.builder(scoreTensor).wrt(runtime.imageInput()).build();

    List<float[]> current = new ArrayList<>(originals.stream().map(float[]::clone).toList());
    boolean[] moving = new boolean[n];
    Arrays.fill(moving, true);
    int[] steps = new int[n];
    for (int s = 0; s < settings.steps() && any(moving); s++) {
      step(current, originals, targets, request, moving, w, h);
      for (int i = 0; i < n; i++) {
        steps[i] += moving[i] ? 1 : 0;
      }
      if (settings.stopWhenFooled()) {
        stopFooled(current, originals, originalClass, moving, w, h);
      }
    }
    List<float[]> rounded = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rounded.add(round(current.get(i), originals.get(i)));
    }
    float[][] scores = scores(rounded, w, h);
    boolean[] failing = failing(scores, originalClass);
    for (int r = 0; r < settings.repairSteps() && any(failing); r++) {
      // Step on from the rounded image, so that what is checked is what is stored.
      step(rounded, originals, targets, request, failing, w, h);
      for (int i = 0; i < n; i++) {
        if (failing[i]) {
          rounded.set(i, round(rounded.get(i), originals.get(i)));
          steps[i]++;
        }
      }
      scores = scores(rounded, w, h);
      failing = failing(scores, originalClass);
    }

    List<AttackResult> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RgbImage adversarial = PixelSpace.toImage(rounded.get(i), w, h);
      double[] clean = Softmax.of(cleanScores[i]);
      double[] after = Softmax.of(scores[i]);
      int adversarialClass = ArgMax.of(scores[i]);
      results.add(new AttackResult(images.get(i), adversarial, originalClass[i], (float) clean[originalClass[i]],
          adversarialClass, (float) after[adversarialClass], (float) after[originalClass[i]], !failing[i], steps[i],
          AttackResult.maxChange(images.get(i), adversarial)));
    }
    return results;
  }

  /** Rounds the moving images and stops those whose rounded version reaches the goal, keeping it. */
  private void stopFooled(List<float[]> current, List<float[]> originals, int[] originalClass, boolean[] moving, int w,
      int h) {
    List<float[]> rounded = new ArrayList<>(current.size());
    for (int i = 0; i < current.size(); i++) {
      rounded.add(round(current.get(i), originals.get(i)));
    }
    boolean[] failing = failing(scores(rounded, w, h), originalClass);
    for (int i = 0; i < current.size(); i++) {
      if (moving[i] && !failing[i]) {
        moving[i] = false;
        current.set(i, rounded.get(i));
      }
    }
  }

  /** One signed step of every image with {@code move[i]}, projected into the budget and the valid range. */
  private void step(List<float[]> current, List<float[]> originals, List<Target> targets, GradientRequest request,
      boolean[] move, int w, int h) {
    GradientRun run = runtime.runGradients(space.toBatch(current, w, h), request, targets);
    FloatTensor gradients = run.gradients().get(runtime.imageInput());
    double stepSize = settings.stepSize().levels();
    double eps = settings.epsilon().levels();
    for (int i = 0; i < current.size(); i++) {
      if (!move[i]) {
        continue;
      }
      float[] g = space.pixelGradient(gradients.item(i).data(), w, h);
      float[] x = current.get(i).clone();
      float[] x0 = originals.get(i);
      for (int k = 0; k < x.length; k++) {
        double moved = x[k] + stepSize * Math.signum(g[k]);
        x[k] = (float) project(moved, x0[k], eps);
      }
      current.set(i, x);
    }
  }

  /** {@code value} clipped to {@code [original - eps, original + eps]} and to {@code [0, 255]}. */
  static double project(double value, double original, double eps) {
    double v = Math.min(Math.max(value, original - eps), original + eps);
    return Math.min(Math.max(v, 0), 255);
  }

  /** Whole levels nearest to {@code x}, no further than {@code floor(eps)} from the (whole) original. */
  private float[] round(float[] x, float[] original) {
    int budget = settings.epsilon().wholeLevels();
    float[] out = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      double r = Math.rint(x[k]);
      out[k] = (float) project(r, original[k], budget);
    }
    return out;
  }

  private float[][] scores(List<float[]> pixels, int w, int h) {
    return runtime.scoreRows(space.toBatch(pixels, w, h), scoreTensor);
  }

  private boolean[] failing(float[][] scores, int[] originalClass) {
    boolean[] out = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int predicted = ArgMax.of(scores[i]);
      out[i] = settings.targeted() ? predicted != settings.targetClass() : predicted == originalClass[i];
    }
    return out;
  }

  private static boolean any(boolean[] flags) {
    for (boolean f : flags) {
      if (f) {
        return true;
      }
    }
    return false;
  }
}
