package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Linear maps applied along one axis of a tensor, for rules whose backward is such a map. */
final class AlongAxis {
  private AlongAxis() {}

  /**
   * Contracts axis {@code axis} of {@code g} (size m) with the constant matrix {@code matrix}
   * [m, n], row-major: the result has size n on that axis, {@code r[.., j, ..] = sum_i g[.., i, ..] M[i, j]}.
   */
  static String contract(GraphBuilder b, String g, float[] matrix, int m, int n, int axis, int rank) {
    String mat = b.constFloats(new long[] {m, n}, matrix);
    if (axis == rank - 1) {
      return b.op("MatMul", g, mat);
    }
    if (axis == rank - 2) {
      float[] transposed = new float[n * m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          transposed[j * m + i] = matrix[i * n + j];
        }
      }
      return b.op("MatMul", b.constFloats(new long[] {n, m}, transposed), g);
    }
    long[] perm = new long[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i;
    }
    perm[axis] = rank - 1;
    perm[rank - 1] = axis;
    String moved = b.transpose(g, perm);
    return b.transpose(b.op("MatMul", moved, mat), perm);
  }
}
