package org.gradcam4j.targets;

import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.ArgMax;

/**
 * What an explanation explains, per sample: the derivative of {@code sum(seed * scores)} is
 * back-propagated, so a target is a way to choose the seed row (and the weight of the top-scoring
 * class, which the compiled graph one-hot encodes itself so that "explain the prediction" costs a
 * single run).
 *
 * <p>A counterfactual target negates the seed: its map shows the evidence <em>against</em> the
 * class (Selvaraju et al. 2017, section 5.2).
 */
public interface Target {
  /** The seed for one sample. */
  record Seed(float[] weights, float top1Weight) {}

  /**
   * The seed row for a sample with {@code classCount} scores. {@code scores} holds the sample's scores
   * when {@link #needsScores()} is true, else it is {@code null}.
   */
  Seed seed(int classCount, float[] scores);

  /** Whether {@link #seed} needs the sample's scores, which costs a forward pass beforehand. */
  default boolean needsScores() {
    return false;
  }

  /** The class this target explains for a sample with these scores, or -1 when it is not one class. */
  default int explainedClass(float[] scores) {
    return -1;
  }

  /**
   * The value of the explained functional for a sample with these scores: {@code sum(seed * scores)}
   * (plus the top-1 weight times the highest score); targets whose functional is not linear (a
   * probability, a similarity) override it with the quantity itself.
   */
  default double value(float[] scores) {
    Seed s = seed(scores.length, scores);
    double v = s.top1Weight() == 0 ? 0 : s.top1Weight() * scores[ArgMax.of(scores)];
    for (int k = 0; k < scores.length; k++) {
      v += (double) s.weights()[k] * scores[k];
    }
    return v;
  }

  /** The same target with the sign of its seed flipped. */
  Target counterfactual();

  boolean isCounterfactual();

  /** Short description for reports, e.g. "top-1", "class 243", "counterfactual class 243". */
  String describe();

  /** Explain the class the model scores highest. */
  static Target topPrediction() {
    return new TopPrediction(false);
  }

  /** Explain class {@code index} of the score tensor. */
  static Target classIndex(int index) {
    return new ClassIndex(index, false);
  }

  /** Explain an arbitrary linear functional of the scores: {@code sum(weights * scores)}. */
  static Target weights(float[] weights) {
    return new Weights(weights.clone(), false);
  }

  /**
   * Explain the softmax probability of class {@code index} instead of its logit: the seed is the
   * gradient of {@code softmax(scores)[index]} with respect to the scores, {@code p_c (e_c - p)},
   * evaluated at the image's scores (a forward pass first). Explaining a probability also credits
   * evidence against the other classes.
   */
  static Target probability(int index) {
    return new Probability(index, false);
  }

  /**
   * Explain a segmentation output: the sum of class {@code index}'s scores over the pixels where
   * {@code mask} is true. The score tensor is [N, classes, H, W] and the mask has H * W entries.
   */
  static Target region(int index, int classes, boolean[] mask) {
    return new Region(index, classes, mask.clone(), false);
  }

  /**
   * Explain an embedding model: the cosine similarity between the image's embedding (the score
   * tensor, flattened) and {@code reference}, for example the embedding of a second image. The seed is
   * the similarity's gradient at the image's embedding (a forward pass first).
   */
  static Target similarity(float[] reference) {
    return new Similarity(reference.clone(), false);
  }

