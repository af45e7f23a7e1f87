package org.gradcam4j.methods;

import java.util.List;
import java.util.Optional;
import org.gradcam4j.autodiff.GraphExtension;

/**
 * An explanation method: turns a batch of images and targets into one {@link Explanation} per image.
 * Implementations are stateless apart from their settings; everything about the model and the
 * batch comes through the {@link MethodContext}.
 */
public interface ExplanationMethod {
  /** The name the CLI accepts, e.g. "gradcam++". */
  String name();

  /** Which family the method belongs to (decides how its result is shown). */
  Kind kind();

  List<Explanation> explain(MethodContext ctx);

  /**
   * The nodes that compute this method's map at {@code layer} inside a compiled gradient graph, for a
   * method that {@code compile} can export as a standalone ONNX explainer ({@link ExportedExplainer}):
   * the extension's output {@code cam} [N, h, w] is the map. Empty for every other method. Building
   * the extension checks nothing about the layer, so any name tells whether a method is exportable.
   */
  default Optional<GraphExtension> exportExtension(String layer) {
    return Optional.empty();
  }

  /**
   * Whether {@code all} includes this method. Methods that only apply to one kind of network (the
   * attention rollouts: vision transformers) are named explicitly, so that {@code all} keeps working
   * on every model.
   */
  default boolean includedInAll() {
    return true;
  }

  /** Where a method's map lives. */
  enum Kind {
    /** A map at a layer's resolution ({@link Explanation#lowRes()}), upsampled for display. */
    LAYER,
    /** A per-pixel, per-channel attribution ({@link Explanation#attribution()}). */
    PIXEL,
    /** A map at input resolution ({@link Explanation#inputMap()}). */
    INPUT
  }
}
