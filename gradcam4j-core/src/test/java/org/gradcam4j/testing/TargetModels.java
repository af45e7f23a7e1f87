package org.gradcam4j.testing;

import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Small models whose outputs are not class scores, built in Java for the target tests and for the
 * pictures of docs/targets.md: a text recogniser with a CTC-style [N, T, K] output, a U-Net-like
 * segmenter, a YOLO-style detection head, a model with a second (non-image) input, an embedding
 * net, and a channels-last model with its channels-first twin.
 */
public final class TargetModels {
  private TargetModels() {}

  // ---------------------------------------------------------------- the text recogniser

  /** Image height and width of one time step's column band of the recogniser. */
  public static final int TEXT_HEIGHT = 30;
  public static final int BAND = 15;
  /** Time steps of the recogniser; its input is TEXT_HEIGHT x (STEPS * BAND). */
  public static final int STEPS = 8;
  /** The recogniser's symbols: index 0 is the CTC blank. */
  public static final String SYMBOLS = "_'-.|";

  /**
   * A CRNN-like text recogniser with hand-set weights, so that what it reads is known: a convolution
   * spanning the whole height measures each column's ink (1 - pixel value, pixels in [0, 1]) in its
   * top, middle and bottom third; a 1x1 convolution + Relu turns those into one detector per symbol
   * ("'" top only, "-" middle only, "." bottom only, "|" top and bottom) — the layer "detectors",
   * [N, 4, 1, W]; average pooling over each band of BAND columns gives one time step per band; a
   * MatMul gives the logits [N, STEPS, 5] with a constant logit for the blank. Each time step sees
   * only its own band, as the receptive fields of a real CRNN's steps mostly do.
   */
  public static ModelProto textRecognizer() {
    GraphBuilder b = new GraphBuilder("crnn", 17);
    int width = STEPS * BAND;
    String x = b.input("image", DataType.FLOAT, "N", 3, TEXT_HEIGHT, width);
    float[] thirds = new float[3 * 3 * TEXT_HEIGHT];
    int rowsPerThird = TEXT_HEIGHT / 3;
    for (int f = 0; f < 3; f++) {
      for (int c = 0; c < 3; c++) {
        for (int r = f * rowsPerThird; r < (f + 1) * rowsPerThird; r++) {
          thirds[(f * 3 + c) * TEXT_HEIGHT + r] = -1f / (3 * rowsPerThird);
        }
      }
    }
    String ink = b.node("Conv").inputs(x, b.initializer("thirds", new long[] {3, 3, TEXT_HEIGHT, 1}, thirds),
        b.initializer("thirds_bias", new long[] {3}, new float[] {1, 1, 1})).output("ink");
    // Rows: detectors of ' - . | ; columns: top, middle, bottom ink.
    float[] detect = {
        1, -1, -1,
        -1, 1, -1,
        -1, -1, 1,
        1, 0, 1};
    String detectors = b.relu(b.node("Conv").inputs(ink, b.initializer("detect", new long[] {4, 3, 1, 1}, detect),
        b.initializer("detect_bias", new long[] {4}, new float[] {0, 0, 0, -1})).output("detect"));
    String named = b.identityNamed(detectors, "detectors");
    String pooled = b.node("AveragePool").inputs(named).attrInts("kernel_shape", 1, BAND)
        .attrInts("strides", 1, BAND).output("bands");
    String steps = b.transpose(b.reshape(pooled, b.constInts(0, 4, STEPS)), 0, 2, 1);
    float[] readout = new float[4 * 5];
    for (int d = 0; d < 4; d++) {
      readout[d * 5 + d + 1] = 4f;
    }
    String logits = b.add(b.op("MatMul", steps, b.initializer("readout", new long[] {4, 5}, readout)),
        b.initializer("readout_bias", new long[] {5}, new float[] {0.5f, 0, 0, 0, 0}));
    b.identityNamed(logits, "logits");
    b.output("logits", DataType.FLOAT);
    return b.buildModel();
  }

  /**
   * An image [1, 3, TEXT_HEIGHT, STEPS * BAND] of {@code text} (symbols of {@link #SYMBOLS}, '_' or
   * ' ' for an empty band) written in a blocky bitmap font, one symbol per band, black on white.
   */
  public static FloatTensor textImage(String text) {
    int width = STEPS * BAND;
    float[] px = new float[3 * TEXT_HEIGHT * width];
    java.util.Arrays.fill(px, 1f);
    int third = TEXT_HEIGHT / 3;
    for (int i = 0; i < text.length() && i < STEPS; i++) {
      char ch = text.charAt(i);
      int x0 = i * BAND;
      int stroke0 = x0 + BAND / 3;
      int stroke1 = x0 + 2 * BAND / 3;
      switch (ch) {
        case '\'' -> ink(px, width, stroke0, stroke1, 0, third);
        case '-' -> ink(px, width, x0 + BAND / 6, x0 + 5 * BAND / 6, third, 2 * third);
        case '.' -> ink(px, width, stroke0, stroke1, 2 * third, TEXT_HEIGHT);
        case '|' -> ink(px, width, stroke0, stroke1, 0, TEXT_HEIGHT);
        case '_', ' ' -> { }
        default -> throw new IllegalArgumentException("no glyph for '" + ch + "'");
      }
    }
    return new FloatTensor(new long[] {1, 3, TEXT_HEIGHT, width}, px);
  }

