/**
 * Statistics used by the metrics and reports: rank correlations, SSIM and percentile-bootstrap
 * confidence intervals.
 */
package org.gradcam4j.eval.stats;