  /** Parses the CLI form: "top1" or a class index. */
  static Target parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("top1") || t.equalsIgnoreCase("top-1")) {
      return topPrediction();
    }
    try {
      return classIndex(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new GradCamException("Invalid target '" + text + "': use 'top1' or a class index such as 243");
    }
  }

  /** The arg-max class. */
  record TopPrediction(boolean isCounterfactual) implements Target {
    @Override
    public Seed seed(int classCount, float[] scores) {
      return new Seed(new float[classCount], isCounterfactual ? -1f : 1f);
    }

    @Override
    public int explainedClass(float[] scores) {
      return ArgMax.of(scores);
    }

    @Override
    public Target counterfactual() {
      return new TopPrediction(!isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "top-1";
    }
  }

  /** One class of the score tensor. */
  record ClassIndex(int index, boolean isCounterfactual) implements Target {
    @Override
    public Seed seed(int classCount, float[] scores) {
      checkClass(index, classCount);
      float[] w = new float[classCount];
      w[index] = isCounterfactual ? -1f : 1f;
      return new Seed(w, 0f);
    }

    @Override
    public int explainedClass(float[] scores) {
      return index;
    }

    @Override
    public Target counterfactual() {
      return new ClassIndex(index, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "class " + index;
    }
  }

  /** Fails unless {@code index} is a class of a score tensor with {@code classCount} values. */
  private static void checkClass(int index, int classCount) {
    if (index < 0 || index >= classCount) {
      throw new GradCamException("Class index " + index + " is out of range: the score tensor has "
          + classCount + " classes (0.." + (classCount - 1) + ")");
    }
  }

  /** A class's softmax probability (see {@link Target#probability}). */
  record Probability(int index, boolean isCounterfactual) implements Target {
    @Override
    public boolean needsScores() {
      return true;
    }

    @Override
    public Seed seed(int classCount, float[] scores) {
      checkClass(index, classCount);
      double[] p = org.gradcam4j.math.Softmax.of(scores);
      float[] w = new float[classCount];
      double pc = p[index];
      for (int k = 0; k < classCount; k++) {
        double grad = pc * ((k == index ? 1 : 0) - p[k]);
        w[k] = (float) (isCounterfactual ? -grad : grad);
      }
      return new Seed(w, 0f);
    }

    @Override
    public int explainedClass(float[] scores) {
      return index;
    }

    @Override
    public double value(float[] scores) {
      double p = org.gradcam4j.math.Softmax.of(scores)[index];
      return isCounterfactual ? -p : p;
    }

    @Override
    public Target counterfactual() {
      return new Probability(index, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "probability of class " + index;
    }
  }

  /** A class's scores summed over a region of a segmentation output (see {@link Target#region}). */
  record Region(int index, int classes, boolean[] mask, boolean isCounterfactual) implements Target {
    @Override
    public Seed seed(int classCount, float[] scores) {
      if (classCount != classes * mask.length) {
        throw new GradCamException("A region target for " + classes + " classes and a mask of " + mask.length
            + " pixels needs a score tensor of " + classes * mask.length + " values per image, not " + classCount);
      }
      if (index < 0 || index >= classes) {
        throw new GradCamException("Class index " + index + " is out of range (0.." + (classes - 1) + ")");
      }
      float[] w = new float[classCount];
      for (int p = 0; p < mask.length; p++) {
        if (mask[p]) {
          w[index * mask.length + p] = isCounterfactual ? -1f : 1f;
        }
      }
      return new Seed(w, 0f);
    }

    @Override
    public Target counterfactual() {
      return new Region(index, classes, mask, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "class " + index + " over a region";
    }
  }

  /** Cosine similarity to a reference embedding (see {@link Target#similarity}). */
  record Similarity(float[] reference, boolean isCounterfactual) implements Target {
    @Override
    public boolean needsScores() {
      return true;
    }

    @Override
    public Seed seed(int classCount, float[] scores) {
      if (reference.length != classCount) {
        throw new GradCamException("The reference embedding has " + reference.length
            + " values but the score tensor has " + classCount + " per image");
      }
      double dot = 0;
      double ee = 0;
      double rr = 0;
      for (int k = 0; k < classCount; k++) {
        dot += (double) scores[k] * reference[k];
        ee += (double) scores[k] * scores[k];
        rr += (double) reference[k] * reference[k];
      }
      double ne = Math.sqrt(ee);
      double nr = Math.sqrt(rr);
      if (ne == 0 || nr == 0) {
        throw new GradCamException("Cosine similarity is undefined for an all-zero embedding");
      }
      // d/de (e.r / (|e||r|)) = r / (|e||r|) - (e.r) e / (|e|^3 |r|)
      float[] w = new float[classCount];
      for (int k = 0; k < classCount; k++) {
        double grad = reference[k] / (ne * nr) - dot * scores[k] / (ne * ne * ne * nr);
        w[k] = (float) (isCounterfactual ? -grad : grad);
      }
      return new Seed(w, 0f);
    }

    @Override
    public double value(float[] scores) {
      double dot = 0;
      double ee = 0;
      double rr = 0;
      for (int k = 0; k < scores.length; k++) {
        dot += (double) scores[k] * reference[k];
        ee += (double) scores[k] * scores[k];
        rr += (double) reference[k] * reference[k];
      }
      double cos = dot / Math.sqrt(ee * rr);
      return isCounterfactual ? -cos : cos;
    }

    @Override
    public Target counterfactual() {
      return new Similarity(reference, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "similarity to a reference embedding";
    }
  }

  /** Any linear functional of the scores. */
  record Weights(float[] weights, boolean isCounterfactual) implements Target {
    @Override
    public Seed seed(int classCount, float[] scores) {
      if (weights.length != classCount) {
        throw new GradCamException("The target has " + weights.length + " weights but the score tensor has "
            + classCount + " values per sample");
      }
      float[] w = weights.clone();
      if (isCounterfactual) {
        for (int i = 0; i < w.length; i++) {
          w[i] = -w[i];
        }
      }
      return new Seed(w, 0f);
    }

    @Override
    public Target counterfactual() {
      return new Weights(weights, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "weighted scores";
    }
  }
}
