package org.gradcam4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;

/**
 * The built-in demo classifier: six 3x3 convolutions, each followed by batch normalisation and ReLU,
 * with 2x2 max pooling after the first, third and fifth, then global average pooling and one linear
 * layer, so that CAM applies as well as Grad-CAM. Input [N, 3, 64, 64] in the "inception" range
 * (-1..1), output "logits" [N, classes]; the last block's activation "features" (8x8) is the
 * natural target layer.
 *
 * <p>The same network is built in two forms: for inference, with the weights as initializers and
 * BatchNormalization nodes using running statistics; for training, with the weights as graph inputs
 * (so one compiled session serves every step) and batch normalisation written out with ordinary ops
 * over the batch statistics, which are also output so the running averages can be kept.
 */
public final class ShapesCnn {
  /** Target layer of the trained model. */
  public static final String FEATURES = "features";
  public static final String INPUT = "image";
  public static final String LOGITS = "logits";
  public static final int SIZE = 64;

  /**
   * Output channels, dilation, and whether a 2x2 max pooling follows, for each 3x3 convolution: three
   * poolings take 64x64 down to 8x8 for the last block, so its receptive field spans whole shapes.
   */
  private static final int[][] CONVS = {
    {32, 1, 1}, {48, 1, 0}, {48, 1, 1}, {96, 1, 0}, {96, 1, 1}, {128, 1, 0}
  };

  private final int classes;
  private final int[][] convs;

  /** The demo model's network. */
  public ShapesCnn(int classes) {
    this(classes, 1);
  }

  /**
   * The same network with every layer's channel count divided by {@code widthDivisor} (at least 4
   * channels), for studies that train several models and ship them small.
   */
  public ShapesCnn(int classes, int widthDivisor) {
    if (classes < 2 || widthDivisor < 1) {
      throw new IllegalArgumentException("need at least 2 classes and a width divisor of at least 1, got "
          + classes + " and " + widthDivisor);
    }
    this.classes = classes;
    this.convs = new int[CONVS.length][];
    for (int i = 0; i < CONVS.length; i++) {
      convs[i] = CONVS[i].clone();
      convs[i][0] = Math.max(4, CONVS[i][0] / widthDivisor);
    }
  }

  /** Parameter name to shape, in a fixed order. */
  public Map<String, long[]> parameterShapes() {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    long in = 3;
    for (int i = 0; i < convs.length; i++) {
      shapes.put("conv" + (i + 1) + ".weight", new long[] {convs[i][0], in, 3, 3});
      shapes.put("bn" + (i + 1) + ".scale", new long[] {convs[i][0]});
      shapes.put("bn" + (i + 1) + ".bias", new long[] {convs[i][0]});
      in = convs[i][0];
    }
    shapes.put("fc.weight", new long[] {classes, in});
    shapes.put("fc.bias", new long[] {classes});
    return shapes;
  }

