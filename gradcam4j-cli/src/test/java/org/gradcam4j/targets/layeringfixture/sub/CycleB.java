package org.gradcam4j.targets.layeringfixture.sub;

import org.gradcam4j.targets.layeringfixture.CycleA;

/** Test fixture for LayeringTest: the other half of a package cycle. */
public final class CycleB {
  public CycleA partner() {
    return null;
  }
}
