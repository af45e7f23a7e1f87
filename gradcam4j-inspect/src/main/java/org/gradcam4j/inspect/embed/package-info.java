/**
 * Embeddings: feature vectors of images read from one tensor of a model ({@link
 * org.gradcam4j.inspect.embed.FeatureExtractor}), written as {@code .npy} with a CSV index ({@link
 * org.gradcam4j.inspect.embed.Embeddings}), and nearest-neighbour search over them, exact or by HNSW
 * ({@link org.gradcam4j.inspect.embed.NeighbourIndex}). Sub-packages: {@code map} (2-D maps: PCA,
 * Barnes-Hut t-SNE, UMAP) and {@code render} (pictures, pages and the TensorBoard projector export), which
 * depend on this package and not the other way round.
 */
package org.gradcam4j.inspect.embed;
