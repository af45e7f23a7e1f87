package org.gradcam4j.inspect.embed;

import java.util.List;
import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/** Nearest-neighbour search over a fixed set of vectors. */
public interface NeighbourIndex {
  /** Above this many vectors {@link Kind#AUTO} builds an HNSW index instead of searching exactly. */
  int HNSW_THRESHOLD = 20_000;

  /** Which kind of index to build. */
  enum Kind {
    /** Exact below {@link #HNSW_THRESHOLD} vectors, HNSW from there on. */
    AUTO,
    /** Brute force: every distance computed; exact. */
    EXACT,
    /** A hierarchical navigable small world graph: approximate, sub-linear queries. */
    HNSW;

    public static Kind parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new GradCamException("Unknown index '" + name + "': use auto, exact or hnsw");
      }
    }
  }

  /** The {@code k} nearest vectors to {@code query}, nearest first (fewer when the index holds fewer). */
  List<Neighbour> query(float[] query, int k);

  /** The metric distances are measured in. */
  Metric metric();

  /** How many vectors are indexed. */
  int size();

  /** {@code "exact"} or {@code "hnsw"}. */
  String kind();

  /** Builds an index over {@code vectors} (not copied: do not change them afterwards). */
  static NeighbourIndex build(float[][] vectors, Metric metric, Kind kind) {
    if (vectors.length == 0) {
      throw new GradCamException("Cannot index an empty set of vectors");
    }
    boolean hnsw = kind == Kind.HNSW || (kind == Kind.AUTO && vectors.length > HNSW_THRESHOLD);
    return hnsw ? HnswSearch.build(vectors, metric) : new ExactSearch(vectors, metric);
  }
}
