package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.ImageFolder;

/** What the inspection verbs (activations, top-patches) share on the command line. */
final class InspectSupport {
  private InspectSupport() {}

  /** The command line's progress bar hearing a pass over a folder. */
  static BatchProgress progress(PrintWriter err) {
    ProgressBar bar = ProgressBar.forStderr(err);
    return new BatchProgress() {
      @Override
      public void started(int total) {
        bar.started(total, 0);
      }

      @Override
      public void advanced(int done, int total) {
        bar.advanced(done, total);
      }

      @Override
      public void finished() {
        bar.finished();
      }

      @Override
      public void next(String what) {
        err.println("gradcam4j: " + what);
        err.flush();
      }
    };
  }

  /** One line per skipped file on standard error. */
  static void reportSkipped(PrintWriter err, List<ImageFolder.Skipped> skipped) {
    for (ImageFolder.Skipped s : skipped) {
      err.println("gradcam4j: skipped " + s.file() + ": " + s.reason());
    }
    err.flush();
  }

  /** The input shape [1, 3, crop, crop] a folder's images get; a folder needs one size for all. */
  static long[] folderInputShape(Preprocessing p) {
    if (p.crop() <= 0) {
      throw new GradCamException("A folder of images needs a crop size so that all images have one size (--crop 224)");
    }
    return new long[] {1, 3, p.crop(), p.crop()};
  }

  /** Parses "3,7,12" or "0-15" ranges into channel indices. */
  static List<Integer> channels(String list) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (String part : list.split(",")) {
      String s = part.strip();
      if (s.isEmpty()) {
        continue;
      }
      try {
        int dash = s.indexOf('-', 1);
        if (dash > 0) {
          int a = Integer.parseInt(s.substring(0, dash).strip());
          int b = Integer.parseInt(s.substring(dash + 1).strip());
          for (int c = a; c <= b; c++) {
            out.add(c);
          }
        } else {
          out.add(Integer.parseInt(s));
        }
      } catch (NumberFormatException e) {
        throw new GradCamException("--channels takes channel numbers and ranges such as 3,7,10-15; got '" + s + "'");
      }
    }
    return out;
  }
}
