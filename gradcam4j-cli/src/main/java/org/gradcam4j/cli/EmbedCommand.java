package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.embed.render.EmbeddingOutputs;
import org.gradcam4j.inspect.embed.Embeddings;
import org.gradcam4j.inspect.embed.FeatureExtractor;
import org.gradcam4j.inspect.embed.Metric;
import org.gradcam4j.inspect.embed.NeighbourIndex;
import org.gradcam4j.inspect.embed.map.MapMethod;
import org.gradcam4j.inspect.embed.render.Pages;
import org.gradcam4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j embed}: feature vectors of a folder of images, their neighbours and 2-D maps. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = {
      "Turns every image below a folder into a feature vector (the last spatial layer, global-average-pooled,"
          + " or any tensor by --layer) and writes features.npy with index.csv (file, label = the image's"
          + " folder name or from --labels), a 2-D map (t-SNE, UMAP or PCA) as a scatter PNG coloured by label,"
          + " a PNG of the images at their positions and an HTML page that shows each point's image on hover,"
          + " the files the TensorBoard projector loads (projector/), and for each --query image its k nearest"
          + " images (neighbours.png and neighbours.html)."
    })
final class EmbedCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = "--images", required = true, paramLabel = "DIR|synthetic",
      description = "Folder of images (.png, .jpg, .jpeg), sub-folders included; an image's label is the name"
          + " of the folder it is in. 'synthetic' draws --count images of the built-in shape benchmark into"
          + " OUT/synthetic-images/<class>/ and uses those.")
  String imagesArg;

  Path images;

  @Option(names = "--count", defaultValue = "2000", paramLabel = "N",
      description = "Images to draw with --images synthetic (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--layer", paramLabel = "TENSOR",
      description = "Tensor or node whose output is the feature vector (default: the last spatial layer). A 4-D"
          + " tensor is averaged over its spatial positions; any other is taken as it is.")
  String layer;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "CSV or TSV lines 'file,label' (file relative to --images, or its bare name) instead of"
          + " folder names.")
  Path labelsFile;

  @Option(names = "--map", defaultValue = "tsne", paramLabel = "METHOD",
      description = "2-D map: tsne (Barnes-Hut), umap, pca or none (default: ${DEFAULT-VALUE}).")
  String map;

  @Option(names = "--query", paramLabel = "IMG", arity = "1..*",
      description = "Image(s) whose nearest neighbours among --images to show.")
  List<Path> queries;

  @Option(names = "-k", defaultValue = "10", paramLabel = "N", description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--metric", defaultValue = "cosine", paramLabel = "NAME",
      description = "Distance for neighbours: cosine or l2 (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--index", defaultValue = "auto", paramLabel = "KIND",
      description = "Neighbour search: exact, hnsw, or auto (exact up to " + NeighbourIndex.HNSW_THRESHOLD
          + " images, HNSW above; default: ${DEFAULT-VALUE}).")
  String index;

  @Option(names = "--no-projector", description = "Do not write the TensorBoard projector files.")
  boolean noProjector;

  @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the map's random choices and of --images synthetic (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  PreprocessOptions preprocess;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    MapMethod mapMethod = "none".equalsIgnoreCase(map) ? null : MapMethod.parse(map);
    Metric distance = Metric.parse(metric);
    NeighbourIndex.Kind indexKind = NeighbourIndex.Kind.parse(index);
    if (k < 1) {
      throw new GradCamException("-k must be at least 1, got " + k);
    }
    if (imagesArg.equalsIgnoreCase("synthetic")) {
      images = writeSynthetic(out.resolve("synthetic-images"));
    } else {
      images = Path.of(imagesArg);
    }
    List<Path> files = Embeddings.listImages(images);
    Map<String, String> labelMap = labelsFile == null ? null : Embeddings.readLabels(labelsFile);
    AtomicFiles.ensureWritableDirectory(out);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ProgressBar bar = ProgressBar.forStderr(stderr);
    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      FeatureExtractor extractor = new FeatureExtractor(explainer.runtime(), pre, layer, batch, 64);
      stderr.println("Embedding " + files.size() + " images");
      bar.started(files.size(), 0);
      FeatureExtractor.Result result = extractor.extract(files, f -> labelOf(f, labelMap), bar::advanced);
      bar.finished();
      Embeddings e = result.embeddings();
      EmbeddingOutputs outputs = new EmbeddingOutputs(out, e, result.thumbnails(), images);
      outputs.writeFeatures(images);
      stdout.printf(Locale.ROOT, "%d images -> %d features each from %s: %s, %s%n", e.size(), e.dimensions(),
          e.layer(), out.resolve("features.npy"), out.resolve("index.csv"));
      for (ImageFolder.Skipped s : result.skipped()) {
        stdout.println("skipped " + s.file() + ": " + s.reason());
      }
      if (queries != null) {
        writeNeighbours(extractor, outputs, e, distance, indexKind, stdout);
      }
      if (mapMethod != null) {
        stderr.println(mapMethod.label() + " map of " + e.size() + " points");
        bar.started(100, 0);
        double[][] xy = mapMethod.compute(e.vectors(), seed, (done, total) -> bar.advanced(
            (int) (100L * done / total), 100));
        bar.finished();
        for (Path p : outputs.writeMap(mapMethod, xy)) {
          stdout.println("map: " + p);
        }
      }
      if (!noProjector) {
        stdout.println("TensorBoard projector files: " + outputs.writeProjector());
      }
    }
    stdout.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  private void writeNeighbours(FeatureExtractor extractor, EmbeddingOutputs outputs, Embeddings e, Metric distance,
      NeighbourIndex.Kind kind, PrintWriter stdout) {
    FeatureExtractor.Result q = extractor.extract(queries, f -> "", FeatureExtractor.Progress.NONE);
    for (ImageFolder.Skipped s : q.skipped()) {
      stdout.println("skipped query " + s.file() + ": " + s.reason());
    }
    NeighbourIndex idx = NeighbourIndex.build(e.vectors(), distance, kind);
    List<Pages.QueryRow> rows = new ArrayList<>();
    for (int i = 0; i < q.embeddings().size(); i++) {
      RgbImage image = q.thumbnails().get(i);
      rows.add(new Pages.QueryRow(q.embeddings().files().get(i).getFileName().toString(), image,
          idx.query(q.embeddings().vectors()[i], k)));
    }
    for (Path p : outputs.writeNeighbours(rows, distance, idx.kind())) {
      stdout.println("neighbours (" + idx.kind() + ", " + distance.label() + "): " + p);
    }
  }

  /** Draws {@link #count} images of the shape benchmark (seed {@link #seed}) into one folder per class. */
  private Path writeSynthetic(Path dir) {
    if (count < 2) {
      throw new GradCamException("--count must be at least 2, got " + count);
    }
    SyntheticDataset data = new SyntheticDataset(seed);
    for (int i = 0; i < count; i++) {
      LabelledImage s = data.sample(i);
      PngWriter.write(dir.resolve(s.className()).resolve(String.format(Locale.ROOT, "%05d.png", i)), s.image());
    }
    return dir;
  }

  private String labelOf(Path file, Map<String, String> labelMap) {
    if (labelMap == null) {
      Path parent = file.getParent();
      return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }
    String rel = Embeddings.displayName(file, images);
    String label = labelMap.get(rel);
    if (label == null) {
      label = labelMap.get(file.getFileName().toString());
    }
    if (label == null) {
      throw new GradCamException("The labels file " + labelsFile + " has no line for " + rel);
    }
    return label;
  }
}
