package org.gradcam4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * A fluent request to explain images (files or decoded images) with a loaded {@link Explainer}:
 * choose methods, layer, target and pre-processing, then {@link #run()}.
 *
 * <pre>{@code
 * try (Explainer explainer = Explainer.load(Path.of("resnet50.onnx"))) {
 *   List<ExplainedImage> result = explainer.explainFiles(List.of(Path.of("cat.jpg")))
 *       .preprocessing(Preprocessing.preset("imagenet"))
 *       .methods("gradcam", "guided-gradcam")
 *       .target(Target.classIndex(281))
 *       .run();
 *   PngWriter.write(Path.of("cat.gradcam.png"), result.get(0).render("gradcam"));
 * }
 * }</pre>
 */
public final class ImageExplanation {
  private final Explainer explainer;
  private final List<String> names;
  private final List<Path> files;
  private final List<RgbImage> images;
  private Preprocessing preprocessing = Preprocessing.preset("imagenet");
  private List<ExplanationMethod> methods = List.of(Methods.byName("gradcam"));
  private List<String> layers = List.of();
  private String scoreTensor;
  private List<Target> targets = List.of(Target.topPrediction());
  private MethodOptions options = MethodOptions.defaults();
  private int batchSize = 8;

  ImageExplanation(Explainer explainer, List<String> names, List<Path> files, List<RgbImage> images) {
    this.explainer = explainer;
    this.names = List.copyOf(names);
    this.files = files;
    this.images = images;
  }

  public ImageExplanation preprocessing(Preprocessing p) {
    this.preprocessing = p;
    return this;
  }

  public ImageExplanation methods(String... methodNames) {
    List<ExplanationMethod> list = new ArrayList<>();
    for (String n : methodNames) {
      list.addAll(Methods.parseList(n));
    }
    this.methods = list;
    return this;
  }

  public ImageExplanation methods(List<ExplanationMethod> m) {
    this.methods = List.copyOf(m);
    return this;
  }

  /** Target layer(s): tensor or node names; several are fused. None means the model's default. */
  public ImageExplanation layers(String... layerNames) {
    this.layers = List.of(layerNames);
    return this;
  }

  public ImageExplanation scoreTensor(String tensor) {
    this.scoreTensor = tensor;
    return this;
  }

  /** One target for every image. */
  public ImageExplanation target(Target t) {
    this.targets = List.of(t);
    return this;
  }

  /** One target per image, in order. */
  public ImageExplanation targets(List<Target> t) {
    if (t.size() != names.size()) {
      throw new GradCamException("Got " + t.size() + " targets for " + names.size() + " images");
    }
    this.targets = List.copyOf(t);
    return this;
  }

  public ImageExplanation options(MethodOptions o) {
    this.options = o;
    return this;
  }

  /** Images per run (default 8). */
  public ImageExplanation batchSize(int n) {
    if (n < 1) {
      throw new GradCamException("The batch size must be at least 1, got " + n);
    }
    this.batchSize = n;
    return this;
  }

  /** Decodes, pre-processes and explains the images, in batches; returns them in order. */
  public List<ExplainedImage> run() {
    List<ExplainedImage> out = new ArrayList<>();
    for (int start = 0; start < names.size(); start += batchSize) {
      int end = Math.min(names.size(), start + batchSize);
      out.addAll(runBatch(start, end));
    }
    return out;
  }

  /** Explains images {@code start} (inclusive) to {@code end} (exclusive) only. */
  public List<ExplainedImage> runBatch(int start, int end) {
    List<RgbImage> inputs = new ArrayList<>();
    for (int i = start; i < end; i++) {
      RgbImage original = images != null ? images.get(i) : ImageDecoder.read(files.get(i));
      inputs.add(preprocessing.resizeAndCrop(original));
    }
    FloatTensor batch = FloatTensor.stack(inputs.stream().map(preprocessing::normalize).toList());
    ExplainRequest request = new ExplainRequest(methods, layers, scoreTensor,
        targets.size() == 1 ? targets : targets.subList(start, end), options);
    Map<String, List<Explanation>> results = explainer.explainAll(batch, request);
    List<ExplainedImage> out = new ArrayList<>();
    for (int i = start; i < end; i++) {
      Map<String, Explanation> byMethod = new LinkedHashMap<>();
      for (ExplanationMethod m : methods) {
        byMethod.put(m.name(), results.get(m.name()).get(i - start));
      }
      out.add(new ExplainedImage(names.get(i), inputs.get(i - start), byMethod));
    }
    return out;
  }

  /** Number of images in the request. */
  public int size() {
    return names.size();
  }
}
