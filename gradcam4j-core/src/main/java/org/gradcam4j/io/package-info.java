/**
 * Files: {@link org.gradcam4j.io.AtomicFiles} (write to a temporary file, rename when complete, so no
 * reader sees half a file), {@link org.gradcam4j.io.Npy} (NumPy arrays) and
 * {@link org.gradcam4j.io.StrictJson} (the strict JSON mapping of model cards and the catalogue).
 *
 * <p>Floor "base": may use only the other base packages ({@code error}, {@code math}); every package may
 * use it.
 */
package org.gradcam4j.io;
