package org.gradcam4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.bench.Benchmark;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.runtime.FloatTensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j bench}: times a method against the plain forward pass. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Measures the time per image of an explanation method, or of the plain forward pass (--method forward), "
          + "on a random batch, after warm-up. Prints one JSON line. Compare 'gradcam' with 'forward' to see what "
          + "the explanation costs on top of inference."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = "--method", defaultValue = "gradcam", paramLabel = "NAME",
      description = "forward, or an explanation method (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Images per run (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--iterations", defaultValue = "20", paramLabel = "N", description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "3", paramLabel = "N", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--size", defaultValue = "224", paramLabel = "PIXELS",
      description = "Input height and width when the model does not fix them (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "Accepted for symmetry with explain; the benchmark feeds random, already normalised input.")
  String preset;

  @Option(names = "--baseline", paramLabel = "METHOD",
      description = "Also time this method (usually 'forward'), alternating runs with --method so load changes hit"
          + " both alike, and report the ratio of the medians.")
  String baseline;

  @Option(names = "--forward-batch", defaultValue = "32", paramLabel = "N",
      description = "Masked or noisy copies per run for methods that make many (Score-CAM, occlusion, RISE, SmoothGrad,"
          + " Integrated Gradients); their throughput is compared with plain forward passes at this batch size, timed"
          + " in alternation with them (default: ${DEFAULT-VALUE}).")
  int forwardBatch;

  @Option(names = "--layer", paramLabel = "NAME", description = "Target layer (default: automatic).")
  String layer;

  @Option(names = "--output", paramLabel = "NAME", description = "Score tensor to explain (default: automatic).")
  String output;

  @Override
  public Integer call() {
    if (batch < 1 || iterations < 1 || warmup < 0) {
      throw new GradCamException("--batch and --iterations must be at least 1, --warmup at least 0");
    }
    try (Explainer explainer = model.explainer()) {
      int[] fixed = explainer.fixedInputSize();
      int h = fixed == null ? size : fixed[0];
      int w = fixed == null ? size : fixed[1];
      FloatTensor input = Benchmark.randomBatch(batch, h, w, 7);
      ExplainRequest request = ExplainRequest.gradCam().withLayer(layer).withScoreTensor(output)
          .withOptions(org.gradcam4j.methods.MethodOptions.defaults().withBatchSize(forwardBatch));
      Benchmark.Task task = Benchmark.task(explainer, method, request, input);
      Benchmark.Result r;
      Benchmark.Result base = null;
      if (baseline != null) {
        Benchmark.Result[] both = Benchmark.compare(method, task, baseline,
            Benchmark.task(explainer, baseline, request, input), batch, warmup, iterations);
        r = both[0];
        base = both[1];
      } else {
        r = Benchmark.measure(method, batch, warmup, iterations, task);
      }
      // Forward passes the method made per image in the timed runs (masked copies for perturbation methods).
      long before = explainer.runtime().forwardImageCount();
      task.run();
      double forwardsPerImage = (explainer.runtime().forwardImageCount() - before) / (double) batch;
      ObjectNode json = new ObjectMapper().createObjectNode();
      json.put("model", model.model);
      json.put("method", r.method());
      json.put("batch", r.batch());
      json.put("input", batch + "x3x" + h + "x" + w);
      json.put("threads", model.threads);
      json.put("warmup", r.warmup());
      json.put("iterations", r.iterations());
      json.put("median_ms_per_image", round(r.medianMsPerImage()));
      json.put("median_ms_per_batch", round(r.medianMsPerBatch()));
      json.put("min_ms_per_batch", round(r.minMsPerBatch()));
      json.put("p90_ms_per_batch", round(r.p90MsPerBatch()));
      if (forwardsPerImage >= 2) {
        FloatTensor plainBatch = Benchmark.randomBatch(forwardBatch, h, w, 11);
        Benchmark.Throughput t = Benchmark.throughput(task, Math.round(forwardsPerImage * batch),
            Benchmark.task(explainer, "forward", request, plainBatch), forwardBatch, iterations);
        json.put("forwards_per_image", Math.round(forwardsPerImage));
        json.put("forwards_per_second", Math.round(t.methodPerSecond()));
        json.put("plain_forwards_per_second", Math.round(t.plainPerSecond()));
        json.put("throughput_ratio", Math.round(t.ratio() * 1000) / 1000.0);
      }
      if (base != null) {
        json.put("baseline", base.method());
        json.put("baseline_median_ms_per_image", round(base.medianMsPerImage()));
        json.put("ratio_to_baseline", Math.round(r.medianMsPerBatch() / base.medianMsPerBatch() * 1000) / 1000.0);
      }
      spec.commandLine().getOut().println(json);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
