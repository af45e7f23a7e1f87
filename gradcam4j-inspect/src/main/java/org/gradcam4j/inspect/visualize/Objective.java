package org.gradcam4j.inspect.visualize;

import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.TensorShape;

/**
 * What gradient ascent maximises, as a linear functional of one tensor: the compiled graph
 * back-propagates {@code sum(seed * tensor)}, so every objective is a tensor plus a seed over its
 * flattened values per image. DeepDream's squared norm is made linear by a small head appended to the
 * model ({@link ObjectiveModel}): a tensor holding {@code sum(layer^2)}, seeded with 1/2.
 */
public sealed interface Objective {
  /** Where the objective lives: {@code null} for the model's score tensor, else a layer tensor. */
  String layer();

  /** The seed over the flattened values of the (possibly derived) score tensor of one image. */
  float[] seed(TensorShape shape);

  /** Short description for file names and reports, e.g. "class-243", "channel-conv1-5". */
  String slug();

  /** Description for reports, e.g. "class 243", "channel 5 of conv1". */
  String describe();

  /** The logit of class {@code index}. */
  static Objective classLogit(int index) {
    return new ClassLogit(index);
  }

  /** The mean of one channel of a layer over its H x W positions. */
  static Objective channel(String layer, int channel) {
    return new Channel(layer, channel);
  }

  /** One unit of a layer: channel {@code c} at row {@code y}, column {@code x}. */
  static Objective neuron(String layer, int channel, int y, int x) {
    return new Neuron(layer, channel, y, x);
  }

  /** DeepDream: half the squared L2 norm of a whole layer. */
  static Objective dream(String layer) {
    return new Dream(layer);
  }

  /** The sum of several objectives on the same tensor (e.g. two channels of one layer). */
  static Objective sum(List<Objective> parts) {
    return new Sum(List.copyOf(parts));
  }

  /** Class logit. */
  record ClassLogit(int index) implements Objective {
    @Override
    public String layer() {
      return null;
    }

    @Override
    public float[] seed(TensorShape shape) {
      int classes = Math.toIntExact(shape.elementCountFrom(1));
      if (index < 0 || index >= classes) {
        throw new GradCamException("Class index " + index + " is out of range: the model has " + classes
            + " classes (0.." + (classes - 1) + ")");
      }
      float[] w = new float[classes];
      w[index] = 1f;
      return w;
    }

    @Override
    public String slug() {
      return "class-" + index;
    }

    @Override
    public String describe() {
      return "class " + index;
    }
  }

  /** Channel mean. */
  record Channel(String layer, int channel) implements Objective {
    @Override
    public float[] seed(TensorShape shape) {
      int[] chw = Objectives.channelsHeightWidth(shape, layer);
      Objectives.checkChannel(layer, channel, chw[0]);
      int plane = chw[1] * chw[2];
      float[] w = new float[chw[0] * plane];
      java.util.Arrays.fill(w, channel * plane, (channel + 1) * plane, 1f / plane);
      return w;
    }

    @Override
    public String slug() {
      return "channel-" + Objectives.safe(layer) + "-" + channel;
    }

    @Override
    public String describe() {
      return "channel " + channel + " of " + layer;
    }
  }

  /** One unit. */
  record Neuron(String layer, int channel, int y, int x) implements Objective {
    @Override
    public float[] seed(TensorShape shape) {
      int[] chw = Objectives.channelsHeightWidth(shape, layer);
      Objectives.checkChannel(layer, channel, chw[0]);
      if (y < 0 || y >= chw[1] || x < 0 || x >= chw[2]) {
        throw new GradCamException("Position (" + y + ", " + x + ") is outside layer " + layer + ", which is "
            + chw[1] + " x " + chw[2] + " (rows 0.." + (chw[1] - 1) + ", columns 0.." + (chw[2] - 1) + ")");
      }
      float[] w = new float[chw[0] * chw[1] * chw[2]];
      w[(channel * chw[1] + y) * chw[2] + x] = 1f;
      return w;
    }

    @Override
    public String slug() {
      return "neuron-" + Objectives.safe(layer) + "-" + channel + "-" + y + "-" + x;
    }

    @Override
    public String describe() {
      return "neuron " + channel + " at (" + y + ", " + x + ") of " + layer;
    }
  }

  /** DeepDream; its tensor is the squared-norm head, one value per image. */
  record Dream(String layer) implements Objective {
    @Override
    public float[] seed(TensorShape shape) {
      return new float[] {0.5f};
    }

    @Override
    public String slug() {
      return "dream-" + Objectives.safe(layer);
    }

    @Override
    public String describe() {
      return "DeepDream on " + layer;
    }
  }

  /** Sum of objectives on one tensor. */
  record Sum(List<Objective> parts) implements Objective {
    public Sum {
      if (parts.isEmpty()) {
        throw new GradCamException("A sum of objectives needs at least one objective");
      }
      String first = parts.get(0).layer();
      for (Objective p : parts) {
        if (p instanceof Dream || !java.util.Objects.equals(first, p.layer())) {
          throw new GradCamException("Only objectives on the same tensor add up (class logits with class logits,"
              + " channels and neurons of one layer); got " + parts.get(0).describe() + " and " + p.describe());
        }
      }
    }

    @Override
    public String layer() {
      return parts.get(0).layer();
    }

    @Override
    public float[] seed(TensorShape shape) {
      float[] total = null;
      for (Objective p : parts) {
        float[] s = p.seed(shape);
        if (total == null) {
          total = s;
        } else {
          for (int i = 0; i < s.length; i++) {
            total[i] += s[i];
          }
        }
      }
      return total;
    }

    @Override
    public String slug() {
      return String.join("+", parts.stream().map(Objective::slug).toList());
    }

    @Override
    public String describe() {
      return String.join(" + ", parts.stream().map(Objective::describe).toList());
    }
  }
}
