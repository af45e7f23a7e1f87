package org.gradcam4j.spark;

import java.io.Serializable;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;

/** A {@link Preprocessing} in a form Spark can ship to executors (the record itself is not serializable). */
final class PreprocessingValues implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int resize;
  private final int crop;
  private final ChannelOrder order;
  private final float divisor;
  private final float[] mean;
  private final float[] std;

  PreprocessingValues(Preprocessing p) {
    this.resize = p.resize();
    this.crop = p.crop();
    this.order = p.channelOrder();
    this.divisor = p.divisor();
    this.mean = p.mean();
    this.std = p.std();
  }

  Preprocessing toPreprocessing() {
    return new Preprocessing(resize, crop, order, divisor, mean, std);
  }
}
