/**
 * Looking inside a network rather than explaining one decision: what is shared by the inspection
 * views (reading a folder of images in batches, skipping unreadable ones, one streaming pass of a model over
 * it, resolving a 4-D layer, tiles and grids). The views live in sub-packages: {@code filters},
 * {@code activations}, {@code patches}, {@code visualize}, {@code embed}, {@code concepts}.
 *
 * <p>Floor "inspect" (gradcam4j-inspect): may use gradcam4j-core; never {@code eval}, {@code zoo} or
 * {@code cli}.
 */
package org.gradcam4j.inspect;
