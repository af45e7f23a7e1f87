/**
 * Evaluation output: per-image results (JSON), methods x metrics tables (Markdown and CSV) and line
 * plots (PNG), all written atomically.
 */
package org.gradcam4j.eval.report;