  /** {@link #textImage} as an 8-bit RGB picture (pixel value 1 = 255). */
  public static org.gradcam4j.image.RgbImage textPicture(String text) {
    FloatTensor t = textImage(text);
    int h = TEXT_HEIGHT;
    int w = STEPS * BAND;
    byte[] rgb = new byte[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          rgb[(y * w + x) * 3 + c] = (byte) Math.round(255 * t.data()[(c * h + y) * w + x]);
        }
      }
    }
    return new org.gradcam4j.image.RgbImage(w, h, rgb);
  }

  private static void ink(float[] px, int width, int x0, int x1, int y0, int y1) {
    for (int c = 0; c < 3; c++) {
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          px[(c * TEXT_HEIGHT + y) * width + x] = 0f;
        }
      }
    }
  }

  // ---------------------------------------------------------------- dense, detection, embedding

  /**
   * A U-Net-like segmenter: Conv + Tanh, MaxPool, Conv + Tanh, Resize back up, concatenated with the
   * skip connection, 1x1 Conv to {@code classes} channels (a Sigmoid after it when there is one
   * channel, as text detectors' probability maps have). Input [N, 3, 8, 8], output "y" [N, classes, 8, 8].
   */
  public static ModelProto segmenter(int classes) {
    return Models.single(new long[] {1, 3, 8, 8}, (b, x) -> {
      String skip = b.op("Tanh", b.node("Conv").inputs(x, Models.weights(b, "enc", 11, 0.4f, 4, 3, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output("enc"));
      String down = b.node("MaxPool").inputs(skip).attrInts("kernel_shape", 2, 2).attrInts("strides", 2, 2).output();
      String mid = b.op("Tanh", b.node("Conv").inputs(down, Models.weights(b, "mid", 12, 0.4f, 4, 4, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output("mid"));
      String up = b.node("Resize").inputs(mid, "", b.constFloats(new long[] {4}, new float[] {1, 1, 2, 2}))
          .attr("mode", "nearest").output();
      String cat = b.node("Concat").inputs(skip, up).attr("axis", 1L).output();
      String head = b.node("Conv").inputs(cat, Models.weights(b, "head", 13, 0.8f, classes, 8, 1, 1)).output();
      return classes == 1 ? b.op("Sigmoid", head) : head;
    });
  }

  /** Boxes per image of {@link #detector()}. */
  public static final int BOXES = 16;
  /** Classes of {@link #detector()}. */
  public static final int DETECTOR_CLASSES = 3;

  /**
   * A YOLO-style detection head with raw output "y" [N, 16, 5 + 3]: a Conv + Tanh backbone, MaxPool
   * to a 4x4 grid, a 1x1 Conv to 8 channels, Sigmoid, then per cell: centre x and y (the cell's
   * position plus an offset, in input pixels), width and height (up to 16 pixels), objectness and
   * three class scores. Input [N, 3, 16, 16].
   */
  public static ModelProto detector() {
    return Models.single(new long[] {1, 3, 16, 16}, (b, x) -> {
      String f = b.op("Tanh", b.node("Conv").inputs(x, Models.weights(b, "backbone", 21, 0.5f, 6, 3, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output("backbone"));
      String grid = b.node("MaxPool").inputs(f).attrInts("kernel_shape", 4, 4).attrInts("strides", 4, 4).output();
      String raw = b.op("Sigmoid", b.node("Conv").inputs(grid, Models.weights(b, "head", 22, 1.5f, 8, 6, 1, 1))
          .output("head"));
      String cells = b.transpose(b.reshape(raw, b.constInts(0, 8, BOXES)), 0, 2, 1);
      float[] scale = {8, 8, 16, 16, 1, 1, 1, 1};
      float[] offset = new float[BOXES * 8];
      for (int cell = 0; cell < BOXES; cell++) {
        offset[cell * 8] = (cell % 4) * 4 - 2;
        offset[cell * 8 + 1] = (cell / 4) * 4 - 2;
      }
      return b.add(b.mul(cells, b.constFloats(new long[] {8}, scale)), b.constFloats(new long[] {BOXES, 8}, offset));
    });
  }

  /**
   * {@link #detector()} with torchvision-style outputs: "boxes" [N, 16, 4] (corners x0, y0, x1, y1),
   * "scores" [N, 16] (objectness x best class score) and "labels" [N, 16] (the best class, as float).
   */
  public static ModelProto detectorTriples() {
    ModelProto raw = detector();
    GraphBuilder b = new GraphBuilder(raw.getGraph().toBuilder().clearOutput().build(), 17);
    String y = "y";
    String centre = b.node("Slice").inputs(y, b.constInts(0), b.constInts(2), b.constInts(2)).output();
    String size = b.node("Slice").inputs(y, b.constInts(2), b.constInts(4), b.constInts(2)).output();
    String half = b.mul(size, b.constScalar(0.5f));
    String boxes = b.node("Concat").inputs(b.sub(centre, half), b.add(centre, half)).attr("axis", 2L).output();
    String obj = b.node("Slice").inputs(y, b.constInts(4), b.constInts(5), b.constInts(2)).output();
    String cls = b.node("Slice").inputs(y, b.constInts(5), b.constInts(8), b.constInts(2)).output();
    String best = b.reduceMax(cls, new long[] {2}, true);
    String scores = b.reshape(b.mul(obj, best), b.constInts(0, BOXES));
    String labels = b.node("Cast").inputs(b.node("ArgMax").inputs(cls).attr("axis", 2L).attr("keepdims", 0L).output())
        .attr("to", 1L).output();
    b.identityNamed(boxes, "boxes");
    b.identityNamed(scores, "scores");
    b.identityNamed(labels, "labels");
    b.output("boxes", DataType.FLOAT).output("scores", DataType.FLOAT).output("labels", DataType.FLOAT);
    return b.buildModel();
  }

  /** An embedding net: Conv + Tanh, GlobalAveragePool, Gemm to an embedding "y" [N, 8]. Input [N, 3, 8, 8]. */
  public static ModelProto embedder() {
    return Models.single(new long[] {1, 3, 8, 8}, (b, x) -> {
      String c = b.op("Tanh", b.node("Conv").inputs(x, Models.weights(b, "w", 31, 0.4f, 6, 3, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output("features"));
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", c)).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "fc", 32, 1.0f, 8, 6)).attr("transB", 1L).output();
    });
  }

  /**
   * A VQA-style model with two inputs: "image" [N, 3, 8, 8] and "question" [N, 4] (an encoded
   * question). Image features (Conv + Tanh, GlobalAveragePool) are multiplied by a projection of the
   * question and scored: "answer" [N, 5].
   */
  public static ModelProto twoInputs() {
    GraphBuilder b = new GraphBuilder("vqa", 17);
    String image = b.input("image", DataType.FLOAT, "N", 3, 8, 8);
    String question = b.input("question", DataType.FLOAT, "N", 4);
    String c = b.op("Tanh", b.node("Conv").inputs(image, Models.weights(b, "w", 41, 0.4f, 6, 3, 3, 3))
        .attrInts("pads", 1, 1, 1, 1).output("features"));
    String pooled = b.node("Flatten").inputs(b.op("GlobalAveragePool", c)).output();
    String q = b.node("Gemm").inputs(question, Models.weights(b, "q", 42, 1.0f, 6, 4)).attr("transB", 1L).output();
    String joint = b.mul(pooled, q);
    String answer = b.node("Gemm").inputs(joint, Models.weights(b, "a", 43, 1.0f, 5, 6)).attr("transB", 1L).output();
    b.identityNamed(answer, "answer");
    b.output("answer", DataType.FLOAT);
    return b.buildModel();
  }

  // ---------------------------------------------------------------- channel layouts

  /**
   * A classifier with a channels-last input "x" [N, 8, 8, 3], as Keras/TensorFlow exports have: a
   * Transpose to NCHW, then the layers of {@link #channelsFirstTwin()} with the same weights.
   */
  public static ModelProto channelsLast() {
    GraphBuilder b = new GraphBuilder("nhwc", 13);
    String x = b.input("x", DataType.FLOAT, "N", 8, 8, 3);
    classifierBody(b, b.transpose(x, 0, 3, 1, 2));
    return b.buildModel();
  }

  /** The channels-first classifier "x" [N, 3, 8, 8] -> "y" [N, 5] that {@link #channelsLast()} wraps. */
  public static ModelProto channelsFirstTwin() {
    GraphBuilder b = new GraphBuilder("nchw", 13);
    classifierBody(b, b.input("x", DataType.FLOAT, "N", 3, 8, 8));
    return b.buildModel();
  }

  private static void classifierBody(GraphBuilder b, String nchw) {
    String c = b.relu(b.node("Conv").inputs(nchw, Models.weights(b, "w", 51, 0.4f, 6, 3, 3, 3))
        .attrInts("pads", 1, 1, 1, 1).output("conv"));
    String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", c)).output();
    String y = b.node("Gemm").inputs(flat, Models.weights(b, "fc", 52, 1.0f, 5, 6)).attr("transB", 1L).output();
    b.identityNamed(y, "y");
    b.output("y", DataType.FLOAT);
  }
}
