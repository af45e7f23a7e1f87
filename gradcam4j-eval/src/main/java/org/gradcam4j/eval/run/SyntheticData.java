package org.gradcam4j.eval.run;

import java.util.List;
import java.util.Locale;
import org.gradcam4j.data.SyntheticDataset;

/** Samples {@code 0 .. count-1} of the synthetic benchmark, drawn on demand. */
final class SyntheticData implements EvaluationData {
  private final SyntheticDataset dataset;
  private final int count;

  SyntheticData(long seed, int count, int imageSize) {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one synthetic image, got " + count);
    }
    this.dataset = new SyntheticDataset(seed, imageSize);
    this.count = count;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public String id(int index) {
    return String.format(Locale.ROOT, "%06d", index);
  }

  @Override
  public EvaluationImage load(int index) {
    return EvaluationImage.of(id(index), dataset.sample(index));
  }

  @Override
  public String describe() {
    return "synthetic seed=" + dataset.seed() + " size=" + dataset.imageSize();
  }

  @Override
  public List<String> classNames() {
    return dataset.classNames();
  }
}
