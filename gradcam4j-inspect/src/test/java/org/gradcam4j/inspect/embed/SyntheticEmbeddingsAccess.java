package org.gradcam4j.inspect.embed;

/** {@link SyntheticEmbeddings} for tests in sub-packages. */
public final class SyntheticEmbeddingsAccess {
  /** Features and labels. */
  public record Data(float[][] vectors, int[] labels) {}

  private SyntheticEmbeddingsAccess() {}

  public static Data get(int n) {
    SyntheticEmbeddings.Data d = SyntheticEmbeddings.get(n);
    return new Data(d.vectors(), d.labels());
  }
}
