package org.gradcam4j.methods;

import java.util.Map;
import org.gradcam4j.autodiff.GraphExtension;

/** Factory for graph extensions that combine others. */
public final class Extensions {
  private Extensions() {}

  /** Several extensions in one graph; their outputs are named "key/output". */
  public static GraphExtension composite(Map<String, GraphExtension> parts) {
    return new CompositeExtension(parts);
  }
}
