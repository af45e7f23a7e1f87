package org.gradcam4j.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.GradCamException;

/** The gradient-based CAM methods by the names the CLI and the API accept. */
public final class CamMethods {
  private static final Map<String, CamWeighting> METHODS = new LinkedHashMap<>();

  static {
    register(new GradCamWeighting());
    register(new GradCamPlusPlusWeighting());
    register(new XGradCamWeighting());
    register(new HiResCamWeighting());
    register(new LayerCamWeighting());
  }

  private CamMethods() {}

  private static void register(CamWeighting w) {
    METHODS.put(w.name(), w);
  }

  public static CamWeighting byName(String name) {
    CamWeighting w = METHODS.get(name.toLowerCase(java.util.Locale.ROOT));
    if (w == null) {
      throw new GradCamException("Unknown method '" + name + "'. Available: " + String.join(", ", names()));
    }
    return w;
  }

  public static List<String> names() {
    return List.copyOf(METHODS.keySet());
  }
}
