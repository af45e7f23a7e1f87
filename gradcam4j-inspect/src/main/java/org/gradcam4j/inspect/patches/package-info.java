/**
 * Maximally activating patches: a bounded top-k per channel over a stream of images
 * ({@link org.gradcam4j.inspect.patches.TopUnits}), the receptive field of a unit computed from the graph
 * ({@link org.gradcam4j.inspect.patches.ReceptiveField}) and the patches cut from the images
 * ({@link org.gradcam4j.inspect.patches.TopPatchesView}).
 */
package org.gradcam4j.inspect.patches;
