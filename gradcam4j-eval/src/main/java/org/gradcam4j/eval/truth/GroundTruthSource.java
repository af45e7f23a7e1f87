package org.gradcam4j.eval.truth;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the ground truth of an image. An image it knows nothing about gets {@link Optional#empty()}:
 * it is still evaluated, with the metrics that need no ground truth only.
 */
@FunctionalInterface
public interface GroundTruthSource {
  /** The ground truth of {@code image}, or empty when this source does not know the image. */
  Optional<GroundTruth> find(Path image);

  /** A source that knows no image. */
  static GroundTruthSource none() {
    return image -> Optional.empty();
  }

  /** This source, then {@code other} for images this one does not know. */
  default GroundTruthSource orElse(GroundTruthSource other) {
    return image -> {
      Optional<GroundTruth> found = find(image);
      return found.isPresent() ? found : other.find(image);
    };
  }
}
