/**
 * A synthetic image benchmark with exact ground truth: {@link org.gradcam4j.data.SyntheticDataset}
 * draws reproducible images of filled shapes ({@link org.gradcam4j.data.TargetShape}) among clutter,
 * each with the pixel mask and box of its target(s) ({@link org.gradcam4j.data.LabelledImage});
 * {@link org.gradcam4j.data.GroundTruthFolder} writes them to, and reads them from, a folder of PNG
 * files with a CSV; {@link org.gradcam4j.data.PreviewSheet} draws a contact sheet to look at them.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.data;
