package org.gradcam4j.eval.run;

/** Hears how far an {@link Evaluation} has got, e.g. to draw a progress bar. Called on the run's thread. */
public interface EvaluationProgress {
  /** Ignores everything. */
  EvaluationProgress NONE = new EvaluationProgress() {
    @Override
    public void started(int total, int alreadyDone) {}

    @Override
    public void advanced(int done, int total) {}
  };

  /**
   * The run starts.
   *
   * @param total images in the evaluation
   * @param alreadyDone images found in the journal, which will not be computed again
   */
  void started(int total, int alreadyDone);

  /** {@code done} of {@code total} images are finished (those of the journal included). */
  void advanced(int done, int total);

  /** Every image is done; the summary files are written next. */
  default void finished() {}
}
