package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.error.GradCamException;

/** Every explanation method, by the name the CLI and the API accept. */
public final class Methods {
  private static final Map<String, ExplanationMethod> METHODS = new LinkedHashMap<>();

  static {
    register(new GradientCam(new GradCamWeighting()));
    register(new GradientCam(new GradCamPlusPlusWeighting()));
    register(new GradientCam(new XGradCamWeighting()));
    register(new GradientCam(new HiResCamWeighting()));
    register(new GradientCam(new LayerCamWeighting()));
    register(new Saliency());
    register(new GradientTimesInput());
    register(new GuidedBackprop());
    register(new Deconvnet());
    register(new GuidedGradCam());
    register(new SmoothGrad());
    register(new IntegratedGradients());
    register(new DeepLift());
    register(new Lrp());
    register(new GradientShap());
    register(new ScoreCam());
    register(new AblationCam());
    register(new EigenCam());
    register(new EigenGradCam());
    register(new FullGrad());
    register(new ClassActivationMap());
    register(new Occlusion());
    register(new Rise());
    register(new AttentionRollout());
    register(new GradientAttentionRollout());
    register(new Lime());
    register(new KernelShap());
    register(new ShapleySampling());
    register(new FeatureAblation());
  }

  private Methods() {}

  private static void register(ExplanationMethod m) {
    METHODS.put(m.name(), m);
  }

  public static ExplanationMethod byName(String name) {
    ExplanationMethod m = METHODS.get(name.trim().toLowerCase(Locale.ROOT));
    if (m == null) {
      throw new GradCamException("Unknown method '" + name + "'. Available: " + String.join(", ", names()));
    }
    return m;
  }

  /** Parses "a,b,c" or "all" (every method that applies to any network, see {@link ExplanationMethod#includedInAll}). */
  public static List<ExplanationMethod> parseList(String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return METHODS.values().stream().filter(ExplanationMethod::includedInAll).toList();
    }
    List<ExplanationMethod> list = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        ExplanationMethod m = byName(part);
        if (!list.contains(m)) {
          list.add(m);
        }
      }
    }
    if (list.isEmpty()) {
      throw new GradCamException("No method given");
    }
    return list;
  }

  public static List<String> names() {
    return List.copyOf(METHODS.keySet());
  }

  /** The methods that can be compiled into a standalone graph (see {@link ExplanationMethod#exportExtension}). */
  public static List<String> exportable() {
    return METHODS.values().stream().filter(m -> m.exportExtension("layer").isPresent())
        .map(ExplanationMethod::name).toList();
  }
}
