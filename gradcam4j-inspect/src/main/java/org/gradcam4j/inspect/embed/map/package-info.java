/** Two-dimensional maps of feature vectors: PCA and Barnes-Hut t-SNE, written for this project. */
package org.gradcam4j.inspect.embed.map;
