package org.gradcam4j.methods;

import java.util.Random;
import org.gradcam4j.Explainer;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.Models;

/**
 * Small networks built in Java for the method tests: a convolution ("conv") and ReLU (the layer
 * "features", [N, 6, 8, 8]), global average pooling and a linear classifier of 4 classes in one of several ONNX
 * forms, optionally with a second path from the image straight to the scores.
 */
final class TinyNets {
  static final int CHANNELS = 6;
  static final int CLASSES = 4;
  static final int SIZE = 8;
  static final String LAYER = "features";
  /** The convolution's output, before the ReLU: a second layer for multi-layer tests. */
  static final String CONV = "conv";

  /** How the classifier after the pooling is written. */
  enum Head {
    /** Gemm with transB = 1 (PyTorch's Linear). */
    GEMM_TRANSPOSED,
    /** Gemm with transB = 0 and alpha = 0.5. */
    GEMM_SCALED,
    /** MatMul followed by Add. */
    MATMUL_ADD,
    /** Reshape to [N, C, 1, 1], 1x1 Conv, Flatten (Keras MobileNet's conv_preds). */
    CONV_1X1
  }

  /** A built network and the weights W [class][channel] its classifier applies to the pooled layer. */
  record Net(OnnxModel model, float[][] classWeights) {
    Explainer explainer() {
      return Explainer.of(model, 1);
    }
  }

  private TinyNets() {}

  static Net gapNet(Head head, boolean imageSkipPath) {
    Random r = new Random(7);
    float[][] w = new float[CLASSES][CHANNELS];
    for (float[] row : w) {
      for (int k = 0; k < CHANNELS; k++) {
        row[k] = (float) r.nextGaussian();
      }
    }
    var proto = Models.single(17, new long[] {1, 3, SIZE, SIZE}, (b, x) -> {
      String cw = Models.weights(b, "conv_w", 1, 0.4f, CHANNELS, 3, 3, 3);
      String cb = b.initializer("conv_b", new long[] {CHANNELS}, new float[] {0.3f, 0.2f, 0.4f, 0.1f, 0.25f, 0.35f});
      String conv = b.node("Conv").inputs(x, cw, cb).attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1)
          .outputNamed(CONV);
      String features = b.node("Relu").inputs(conv).outputNamed(LAYER);
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", features)).attr("axis", 1L).output();
      String logits = classifier(b, head, flat, w);
      if (imageSkipPath) {
        String pooledImage = b.node("Flatten").inputs(b.op("GlobalAveragePool", x)).attr("axis", 1L).output();
        String v = Models.weights(b, "skip_w", 3, 1f, CLASSES, 3);
        String skip = b.node("Gemm").inputs(pooledImage, v).attr("transB", 1L).output();
        logits = b.add(logits, skip);
      }
      return logits;
    });
    return new Net(OnnxModel.of(proto, "tiny GAP network"), w);
  }

  private static String classifier(GraphBuilder b, Head head, String flat, float[][] w) {
    float[] bias = {0.5f, -0.25f, 0.75f, 0.1f};
    String biasName = b.initializer("cls_b", new long[] {CLASSES}, bias);
    switch (head) {
      case GEMM_TRANSPOSED: {
        String weights = b.initializer("cls_w", new long[] {CLASSES, CHANNELS}, flatten(w, false, 1f));
        return b.node("Gemm").inputs(flat, weights, biasName).attr("transB", 1L).output();
      }
      case GEMM_SCALED: {
        String weights = b.initializer("cls_w", new long[] {CHANNELS, CLASSES}, flatten(w, true, 2f));
        return b.node("Gemm").inputs(flat, weights, biasName).attr("alpha", 0.5f).output();
      }
      case MATMUL_ADD: {
        String weights = b.initializer("cls_w", new long[] {CHANNELS, CLASSES}, flatten(w, true, 1f));
        return b.add(b.op("MatMul", flat, weights), biasName);
      }
      case CONV_1X1: {
        String weights = b.initializer("cls_w", new long[] {CLASSES, CHANNELS, 1, 1}, flatten(w, false, 1f));
        String square = b.reshape(flat, b.constInts(0, CHANNELS, 1, 1));
        String conv = b.node("Conv").inputs(square, weights, biasName).attrInts("kernel_shape", 1, 1).output();
        return b.node("Flatten").inputs(conv).attr("axis", 1L).output();
      }
      default:
        throw new IllegalArgumentException(head.toString());
    }
  }

  /** W row-major as [K, C], or transposed as [C, K]; multiplied by {@code scale}. */
  private static float[] flatten(float[][] w, boolean transposed, float scale) {
    float[] v = new float[CLASSES * CHANNELS];
    for (int c = 0; c < CLASSES; c++) {
      for (int k = 0; k < CHANNELS; k++) {
        v[transposed ? k * CLASSES + c : c * CHANNELS + k] = w[c][k] * scale;
      }
    }
    return v;
  }

  /** {@code n} images of Gaussian noise, [n, 3, 8, 8]. */
  static FloatTensor images(long seed, int n) {
    Random r = new Random(seed);
    float[] v = new float[n * 3 * SIZE * SIZE];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return new FloatTensor(new long[] {n, 3, SIZE, SIZE}, v);
  }
}
