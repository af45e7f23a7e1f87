package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.targets.Detections;
import org.gradcam4j.targets.Regions;
import org.gradcam4j.targets.Sequences;
import org.gradcam4j.targets.Target;

/**
 * The {@code --target} forms, bound to the explained output's shape: each form fits some output
 * shapes, and one that does not fit is refused naming the output, its shape and the forms that do.
 *
 * <ul>
 *   <li>{@code top1}, {@code INT}: class scores [N, K];
 *   <li>{@code step:T[:C]}, {@code sequence}: sequences [N, T, K];
 *   <li>{@code region[:C][@x0,y0,x1,y1|@MASK.png]}: dense outputs [N, C, H, W];
 *   <li>{@code box:x0,y0,x1,y1[:C]}: YOLO-style raw detections [N, B, 5 + K], or the scores [N, B] of
 *       a boxes/scores/labels triple (chosen per image, see {@link #tripleLayout});
 *   <li>{@code similar-to:IMAGE}: any output (an embedding).
 * </ul>
 *
 * @param output the explained output's name
 * @param shape its shape, the batch dimension first
 * @param inputHeight the model input's height (region boxes and masks are given in input pixels)
 * @param inputWidth the model input's width
 * @param embed the output's values for another image (for similar-to)
 */
record TargetForms(String output, long[] shape, int inputHeight, int inputWidth, Function<Path, float[]> embed) {

  /** The binding of one --target text: a target for every image, or one chosen per image. */
  sealed interface Bound permits Fixed, PerImage {}

  /** One target for every image. */
  record Fixed(Target target) implements Bound {}

  /** A detection of a boxes/scores/labels triple, chosen per image from its boxes and labels. */
  record PerImage(float[] box, int label) implements Bound {}

