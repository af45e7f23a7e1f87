package org.gradcam4j.targets;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.ArgMax;

/**
 * Sequence outputs [N, T, K] (a score per time step and symbol, as text recognisers and CTC heads
 * produce): greedy decoding and the targets that explain one step, one decoded token or the whole
 * decoded sequence.
 */
public final class Sequences {
  private Sequences() {}

  /**
   * A decoded token: symbol {@code symbol} read at steps {@code firstStep..lastStep} (a run of steps
   * whose arg-max is that symbol), with {@code score}, the sum of its scores over those steps: the
   * value of the functional its map explains.
   */
  public record Token(int symbol, int firstStep, int lastStep, float score) {}

  /**
   * Greedy CTC decoding of one sample's scores [T, K]: the arg-max symbol of every step, repeats
   * collapsed into one token, the blank symbol dropped (a blank between two equal symbols separates
   * two tokens).
   */
  public static List<Token> greedyDecode(float[] scores, int steps, int classes, int blank) {
    checkShape(scores.length, steps, classes);
    if (blank < 0 || blank >= classes) {
      throw new GradCamException("The blank symbol " + blank + " is not one of the output's " + classes
          + " symbols (0.." + (classes - 1) + ")");
    }
    List<Token> tokens = new ArrayList<>();
    int previous = -1;
    for (int t = 0; t < steps; t++) {
      int best = ArgMax.of(scores, t * classes, (t + 1) * classes) - t * classes;
      float score = scores[t * classes + best];
      if (best != blank && best == previous) {
        Token last = tokens.remove(tokens.size() - 1);
        tokens.add(new Token(best, last.firstStep(), t, last.score() + score));
      } else if (best != blank) {
        tokens.add(new Token(best, t, t, score));
      }
      previous = best;
    }
    return tokens;
  }

  /** Explain symbol {@code symbol} (-1: the step's arg-max) at step {@code step}. */
  public static Target step(int step, int symbol, int steps, int classes) {
    return new Span(step, step, symbol, steps, classes, false);
  }

  /** Explain one decoded token: its symbol's scores summed over the steps that read it. */
  public static Target token(Token token, int steps, int classes) {
    return new Span(token.firstStep(), token.lastStep(), token.symbol(), steps, classes, false);
  }

  /**
   * Explain a decoded sequence given its tokens: the sum of their functionals. The same functional
   * as {@link #sequence} at the image the tokens were decoded from, without a forward pass first.
   */
  public static Target decoded(List<Token> tokens, int steps, int classes) {
    float[] w = new float[steps * classes];
    for (Token token : tokens) {
      Target.Seed s = token(token, steps, classes).seed(steps * classes, null);
      for (int i = 0; i < w.length; i++) {
        w[i] += s.weights()[i];
      }
    }
    return new Fixed(w, tokens.size(), false);
  }

  /**
   * Explain the whole greedy-decoded sequence: the sum over the steps whose arg-max is not the blank
   * of that arg-max's score, i.e. the sum of the functionals of all its tokens.
   */
  public static Target sequence(int steps, int classes, int blank) {
    return new Decoded(steps, classes, blank, false);
  }

  private static void checkShape(int length, int steps, int classes) {
    if (length != steps * classes) {
      throw new GradCamException("A sequence target for " + steps + " steps of " + classes
          + " symbols needs " + steps * classes + " scores per image, the output has " + length);
    }
  }

  /** Symbol {@code symbol} (or each step's arg-max when -1) summed over steps {@code first..last}. */
  record Span(int first, int last, int symbol, int steps, int classes, boolean isCounterfactual) implements Target {
    Span {
      if (first < 0 || last >= steps || first > last) {
        throw new GradCamException("Step " + (first < 0 || first >= steps ? first : last)
            + " is out of range: the output has " + steps + " steps (0.." + (steps - 1) + ")");
      }
      if (symbol < -1 || symbol >= classes) {
        throw new GradCamException("Symbol " + symbol + " is out of range: the output has " + classes
            + " symbols per step (0.." + (classes - 1) + ")");
      }
    }

    @Override
    public boolean needsScores() {
      return symbol < 0;
    }

    @Override
    public Seed seed(int classCount, float[] scores) {
      checkShape(classCount, steps, classes);
      float[] w = new float[classCount];
      for (int t = first; t <= last; t++) {
        int s = symbol >= 0 ? symbol : ArgMax.of(scores, t * classes, (t + 1) * classes) - t * classes;
        w[t * classes + s] = isCounterfactual ? -1f : 1f;
      }
      return new Seed(w, 0f);
    }

    @Override
    public Target counterfactual() {
      return new Span(first, last, symbol, steps, classes, !isCounterfactual);
    }

    @Override
    public String describe() {
      String steps = first == last ? "step " + first : "steps " + first + "-" + last;
      return (isCounterfactual ? "counterfactual " : "") + (symbol < 0 ? "top-1" : "symbol " + symbol)
          + " at " + steps;
    }
  }

  /** Tokens decoded beforehand (see {@link Sequences#decoded}). */
  record Fixed(float[] weights, int tokens, boolean isCounterfactual) implements Target {
    @Override
    public Seed seed(int classCount, float[] scores) {
      checkShape(classCount, 1, weights.length);
      float[] w = weights.clone();
      for (int i = 0; i < w.length && isCounterfactual; i++) {
        w[i] = -w[i];
      }
      return new Seed(w, 0f);
    }

    @Override
    public Target counterfactual() {
      return new Fixed(weights, tokens, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "decoded sequence of " + tokens + " tokens";
    }
  }

  /** The greedy-decoded sequence (see {@link Sequences#sequence}). */
  record Decoded(int steps, int classes, int blank, boolean isCounterfactual) implements Target {
    @Override
    public boolean needsScores() {
      return true;
    }

    @Override
    public Seed seed(int classCount, float[] scores) {
      checkShape(classCount, steps, classes);
      float[] w = new float[classCount];
      for (Token token : greedyDecode(scores, steps, classes, blank)) {
        for (int t = token.firstStep(); t <= token.lastStep(); t++) {
          w[t * classes + token.symbol()] = isCounterfactual ? -1f : 1f;
        }
      }
      return new Seed(w, 0f);
    }

    @Override
    public Target counterfactual() {
      return new Decoded(steps, classes, blank, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "decoded sequence (blank " + blank + ")";
    }
  }
}
