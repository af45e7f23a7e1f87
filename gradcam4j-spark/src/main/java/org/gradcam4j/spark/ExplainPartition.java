package org.gradcam4j.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.gradcam4j.ImageExplanation;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.render.RenderOptions;
import org.gradcam4j.runtime.DeviceUnavailableException;
import org.gradcam4j.targets.Target;

/**
 * Explains one partition in mini-batches with the executor's shared model. A batch that fails as a
 * whole is explained again image by image, so one bad image costs only its own rows.
 */
final class ExplainPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Everything a task needs, resolved on the driver. */
  record Settings(ModelSource model, List<String> methods, String methodSuffix, List<String> layers,
      String scoreTensor, String target, boolean counterfactual, PreprocessingValues preprocessing,
      int batchSize, String overlays, List<String> labels) implements Serializable {}

  private final Settings settings;
  private final StructType inputSchema;

  ExplainPartition(Settings settings, StructType inputSchema) {
    this.settings = settings;
    this.inputSchema = inputSchema;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    ImageInput input = ImageInput.of(inputSchema);
    ExecutorModels.Loaded model = ExecutorModels.get(settings.model());
    Iterator<ImageInput.Decoded> decoded = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public ImageInput.Decoded next() {
        return input.read(rows.next());
      }
    };
    return new Batches<>(decoded, settings.batchSize(), batch -> explainBatch(model, batch));
  }

  private List<Row> explainBatch(ExecutorModels.Loaded model, List<ImageInput.Decoded> batch) {
    List<ImageInput.Decoded> good = batch.stream().filter(ImageInput.Decoded::ok).toList();
    List<Row> explained = new ArrayList<>();
    try {
      explained.addAll(explain(model, good));
    } catch (DeviceUnavailableException e) {
      throw e;
    } catch (GradCamException | IllegalArgumentException | IllegalStateException e) {
      explained.clear();
      for (ImageInput.Decoded one : good) {
        try {
          explained.addAll(explain(model, List.of(one)));
        } catch (DeviceUnavailableException e2) {
          throw e2;
        } catch (GradCamException | IllegalArgumentException | IllegalStateException single) {
          for (String m : settings.methods()) {
            explained.add(ExplanationRows.failed(one.path(), name(m), one.decodeMs(), message(single)));
          }
        }
      }
    }
    // Keep the input order: failed images have their rows where they were.
    List<Row> out = new ArrayList<>();
    int next = 0;
    for (ImageInput.Decoded d : batch) {
      for (String m : settings.methods()) {
        out.add(d.ok() ? explained.get(next++) : ExplanationRows.failed(d.path(), name(m), d.decodeMs(), d.error()));
      }
    }
    return out;
  }

  /** Rows for images that decoded, in order, each image's methods together. */
  private List<Row> explain(ExecutorModels.Loaded model, List<ImageInput.Decoded> images) {
    if (images.isEmpty()) {
      return List.of();
    }
    List<RgbImage> pictures = images.stream().map(ImageInput.Decoded::image).toList();
    List<String> names = images.stream().map(ImageInput.Decoded::path).toList();
    Target base = Target.parse(settings.target());
    ImageExplanation request = model.explainer().explainImages(pictures, names)
        .preprocessing(settings.preprocessing().toPreprocessing())
        .methods(String.join(",", settings.methods()))
        .layers(settings.layers().toArray(String[]::new))
        .scoreTensor(settings.scoreTensor())
        .target(settings.counterfactual() ? base.counterfactual() : base)
        .options(MethodOptions.defaults().toBuilder().batchSize(settings.batchSize()).build())
        .batchSize(images.size());
    long t0 = System.nanoTime();
    List<ExplainedImage> results = request.runBatch(0, images.size());
    double perImage = (System.nanoTime() - t0) / 1e6 / images.size();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      ImageInput.Decoded d = images.get(i);
      for (String m : settings.methods()) {
        String overlay = settings.overlays() == null ? null : writeOverlay(results.get(i), m, d.path());
        rows.add(ExplanationRows.of(d.path(), name(m), results.get(i).explanation(m), settings.labels(),
            d.decodeMs(), perImage, overlay));
      }
    }
    return rows;
  }

  private String writeOverlay(ExplainedImage image, String method, String path) {
    byte[] png = PngWriter.encode(image.render(method, RenderOptions.defaults()));
    return OutputFiles.write(settings.overlays(), overlayName(path, name(method)), png);
  }

  /** {@code <file stem>-<hash of the full path>.<method>.png}: unique even for equal file names in other folders. */
  static String overlayName(String path, String method) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return stem + "-" + HexFormat.of().formatHex(digest, 0, 4) + "." + method + ".png";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String name(String method) {
    return method + settings.methodSuffix();
  }

  private static String message(RuntimeException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
