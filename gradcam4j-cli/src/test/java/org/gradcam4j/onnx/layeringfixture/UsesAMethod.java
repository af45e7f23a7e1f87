package org.gradcam4j.onnx.layeringfixture;

import org.gradcam4j.methods.layeringfixture.AMethod;

/** Test fixture for LayeringTest: a class on the onnx floor that uses the methods floor above it. */
public final class UsesAMethod {
  public String name() {
    return new AMethod().toString();
  }
}
