package org.gradcam4j.inspect.filters;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.Tiles;

/**
 * A convolution's kernels as kernel-sized tiles, one pixel per weight. A filter with three input
 * channels becomes one colour tile (input channels 0, 1, 2 as red, green, blue, which is the image's
 * own order for RGB models); any other filter becomes one grey tile per input channel or, with
 * {@code channelMean}, one grey tile of the mean over its input channels. Levels are
 * {@code round(255 * (w - min) / (max - min))} with min and max per filter or over the layer
 * ({@link FilterScale}); the mean tiles are scaled by the min and max of the means.
 *
 * @param tiles per filter, its tiles (one, or one per input channel)
 * @param min per filter, the value drawn black
 * @param max per filter, the value drawn white
 */
public record FilterTiles(ConvLayer layer, boolean colour, boolean channelMean, FilterScale scale,
    List<List<RgbImage>> tiles, float[] min, float[] max) {

  public static FilterTiles of(ConvLayer layer, FilterScale scale, boolean channelMean) {
    int m = layer.filters();
    int c = layer.channelsPerFilter();
    int kh = layer.kernelHeight();
    int kw = layer.kernelWidth();
    int plane = kh * kw;
    boolean colour = c == 3;
    boolean mean = !colour && channelMean;
    float[] w = layer.weights();
    // What is drawn per filter: the weights themselves, or their mean over the input channels.
    float[] drawn = mean ? channelMeans(w, m, c, plane) : w;
    int perFilter = mean ? plane : c * plane;
    float[] min = new float[m];
    float[] max = new float[m];
    float layerMin = Float.POSITIVE_INFINITY;
    float layerMax = Float.NEGATIVE_INFINITY;
    for (int f = 0; f < m; f++) {
      min[f] = Float.POSITIVE_INFINITY;
      max[f] = Float.NEGATIVE_INFINITY;
      for (int i = f * perFilter; i < (f + 1) * perFilter; i++) {
        min[f] = Math.min(min[f], drawn[i]);
        max[f] = Math.max(max[f], drawn[i]);
      }
      layerMin = Math.min(layerMin, min[f]);
      layerMax = Math.max(layerMax, max[f]);
    }
    if (scale == FilterScale.SHARED) {
      java.util.Arrays.fill(min, layerMin);
      java.util.Arrays.fill(max, layerMax);
    }
    List<List<RgbImage>> tiles = new ArrayList<>(m);
    for (int f = 0; f < m; f++) {
      int base = f * perFilter;
      if (colour) {
        RgbImage tile = RgbImage.blank(kw, kh);
        for (int ch = 0; ch < 3; ch++) {
          for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
              tile.set(x, y, ch, Tiles.level(drawn[base + ch * plane + y * kw + x], min[f], max[f]));
            }
          }
        }
        tiles.add(List.of(tile));
      } else if (mean) {
        tiles.add(List.of(Tiles.grey(drawn, base, kh, kw, min[f], max[f])));
      } else {
        List<RgbImage> perChannel = new ArrayList<>(c);
        for (int ch = 0; ch < c; ch++) {
          perChannel.add(Tiles.grey(drawn, base + ch * plane, kh, kw, min[f], max[f]));
        }
        tiles.add(perChannel);
      }
    }
    return new FilterTiles(layer, colour, mean, scale, tiles, min, max);
  }

  private static float[] channelMeans(float[] w, int m, int c, int plane) {
    float[] out = new float[m * plane];
    for (int f = 0; f < m; f++) {
      for (int p = 0; p < plane; p++) {
        double sum = 0;
        for (int ch = 0; ch < c; ch++) {
          sum += w[(f * c + ch) * plane + p];
        }
        out[f * plane + p] = (float) (sum / c);
      }
    }
    return out;
  }
}
