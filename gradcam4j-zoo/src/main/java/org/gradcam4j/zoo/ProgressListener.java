package org.gradcam4j.zoo;

/**
 * Hears how a download is going, e.g. to draw a progress bar (the command line's {@code ProgressBar}). The
 * downloader calls {@link #started} once per transfer, then {@link #progress} as bytes arrive (often:
 * renderers should throttle), then {@link #finished}. Calls come from the downloading thread.
 */
public interface ProgressListener {
  /** Ignores everything. */
  ProgressListener NONE = (done, total) -> {};

  /**
   * A transfer begins.
   *
   * @param fileName the file being downloaded
   * @param totalBytes its full size, or -1 when unknown
   * @param resumedFrom bytes already present from an earlier, interrupted download (0 for a fresh one)
   */
  default void started(String fileName, long totalBytes, long resumedFrom) {}

  /**
   * Bytes have arrived.
   *
   * @param bytesDone bytes of the file present so far, counting a resumed part
   * @param totalBytes the full size, or -1 when unknown
   */
  void progress(long bytesDone, long totalBytes);

  /** The transfer ended; {@code success} is false when it failed or was cut off. */
  default void finished(boolean success) {}

  /** Something the user should know that is not a byte count (waiting for a lock, starting over). */
  default void note(String message) {}
}
