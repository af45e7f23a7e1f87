package org.gradcam4j.targets.layeringfixture;

import org.gradcam4j.targets.layeringfixture.sub.CycleB;

/** Test fixture for LayeringTest: one half of a package cycle. */
public final class CycleA {
  public CycleB partner() {
    return new CycleB();
  }
}