  /** He-initialised weights (zero biases), reproducible from {@code seed}. */
  public Map<String, float[]> initialParameters(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, float[]> params = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : parameterShapes().entrySet()) {
      long[] s = e.getValue();
      int n = 1;
      for (long d : s) {
        n *= (int) d;
      }
      float[] v = new float[n];
      if (e.getKey().endsWith(".scale")) {
        java.util.Arrays.fill(v, 1f);
      } else if (e.getKey().endsWith(".weight")) {
        long fanIn = n / s[0];
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
          double u = 1 - random.nextDouble();
          double w = random.nextDouble();
          v[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w));
        }
      }
      params.put(e.getKey(), v);
    }
    return params;
  }

  /** Names of the running statistics of block {@code i} (1-based): mean and variance. */
  public static String runningMean(int i) {
    return "bn" + i + ".running_mean";
  }

  public static String runningVar(int i) {
    return "bn" + i + ".running_var";
  }

  /** Names of the batch statistics the training graph outputs for block {@code i}. */
  public static String batchMean(int i) {
    return "bn" + i + ".batch_mean";
  }

  public static String batchVar(int i) {
    return "bn" + i + ".batch_var";
  }

  public int blocks() {
    return convs.length;
  }

  /** Side of block {@code i}'s (1-based) feature map: halved after every pooling before it. */
  public int resolution(int block) {
    int size = SIZE;
    for (int k = 0; k < block - 1; k++) {
      if (convs[k][2] == 1) {
        size /= 2;
      }
    }
    return size;
  }

  /** Running statistics start at mean 0 and variance 1. */
  public Map<String, float[]> initialStatistics() {
    Map<String, float[]> stats = new LinkedHashMap<>();
    for (int i = 1; i <= convs.length; i++) {
      float[] ones = new float[convs[i - 1][0]];
      java.util.Arrays.fill(ones, 1f);
      stats.put(runningMean(i), new float[convs[i - 1][0]]);
      stats.put(runningVar(i), ones);
    }
    return stats;
  }

  /** The inference model with the given weights and running statistics. */
  public ModelProto inferenceModel(Map<String, float[]> params, Map<String, float[]> statistics) {
    GraphBuilder b = new GraphBuilder("shapes-cnn", 17);
    String x = b.input(INPUT, DataType.FLOAT, "N", 3L, (long) SIZE, (long) SIZE);
    for (Map.Entry<String, long[]> e : parameterShapes().entrySet()) {
      b.initializer(e.getKey(), e.getValue(), params.get(e.getKey()));
    }
    for (Map.Entry<String, float[]> e : statistics.entrySet()) {
      b.initializer(e.getKey(), new long[] {e.getValue().length}, e.getValue());
    }
    String logits = body(b, x, false);
    b.output(logits, DataType.FLOAT, "N", (long) classes);
    return b.buildModel();
  }

  /**
   * The training model: weights are inputs (after the image), and the output is the log-softmax of
   * the logits, so that the seed {@code -onehot(label) / N} makes the differentiated objective the
   * mean cross-entropy.
   */
  public ModelProto trainingModel(int batch) {
    GraphBuilder b = new GraphBuilder("shapes-cnn-training", 17);
    String x = b.input(INPUT, DataType.FLOAT, (long) batch, 3L, (long) SIZE, (long) SIZE);
    for (Map.Entry<String, long[]> e : parameterShapes().entrySet()) {
      Object[] dims = new Object[e.getValue().length];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = e.getValue()[i];
      }
      b.input(e.getKey(), DataType.FLOAT, dims);
    }
    String logits = body(b, x, true);
    String logProbabilities = b.node("LogSoftmax").inputs(logits).attr("axis", 1L).outputNamed("log_probabilities");
    b.output(logProbabilities, DataType.FLOAT, (long) batch, (long) classes);
    for (int i = 1; i <= convs.length; i++) {
      b.output(batchMean(i), DataType.FLOAT, (long) convs[i - 1][0]);
      b.output(batchVar(i), DataType.FLOAT, (long) convs[i - 1][0]);
    }
    return b.buildModel();
  }

  private String body(GraphBuilder b, String x, boolean training) {
    String h = x;
    for (int i = 0; i < convs.length; i++) {
      int block = i + 1;
      int dilation = convs[i][1];
      String conv = b.node("Conv").inputs(h, "conv" + block + ".weight")
          .attrInts("kernel_shape", 3, 3)
          .attrInts("dilations", dilation, dilation).attrInts("pads", dilation, dilation, dilation, dilation)
          .output("conv" + block);
      String normalised = training ? batchNorm(b, conv, block, convs[i][0])
          : b.node("BatchNormalization").inputs(conv, "bn" + block + ".scale", "bn" + block + ".bias",
              runningMean(block), runningVar(block)).attr("epsilon", EPSILON).output("bn" + block);
      h = i == convs.length - 1
          ? b.node("Relu").inputs(normalised).outputNamed(FEATURES)
          : b.node("Relu").inputs(normalised).output("relu" + block);
      if (convs[i][2] == 1) {
        h = b.node("MaxPool").inputs(h).attrInts("kernel_shape", 2, 2).attrInts("strides", 2, 2).output("pool" + block);
      }
    }
    String pooled = b.node("GlobalAveragePool").inputs(h).output("pooled");
    String flat = b.node("Flatten").inputs(pooled).attr("axis", 1L).output("flat");
    return b.node("Gemm").inputs(flat, "fc.weight", "fc.bias").attr("transB", 1L).outputNamed(LOGITS);
  }

  static final float EPSILON = 1e-5f;

  /**
   * Training-mode batch normalisation with ordinary ops, so the gradient compiler differentiates
   * through the batch statistics: {@code (z - mean) / sqrt(var + eps) * scale + bias}, statistics over
   * batch and space; mean and (biased) variance are also named outputs.
   */
  private static String batchNorm(GraphBuilder b, String z, int block, long channels) {
    long[] axes = {0, 2, 3};
    String mean = b.reduceMean(z, axes, true);
    String centred = b.sub(z, mean);
    String variance = b.reduceMean(b.mul(centred, centred), axes, true);
    b.node("Reshape").inputs(mean, b.constInts(-1)).outputNamed(batchMean(block));
    b.node("Reshape").inputs(variance, b.constInts(-1)).outputNamed(batchVar(block));
    String invStd = b.op("Reciprocal", b.op("Sqrt", b.add(variance, b.constScalar(EPSILON))));
    String perChannel = b.constInts(1, channels, 1, 1);
    String scale = b.reshape("bn" + block + ".scale", perChannel);
    String bias = b.reshape("bn" + block + ".bias", perChannel);
    return b.add(b.mul(b.mul(centred, invStd), scale), bias);
  }

  public List<String> parameterNames() {
    return new ArrayList<>(parameterShapes().keySet());
  }

  public int classes() {
    return classes;
  }
}
