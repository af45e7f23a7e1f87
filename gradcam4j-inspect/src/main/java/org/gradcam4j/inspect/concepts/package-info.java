/**
 * Testing with concept activation vectors (TCAV, Kim et al. 2018): how much a class's score depends on a
 * human concept given as a folder of example images. A concept's activation vector is the normal of a
 * linear boundary between the concept's activations at a layer and those of random images
 * ({@link org.gradcam4j.inspect.concepts.LogisticRegression}, {@link org.gradcam4j.inspect.concepts.Cav});
 * its TCAV score for a class is the fraction of the class's images whose class score grows along that
 * vector ({@link org.gradcam4j.inspect.concepts.ClassGradients}); a two-sided Welch t-test against
 * vectors learned from random images alone ({@link org.gradcam4j.inspect.concepts.WelchTTest}) says
 * whether the score means anything ({@link org.gradcam4j.inspect.concepts.Tcav}).
 *
 * <p>Floor "inspect" (gradcam4j-inspect): may use gradcam4j-core; never {@code eval}, {@code zoo} or
 * {@code cli}.
 */
package org.gradcam4j.inspect.concepts;
