/**
 * {@link org.gradcam4j.error.GradCamException}, the base class of every error gradcam4j reports, with
 * messages written for the person running the tool (the file, node, tensor or value to fix).
 *
 * <p>Floor "base": uses nothing else in gradcam4j; every package may use it.
 */
package org.gradcam4j.error;
