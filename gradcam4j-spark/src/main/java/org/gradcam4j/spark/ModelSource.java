package org.gradcam4j.spark;

import java.io.Serializable;
import java.util.Objects;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.Device;

/**
 * Which model an executor loads and how it runs it; shipped to every task, loaded once per executor JVM
 * by {@link ExecutorModels}.
 *
 * @param uri {@code demo} (the built-in model), a file on any Hadoop file system ({@code hdfs://},
 *     {@code s3a://}, {@code file:} or a plain local path), or the name of a file shipped with the job
 *     ({@code spark-submit --files model.onnx}, found with {@code SparkFiles})
 * @param device {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param threads ONNX Runtime intra-op threads per task; 0 matches the task's cores ({@code spark.task.cpus})
 */
record ModelSource(String uri, String device, int threads) implements Serializable {
  ModelSource {
    Objects.requireNonNull(uri, "model");
    Device.parse(device);
    if (threads < 0) {
      throw new GradCamException("--threads cannot be negative, got " + threads);
    }
  }

  Device parsedDevice() {
    return Device.parse(device);
  }

  /** On the driver: fails at once, saying what is missing, when the device's ONNX Runtime build is absent. */
  ModelSource checked() {
    parsedDevice().requireProvider();
    return this;
  }
}