  /** The item shape (without the batch dimension). */
  private long[] item() {
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  private String shapeText() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(i == 0 || shape[i] < 0 ? "N" : Long.toString(shape[i]));
    }
    return sb.append(']').toString();
  }

  /** Whether the output holds one score per class (all dimensions but one are 1). */
  private boolean isClassScores() {
    return Arrays.stream(item()).filter(d -> d != 1).count() <= 1;
  }

  private boolean isSequence() {
    return item().length == 2;
  }

  private boolean isDense() {
    return item().length == 3;
  }

  private boolean isYolo() {
    return item().length == 2 && item()[1] >= 6;
  }

  /** The --target forms that fit this output. */
  List<String> fitting() {
    List<String> forms = new ArrayList<>();
    if (isClassScores()) {
      forms.add("top1");
      forms.add("a class index (INT)");
      forms.add("box:x0,y0,x1,y1[:C] (the scores of a boxes/scores/labels detector)");
    }
    if (isSequence()) {
      forms.add("step:T[:C]");
      forms.add("sequence (with --per-token)");
    }
    if (isYolo()) {
      forms.add("box:x0,y0,x1,y1[:C] (YOLO-style raw detections [N, B, 5+K])");
    }
    if (isDense()) {
      forms.add("region[:C][@x0,y0,x1,y1|@MASK.png]");
    }
    forms.add("similar-to:IMAGE");
    return forms;
  }

  private GradCamException misfit(String text, String why) {
    return new GradCamException("--target " + text + " does not fit output '" + output + "' of shape " + shapeText()
        + ": " + why + ". Targets that fit it: " + String.join(", ", fitting())
        + (output == null ? "" : "; or pick another output with --output NAME"));
  }

  /** Binds a --target text (see the class comment). */
  Bound bind(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("top1") || lower.equals("top-1") || t.matches("\\d+")) {
      if (!isClassScores()) {
        throw misfit(text, "a class needs one score per class, [N, K]");
      }
      return new Fixed(Target.parse(t));
    }
    if (lower.startsWith("step:")) {
      if (!isSequence()) {
        throw misfit(text, "a step needs a sequence [N, T, K]");
      }
      int[] v = ints(text, t.substring(5), 1, 2);
      return new Fixed(Sequences.step(v[0], v.length > 1 ? v[1] : -1, (int) item()[0], (int) item()[1]));
    }
    if (lower.equals("sequence")) {
      if (!isSequence()) {
        throw misfit(text, "a sequence needs an output [N, T, K]");
      }
      throw new IllegalStateException("the sequence target is decoded per image (SequenceMaps)");
    }
    if (lower.startsWith("region")) {
      return new Fixed(region(text, t.substring("region".length())));
    }
    if (lower.startsWith("box:")) {
      return box(text, t.substring(4));
    }
    if (lower.startsWith("similar-to:")) {
      return new Fixed(Target.similarity(embed.apply(Path.of(t.substring("similar-to:".length())))));
    }
    throw new GradCamException("Invalid --target '" + text + "'. Forms: top1, a class index, step:T[:C], sequence,"
        + " region[:C][@x0,y0,x1,y1|@MASK.png], box:x0,y0,x1,y1[:C], similar-to:IMAGE."
        + " Those that fit output '" + output + "' of shape " + shapeText() + ": " + String.join(", ", fitting()));
  }

  /** Whether "sequence" is the target and fits. */
  boolean isSequenceTarget(String text) {
    if (!text.trim().equalsIgnoreCase("sequence")) {
      return false;
    }
    if (!isSequence()) {
      throw misfit(text, "a sequence needs an output [N, T, K]");
    }
    return true;
  }

  private Target region(String text, String rest) {
    if (!isDense()) {
      throw misfit(text, "a region needs a dense output [N, C, H, W]");
    }
    int classes = (int) item()[0];
    int h = (int) item()[1];
    int w = (int) item()[2];
    String spec = rest;
    String where = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      spec = rest.substring(0, at);
      where = rest.substring(at + 1);
    }
    // Class 0 is the background of most segmenters; a single channel is the foreground itself.
    int cls = classes == 1 ? 0 : 1;
    if (!spec.isEmpty()) {
      if (!spec.startsWith(":")) {
        throw new GradCamException("Invalid --target '" + text + "': use region[:C][@x0,y0,x1,y1|@MASK.png]");
      }
      cls = ints(text, spec.substring(1), 1, 1)[0];
    }
    if (cls < 0 || cls >= classes) {
      throw misfit(text, "class " + cls + " is not one of its " + classes + " channels (0.." + (classes - 1) + ")");
    }
    if (where == null) {
      return Regions.predicted(cls, classes, h, w);
    }
    if (where.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
      return Target.region(cls, classes, mask(Path.of(where), h, w));
    }
    int[] b = ints(text, where, 4, 4);
    // Input pixels to output pixels: the output covers the input at its own resolution.
    double sx = (double) w / inputWidth;
    double sy = (double) h / inputHeight;
    return Target.region(cls, classes, Regions.rectangle((int) Math.floor(b[0] * sx), (int) Math.floor(b[1] * sy),
        (int) Math.ceil(b[2] * sx), (int) Math.ceil(b[3] * sy), h, w));
  }

  /** A mask image scaled (nearest) to the output's grid; pixels brighter than mid-grey are in. */
  private static boolean[] mask(Path file, int h, int w) {
    RgbImage m = ImageDecoder.read(file);
    boolean[] mask = new boolean[h * w];
    boolean any = false;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int mx = Math.min(m.width() - 1, (int) ((x + 0.5) * m.width() / w));
        int my = Math.min(m.height() - 1, (int) ((y + 0.5) * m.height() / h));
        int o = (my * m.width() + mx) * 3;
        int sum = (m.pixels()[o] & 0xff) + (m.pixels()[o + 1] & 0xff) + (m.pixels()[o + 2] & 0xff);
        mask[y * w + x] = sum > 3 * 127;
        any |= mask[y * w + x];
      }
    }
    if (!any) {
      throw new GradCamException("The mask " + file + " has no pixel brighter than mid-grey: the region is empty");
    }
    return mask;
  }

  private Bound box(String text, String rest) {
    String[] parts = rest.split(":");
    if (parts.length > 2) {
      throw new GradCamException("Invalid --target '" + text + "': use box:x0,y0,x1,y1[:C]");
    }
    float[] box = floats(text, parts[0]);
    int label = parts.length > 1 ? ints(text, parts[1], 1, 1)[0] : -1;
    if (isYolo()) {
      return new Fixed(Detections.yolo(box, label, (int) item()[0], (int) item()[1]));
    }
    if (isClassScores()) {
      return new PerImage(box, label);
    }
    throw misfit(text, "a box needs YOLO-style raw detections [N, B, 5+K] or the scores [N, B] of a"
        + " boxes/scores/labels detector");
  }

  private static float[] floats(String text, String list) {
    String[] p = list.split(",");
    if (p.length != 4) {
      throw new GradCamException("Invalid --target '" + text + "': a box is x0,y0,x1,y1 (4 numbers)");
    }
    float[] v = new float[4];
    try {
      for (int i = 0; i < 4; i++) {
        v[i] = Float.parseFloat(p[i].trim());
      }
    } catch (NumberFormatException e) {
      throw new GradCamException("Invalid --target '" + text + "': '" + list + "' is not 4 numbers x0,y0,x1,y1");
    }
    return v;
  }

  private static int[] ints(String text, String list, int min, int max) {
    String[] p = list.split("[,:]");
    if (p.length < min || p.length > max) {
      throw new GradCamException("Invalid --target '" + text + "': expected " + (min == max ? min : min + " to " + max)
          + " whole numbers in '" + list + "'");
    }
    int[] v = new int[p.length];
    try {
      for (int i = 0; i < p.length; i++) {
        v[i] = Integer.parseInt(p[i].trim());
      }
    } catch (NumberFormatException e) {
      throw new GradCamException("Invalid --target '" + text + "': '" + list + "' is not whole numbers");
    }
    return v;
  }
}
