package org.gradcam4j.inspect.embed;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;

/**
 * Approximate nearest neighbours in a hierarchical navigable small world graph (hnswlib-core). Cosine
 * distance is searched as {@code 1 - u.v} over unit-length copies of the vectors, which is the same
 * number. Parameters: M = 16 links per node, efConstruction = 200, ef = max(200, k) at query time.
 */
public final class HnswSearch implements NeighbourIndex {
  static final int M = 16;
  static final int EF_CONSTRUCTION = 200;
  static final int EF = 200;

  record Vec(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  private final HnswIndex<Integer, float[], Vec, Float> index;
  private final Metric metric;
  private final int size;

  private HnswSearch(HnswIndex<Integer, float[], Vec, Float> index, Metric metric, int size) {
    this.index = index;
    this.metric = metric;
    this.size = size;
  }

  /** Builds the graph over {@code vectors}, using every core. */
  public static HnswSearch build(float[][] vectors, Metric metric) {
    int dim = vectors[0].length;
    HnswIndex<Integer, float[], Vec, Float> index = HnswIndex
        .newBuilder(dim, metric == Metric.COSINE ? DistanceFunctions.FLOAT_INNER_PRODUCT
            : DistanceFunctions.FLOAT_EUCLIDEAN_DISTANCE, vectors.length)
        .withM(M).withEfConstruction(EF_CONSTRUCTION).withEf(EF).build();
    List<Vec> items = new ArrayList<>(vectors.length);
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].length != dim) {
        throw new GradCamException("Vector " + i + " has " + vectors[i].length + " values, not " + dim);
      }
      items.add(new Vec(i, metric == Metric.COSINE ? ExactSearch.normalised(vectors[i]) : vectors[i]));
    }
    try {
      index.addAll(items);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GradCamException("Interrupted while building the HNSW index", e);
    }
    return new HnswSearch(index, metric, vectors.length);
  }

  @Override
  public List<Neighbour> query(float[] query, int k) {
    float[] q = metric == Metric.COSINE ? ExactSearch.normalised(query) : query;
    if (index.getEf() < k) {
      synchronized (index) {
        if (index.getEf() < k) {
          index.setEf(k);
        }
      }
    }
    List<SearchResult<Vec, Float>> found = index.findNearest(q, k); // searches may run concurrently
    List<Neighbour> out = new ArrayList<>(found.size());
    for (SearchResult<Vec, Float> r : found) {
      out.add(new Neighbour(r.item().id(), Math.max(0.0, r.distance())));
    }
    return out;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String kind() {
    return "hnsw";
  }
}
