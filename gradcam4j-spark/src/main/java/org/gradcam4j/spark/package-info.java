/**
 * Explaining, embedding and evaluating whole image data sets as Apache Spark jobs: a Java API over
 * {@code Dataset<Row>} ({@link org.gradcam4j.spark.SparkExplainer}, {@link org.gradcam4j.spark.SparkEmbedder},
 * {@link org.gradcam4j.spark.SparkEvaluator}), a resumable Parquet writer ({@link org.gradcam4j.spark.ResumableOutput})
 * and the {@code spark-submit} main class ({@link org.gradcam4j.spark.SparkExplainMain}). Each executor JVM
 * loads the model once ({@link org.gradcam4j.spark.ExecutorModels}); partitions are scored in mini-batches.
 *
 * <p>Floor "spark" (gradcam4j-spark), beside the server: a client of gradcam4j-core, {@code eval} and
 * {@code inspect}; never of {@code cli}, {@code server} or {@code zoo}.
 */
package org.gradcam4j.spark;
