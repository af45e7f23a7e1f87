package org.gradcam4j.inspect;

/** Hears how far a pass over a folder of images has got (the command line draws it as a progress bar). */
public interface BatchProgress {
  /** A pass over {@code total} images starts. */
  void started(int total);

  /** {@code done} of {@code total} images have been read (decoded or skipped). */
  void advanced(int done, int total);

  /** The pass has ended. */
  void finished();

  /** A view that makes several passes says what the next one reads (before its {@link #started}). */
  default void next(String what) {}

  /** Hears nothing. */
  BatchProgress NONE = new BatchProgress() {
    @Override
    public void started(int total) {}

    @Override
    public void advanced(int done, int total) {}

    @Override
    public void finished() {}
  };
}
