/**
 * The built-in demo model: the {@link org.gradcam4j.train.ShapesCnn} network, trained on the synthetic
 * shapes by {@link org.gradcam4j.train.DemoTrainer} with the project's own gradient compiler and
 * {@link org.gradcam4j.train.Adam}; {@link org.gradcam4j.train.DemoModel} loads the copy shipped in the
 * jar with its model card.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.train;
