/**
 * Looking inside a network rather than explaining one decision: what is shared by the inspection
 * views (reading a folder of images in batches, skipping unreadable ones).
 *
 * <p>Floor "inspect" (gradcam4j-inspect): may use gradcam4j-core; never {@code eval}, {@code zoo} or
 * {@code cli}.
 */
package org.gradcam4j.inspect;
