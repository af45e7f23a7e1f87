/**
 * The metrics of an evaluation run, one class per metric: its name on the command line, its columns
 * (with the direction that is better and a description for the results' legend), the settings it
 * records in the journal, and how it scores. The list of metrics, in table order, is
 * {@link org.gradcam4j.eval.run.Metric}; adding a metric is one class here and one line there.
 *
 * <p>A metric scores in one of three ways, by the interface it implements:
 * <ul>
 *   <li>{@link org.gradcam4j.eval.run.metrics.MapMetric}: one map at a time (most metrics);
 *   <li>{@link org.gradcam4j.eval.run.metrics.ImageMetric}: all maps of one image together, e.g. to
 *       score them in one model batch;
 *   <li>{@link org.gradcam4j.eval.run.metrics.ModelMetric}: whole batches, explaining the images again
 *       with changed copies of the model (the sanity check).
 * </ul>
 * The algorithms themselves live in {@code org.gradcam4j.eval}; the classes here adapt them to a run.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.eval.run.metrics;
