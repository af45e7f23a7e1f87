package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.ExportedExplainer;
import org.gradcam4j.onnx.OnnxModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j compile}: writes a standalone ONNX explainer. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {
      "Writes the model plus its Grad-CAM as one standalone ONNX file that any ONNX Runtime runs "
          + "(Python, C++, C#, JavaScript): heat-maps in production at the cost of inference.",
      "",
      "Inputs of the written model: the model's image input (pre-processed as for the model) and "
          + "'seed' float [N,K]: the weights of the explained scores (a one-hot row for one class, its "
          + "negation for a counterfactual map; an all-zero row explains the top-scoring class). "
          + "Outputs: 'scores' float [N,K] and 'cam' float [N,h,w] (map at the layer's resolution, after ReLU, "
          + "not normalised; upsample and normalise it for display)."
    })
final class CompileCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = "--method", defaultValue = "gradcam", paramLabel = "NAME",
      description = "Explanation method (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--layer", paramLabel = "NAME", description = "Target layer, a tensor or node name (default: automatic).")
  String layer;

  @Option(names = "--output", paramLabel = "NAME", description = "Score tensor to explain (default: the pre-softmax scores).")
  String output;

  @Option(names = "--size", defaultValue = "224", paramLabel = "PIXELS",
      description = "Input height and width, when the model does not fix them (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the ONNX explainer.")
  Path out;

  @Override
  public Integer call() {
    try (Explainer explainer = model.explainer()) {
      int[] fixed = explainer.fixedInputSize();
      long[] shape = {1, 3, fixed == null ? size : fixed[0], fixed == null ? size : fixed[1]};
      ExplainRequest request = ExplainRequest.gradCam().withMethod(Methods.byName(method))
          .withLayer(layer).withScoreTensor(output);
      String resolvedLayer = explainer.resolveLayer(layer, shape, output);
      GradientGraph graph = explainer.compile(request.withLayer(resolvedLayer), shape);
      OnnxModel exported = ExportedExplainer.build(graph, method, resolvedLayer,
          explainer.shapes(shape).shape(resolvedLayer));
      exported.save(out);
      spec.commandLine().getErr().println("gradcam4j: wrote " + out + " (layer '" + resolvedLayer + "', scores '"
          + graph.scoreOutput() + "', " + graph.classCount() + " classes)");
      return 0;
    }
  }
}
