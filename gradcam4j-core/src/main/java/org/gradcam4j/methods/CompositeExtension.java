package org.gradcam4j.methods;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gradcam4j.autodiff.GraphExtension;
import org.gradcam4j.onnx.GraphBuilder;

/** Several extensions in one graph; their outputs are named "key/output". */
final class CompositeExtension implements GraphExtension {
  private final Map<String, GraphExtension> parts;

  CompositeExtension(Map<String, GraphExtension> parts) {
    this.parts = parts;
  }

  @Override
  public Map<String, String> extend(GraphBuilder builder, Inputs inputs) {
    Map<String, String> out = new LinkedHashMap<>();
    parts.forEach((key, ext) -> ext.extend(builder, inputs).forEach((name, tensor) -> out.put(key + "/" + name, tensor)));
    return out;
  }

  @Override
  public String cacheKey() {
    StringBuilder sb = new StringBuilder();
    parts.forEach((k, v) -> sb.append(k).append('=').append(v.cacheKey()).append(';'));
    return sb.toString();
  }
}
