package org.gradcam4j.methods;

import java.util.List;

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
