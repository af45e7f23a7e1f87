package org.gradcam4j.methods;

import java.util.List;

/**
 * A method whose result comes out of one run of a compiled gradient graph. Several such methods with
 * the same backward variant share a single run: the planner merges their {@link GradientSpec}s.
 */
public interface GradientMethod extends ExplanationMethod {
  /** What this method needs from the gradient graph, for the context's layer and score tensor. */
  GradientSpec spec(MethodContext ctx);

  /** Builds the explanations from a run that included (at least) this method's spec. */
  List<Explanation> extract(MethodContext ctx, GradientRun run);

  @Override
  default List<Explanation> explain(MethodContext ctx) {
    return extract(ctx, ctx.runGradients(spec(ctx)));
  }
}
