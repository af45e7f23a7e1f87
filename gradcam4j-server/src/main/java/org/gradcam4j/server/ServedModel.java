package org.gradcam4j.server;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.model.ResolvedModel;
import org.gradcam4j.onnx.ModelAnalysis;
import org.gradcam4j.onnx.ShapeTable;

/**
 * One configured model: loaded once in the background after the server listens, then shared by every
 * request (the {@link Explainer} is safe to use from several threads).
 */
final class ServedModel {
  enum State { WAITING, LOADING, READY, FAILED }

  /** A candidate target layer with its shape; {@code isDefault} marks the one used when none is chosen. */
  record Layer(String name, long[] shape, boolean isDefault) {}

  final ModelSource source;
  private volatile State state = State.WAITING;
  private volatile String progress = "waiting to load";
  private volatile String error;
  private volatile long loadMs;
  private ResolvedModel resolved;
  private Explainer explainer;
  private Preprocessing preprocessing;
  private String scoreTensor;
  private List<String> labels;
  private List<Layer> layers;
  private long[] inputShape;
  private int classCount;

  ServedModel(ModelSource source) {
    this.source = source;
  }

  String name() {
    return source.name();
  }

  State state() {
    return state;
  }

  String progress() {
    return progress;
  }

  String error() {
    return error;
  }

  long loadMs() {
    return loadMs;
  }

  /** Loads the model, works out its shapes and layers; failures are kept and reported, never thrown. */
  void load(int threads) {
    long start = System.nanoTime();
    state = State.LOADING;
    try {
      progress = "reading the model";
      ResolvedModel r = source.loader().get();
      progress = "preparing ONNX Runtime";
      Explainer e = Explainer.of(r.model(), threads);
      Preprocessing p = r.preprocessing().orElse(Preprocessing.preset("imagenet"));
      String score = e.runtime().scoreTensor(r.scoreTensor().orElse(null));
      int[] fixed = e.fixedInputSize();
      long[] shape = fixed == null ? new long[] {1, 3, p.crop(), p.crop()} : new long[] {1, 3, fixed[0], fixed[1]};
      progress = "working out the shapes of the layers";
      ShapeTable shapes = e.shapes(shape);
      String defaultLayer = r.layers().isEmpty() ? e.resolveLayer(null, shape, score)
          : e.resolveLayer(r.layers().get(0), shape, score);
      List<Layer> ls = new ArrayList<>();
      for (String l : ModelAnalysis.spatialLayers(e.model().graph(), shapes, score)) {
        ls.add(new Layer(l, shapes.shape(l).dims(), l.equals(defaultLayer)));
      }
      int classes = e.runtime().classCount(shape, score);
      List<String> names = r.labels(null);
      synchronized (this) {
        resolved = r;
        explainer = e;
        preprocessing = p;
        scoreTensor = score;
        inputShape = shape;
        layers = List.copyOf(ls);
        classCount = classes;
        labels = names == null ? List.of() : List.copyOf(names);
      }
      progress = "ready";
      state = State.READY;
    } catch (RuntimeException | LinkageError ex) {
      error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      progress = "failed: " + error;
      state = State.FAILED;
    } finally {
      loadMs = (System.nanoTime() - start) / 1_000_000;
    }
  }

  /** The loaded model, or an {@link ApiException} saying why there is none yet. */
  synchronized ServedModel requireReady() {
    switch (state) {
      case READY:
        return this;
      case FAILED:
        throw new ApiException(409, "The model '" + name() + "' could not be loaded: " + error);
      default:
        throw new ApiException(503, "The model '" + name() + "' is still loading (" + progress + "); try again shortly", 2);
    }
  }

  synchronized Explainer explainer() {
    return explainer;
  }

  synchronized ResolvedModel resolved() {
    return resolved;
  }

  synchronized Preprocessing preprocessing() {
    return preprocessing;
  }

  synchronized String scoreTensor() {
    return scoreTensor;
  }

  synchronized List<String> labels() {
    return labels;
  }

  synchronized List<Layer> layers() {
    return layers;
  }

  synchronized long[] inputShape() {
    return inputShape;
  }

  synchronized int classCount() {
    return classCount;
  }

  String label(int index) {
    List<String> l = labels();
    return index >= 0 && l != null && index < l.size() ? l.get(index) : "class " + index;
  }

  synchronized void close() {
    if (explainer != null) {
      explainer.close();
      explainer = null;
    }
  }
}
