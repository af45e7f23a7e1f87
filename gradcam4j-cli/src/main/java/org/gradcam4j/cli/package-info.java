/**
 * The {@code gradcam4j} command: {@link org.gradcam4j.cli.Gradcam4jCommand} lists the verbs, one picocli
 * class each ({@code XxxCommand}), sharing option mixins for the model, pre-processing and method
 * options; {@link org.gradcam4j.cli.ModelResolver} turns {@code --model} into a loaded model; the
 * progress bar reports long runs. docs/cli.md is generated from the verbs' help.
 *
 * <p>Floor "cli" (gradcam4j-cli): may use every other package of gradcam4j.
 */
package org.gradcam4j.cli;
