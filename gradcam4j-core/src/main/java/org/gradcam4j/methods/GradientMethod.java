package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.runtime.GradientRun;

/**
 * A method whose result comes out of one run of a compiled gradient graph. Several such methods with
 * the same backward variant share a single run: the {@link MethodPlan} merges their {@link GradientRequest}s.
 */
public interface GradientMethod extends ExplanationMethod {
  /** What this method needs from the gradient graph, for the context's layer and score tensor. */
  GradientRequest request(MethodContext ctx);

  /** Builds the explanations from a run that included (at least) this method's request. */
  List<Explanation> extract(MethodContext ctx, GradientRun run);

  @Override
  default List<Explanation> explain(MethodContext ctx) {
    return extract(ctx, ctx.runGradients(request(ctx)));
  }
}
