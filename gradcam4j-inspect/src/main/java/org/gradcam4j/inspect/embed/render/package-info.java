/**
 * What {@code embed} shows: scatter and image plots of a map, a hover page and a neighbours gallery
 * (self-contained HTML), and the TensorBoard projector files.
 */
package org.gradcam4j.inspect.embed.render;
