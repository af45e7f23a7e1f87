/**
 * The kernels of a convolution as tiles: finding the Conv ({@link org.gradcam4j.inspect.filters.ConvLayer}),
 * scaling its weights to grey levels or colours ({@link org.gradcam4j.inspect.filters.FilterTiles}) and
 * writing the grid, the raw weights and their description ({@link org.gradcam4j.inspect.filters.FilterView}).
 */
package org.gradcam4j.inspect.filters;
