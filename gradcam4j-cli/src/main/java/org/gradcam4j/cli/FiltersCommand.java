package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.inspect.filters.ConvLayer;
import org.gradcam4j.inspect.filters.FilterScale;
import org.gradcam4j.inspect.filters.FilterTiles;
import org.gradcam4j.inspect.filters.FilterView;
import org.gradcam4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j filters}: a convolution's kernels as tiles. */
@Command(name = "filters", mixinStandardHelpOptions = true,
    description = {
      "Draws the kernels of a convolution (the first Conv by default) as a grid of tiles, one pixel per weight,"
          + " and writes filters.png, the raw weights as filters.npy [M, C/group, kh, kw] and filters.json.",
      "",
      "A filter with 3 input channels is one colour tile (input channels 0, 1, 2 as red, green, blue); any"
          + " other filter is one grey tile per input channel (a row per filter), or with --channel-mean one"
          + " grey tile of its mean over the input channels. Grouped convolutions: each filter's tiles are the"
          + " C/group channels of its own group (captions name the model's input channel); a depthwise"
          + " convolution (one channel per filter) gives one grey tile per filter.",
      "Levels: round(255 * (w - min) / (max - min)), min and max per filter by default (over all its input"
          + " channels), over the whole layer with --shared-scale; a flat filter is mid-grey."
    })
final class FiltersCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = "--layer", paramLabel = "NAME",
      description = "A Conv node, its weight tensor or its output tensor (default: the first Conv).")
  String layer;

  @Option(names = "--shared-scale", description = "One min-max scale for the whole layer instead of one per filter.")
  boolean sharedScale;

  @Option(names = "--channel-mean", description = "One grey tile per filter: the mean over its input channels"
      + " (for kernels without 3 input channels).")
  boolean channelMean;

  @Option(names = "--max-filters", defaultValue = "64", paramLabel = "N",
      description = "Draw at most this many filters, the first ones (default: ${DEFAULT-VALUE}; the .npy holds all).")
  int maxFilters;

  @Option(names = "--max-channels", defaultValue = "16", paramLabel = "N",
      description = "Per-channel tiles: draw at most this many input channels per filter (default: ${DEFAULT-VALUE}).")
  int maxChannels;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    if (maxFilters < 1 || maxChannels < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-filters and --max-channels must be at least 1");
    }
    try (Explainer explainer = model.explainer()) {
      ConvLayer conv = ConvLayer.find(explainer.model(), layer);
      FilterTiles tiles = FilterTiles.of(conv, sharedScale ? FilterScale.SHARED : FilterScale.PER_FILTER, channelMean);
      AtomicFiles.ensureWritableDirectory(out);
      FilterView.Written w = FilterView.write(tiles, out, maxFilters, maxChannels);
      spec.commandLine().getErr().println("gradcam4j: " + conv.filters() + " filters of Conv '" + conv.node() + "' "
          + java.util.Arrays.toString(conv.shape()) + (conv.group() > 1 ? " in " + conv.group() + " groups" : "")
          + ", " + w.filtersShown() + " drawn: wrote " + w.png() + ", " + w.npy() + ", " + w.json());
      return 0;
    }
  }
}
