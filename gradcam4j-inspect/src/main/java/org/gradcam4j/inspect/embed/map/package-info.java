/** Two-dimensional maps of feature vectors: PCA, Barnes-Hut t-SNE and UMAP, written for this project. */
package org.gradcam4j.inspect.embed.map;
