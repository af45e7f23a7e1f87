package org.gradcam4j.bench;

import java.util.SplittableRandom;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;

/**
 * Well-known architectures with random weights, built in Java: what a network computes does not
 * depend on its weights, so these stand in for the real models in speed measurements (ResNet-50's
 * ONNX file is ~100 MB and cannot be shipped). They are also realistic test graphs: BatchNormalization,
 * MaxPool, residual Adds, Gemm.
 *
 * <p>Names accepted by {@link #byName}: {@code resnet50}, {@code resnet18}.
 */
public final class SyntheticModels {
  /** Prefix marking a synthetic model where a model file is expected, e.g. {@code random:resnet50}. */
  public static final String PREFIX = "random:";

  private SyntheticModels() {}

  public static boolean isSynthetic(String modelArgument) {
    return modelArgument.startsWith(PREFIX);
  }

  public static OnnxModel byName(String name) {
    String n = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
    return switch (n) {
      case "resnet50" -> OnnxModel.of(resnet(new int[] {3, 4, 6, 3}, true, 1), PREFIX + n);
      case "resnet18" -> OnnxModel.of(resnet(new int[] {2, 2, 2, 2}, false, 1), PREFIX + n);
      default -> throw new GradCamException("Unknown synthetic model '" + n + "'. Available: resnet50, resnet18");
    };
  }

  /**
   * A torchvision-style ResNet (v1.5: the stride sits in the 3x3 convolution), NCHW float input
   * "input" [N, 3, H, W], output "logits" [N, 1000]; BatchNormalization kept as separate nodes, as
   * PyTorch exports them.
   */
  public static org.gradcam4j.onnx.proto.Onnx.ModelProto resnet(int[] blocks, boolean bottleneck, long seed) {
    Builder b = new Builder(new GraphBuilder("resnet", 17), new SplittableRandom(seed));
    String x = b.g.input("input", DataType.FLOAT, "N", 3L, "H", "W");
    x = b.convBnRelu(x, 3, 64, 7, 2, 3, true, 1f);
    x = b.g.node("MaxPool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
        .attrInts("pads", 1, 1, 1, 1).output();
    int channels = 64;
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < 4; stage++) {
      for (int i = 0; i < blocks[stage]; i++) {
        int stride = stage > 0 && i == 0 ? 2 : 1;
        int out = bottleneck ? widths[stage] * 4 : widths[stage];
        x = bottleneck ? b.bottleneck(x, channels, widths[stage], out, stride)
            : b.basic(x, channels, out, stride);
        channels = out;
      }
    }
    String pooled = b.g.op("GlobalAveragePool", x);
    String flat = b.g.node("Flatten").inputs(pooled).attr("axis", 1L).output();
    String w = b.weights(new long[] {1000, channels}, channels);
    String bias = b.g.constFloats(new long[] {1000}, new float[1000]);
    String logits = b.g.node("Gemm").inputs(flat, w, bias).attr("transB", 1L).outputNamed("logits");
    b.g.output(logits, DataType.FLOAT, "N", 1000L);
    return b.g.buildModel();
  }

  private static final class Builder {
    final GraphBuilder g;
    final SplittableRandom random;

    Builder(GraphBuilder g, SplittableRandom random) {
      this.g = g;
      this.random = random;
    }

    String weights(long[] dims, long fanIn) {
      int n = 1;
      for (long d : dims) {
        n *= (int) d;
      }
      float[] v = new float[n];
      double std = Math.sqrt(2.0 / fanIn);
      for (int i = 0; i < n; i++) {
        v[i] = (float) (gaussian() * std);
      }
      return g.constFloats(dims, v);
    }

    private double gaussian() {
      // Box-Muller; SplittableRandom has no nextGaussian in Java 17
      double u = 1 - random.nextDouble();
      double w = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    String convBnRelu(String x, int in, int out, int k, int stride, int pad, boolean relu, float bnScale) {
      String w = weights(new long[] {out, in, k, k}, (long) in * k * k);
      String conv = g.node("Conv").inputs(x, w).attrInts("kernel_shape", k, k).attrInts("strides", stride, stride)
          .attrInts("pads", pad, pad, pad, pad).output();
      float[] scale = new float[out];
      float[] zeros = new float[out];
      float[] ones = new float[out];
      java.util.Arrays.fill(scale, bnScale);
      java.util.Arrays.fill(ones, 1f);
      long[] d = {out};
      String bn = g.node("BatchNormalization").inputs(conv, g.constFloats(d, scale), g.constFloats(d, zeros),
          g.constFloats(d, zeros), g.constFloats(d, ones)).output();
      return relu ? g.relu(bn) : bn;
    }

    String bottleneck(String x, int in, int width, int out, int stride) {
      String y = convBnRelu(x, in, width, 1, 1, 0, true, 1f);
      y = convBnRelu(y, width, width, 3, stride, 1, true, 1f);
      // A small last scale keeps activations bounded through 16 random residual blocks.
      y = convBnRelu(y, width, out, 1, 1, 0, false, 0.2f);
      String shortcut = stride != 1 || in != out ? convBnRelu(x, in, out, 1, stride, 0, false, 1f) : x;
      return g.relu(g.add(y, shortcut));
    }

    String basic(String x, int in, int out, int stride) {
      String y = convBnRelu(x, in, out, 3, stride, 1, true, 1f);
      y = convBnRelu(y, out, out, 3, 1, 1, false, 0.2f);
      String shortcut = stride != 1 || in != out ? convBnRelu(x, in, out, 1, stride, 0, false, 1f) : x;
      return g.relu(g.add(y, shortcut));
    }
  }
}
