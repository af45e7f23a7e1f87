package org.gradcam4j.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The rows {@link SparkExplainer} returns: one per image and method. {@code map} is the map before any
 * normalisation, row-major, {@code map_height x map_width}: for layer methods (the CAMs) the map at the
 * layer's resolution, as {@code explain --raw} writes it to {@code .lowres.npy}; for input-resolution
 * methods the map at input size; for pixel attributions the sum over channels of the absolute
 * attribution. A row whose image failed has only {@code path}, {@code method} and {@code error}.
 */
final class ExplanationRows {
  private ExplanationRows() {}

  static final StructType TOP5_ENTRY = new StructType()
      .add("class", DataTypes.IntegerType, false)
      .add("label", DataTypes.StringType, true)
      .add("score", DataTypes.FloatType, false);

  static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, true)
      .add("method", DataTypes.StringType, false)
      .add("layer", DataTypes.StringType, true)
      .add("target_class", DataTypes.IntegerType, true)
      .add("target_label", DataTypes.StringType, true)
      .add("target_score", DataTypes.FloatType, true)
      .add("top5", DataTypes.createArrayType(TOP5_ENTRY, false), true)
      .add("map", DataTypes.createArrayType(DataTypes.FloatType, false), true)
      .add("map_height", DataTypes.IntegerType, true)
      .add("map_width", DataTypes.IntegerType, true)
      .add("decode_ms", DataTypes.DoubleType, true)
      .add("explain_ms", DataTypes.DoubleType, true)
      .add("overlay", DataTypes.StringType, true)
      .add("error", DataTypes.StringType, true);

  static Row failed(String path, String method, double decodeMs, String error) {
    return RowFactory.create(path, method, null, null, null, null, null, null, null, null, decodeMs, null, null,
        error);
  }

  static Row of(String path, String method, Explanation e, List<String> labels, double decodeMs,
      double explainMs, String overlay) {
    FloatTensor map = mapOf(e);
    List<Row> top5 = e.top5().stream()
        .map(c -> RowFactory.create(c.index(), label(labels, c.index()), c.score()))
        .toList();
    return RowFactory.create(path, method, e.layer(), e.targetClass(), label(labels, e.targetClass()),
        e.targetScore(), top5.toArray(), boxed(map.data()), (int) map.dim(-2), (int) map.dim(-1), decodeMs,
        explainMs, overlay, null);
  }

  /** The map of a row: the layer map, the input-resolution map, or the channel sum of |attribution|. */
  static FloatTensor mapOf(Explanation e) {
    if (e.lowRes() != null) {
      return e.lowRes();
    }
    if (e.inputMap() != null) {
      return e.inputMap();
    }
    FloatTensor a = e.attribution();
    int h = (int) a.dim(-2);
    int w = (int) a.dim(-1);
    float[] sum = new float[h * w];
    float[] d = a.data();
    for (int i = 0; i < d.length; i++) {
      sum[i % sum.length] += Math.abs(d[i]);
    }
    return new FloatTensor(new long[] {h, w}, sum);
  }

  private static String label(List<String> labels, int index) {
    return index >= 0 && index < labels.size() ? labels.get(index) : null;
  }

  static Float[] boxed(float[] values) {
    Float[] out = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
