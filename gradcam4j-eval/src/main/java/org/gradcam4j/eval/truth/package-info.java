/**
 * Ground truth for the localisation metrics: boxes ({@link org.gradcam4j.eval.truth.Box}, pixel-edge
 * coordinates), masks, and readers for PASCAL VOC XML files and a simple CSV. An image without ground
 * truth is evaluated with the ground-truth-free metrics only.
 */
package org.gradcam4j.eval.truth;
