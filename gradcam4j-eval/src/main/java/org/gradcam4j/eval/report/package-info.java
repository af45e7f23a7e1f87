/**
 * Evaluation output: per-image results (JSON), methods x metrics tables (Markdown and CSV) and line
 * plots (PNG), all written atomically.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.eval.report;
