package org.gradcam4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gradcam4j.eval.PerturbationCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  @TempDir
  Path dir;

  @Test
  void writesAPngOfTheRequestedSizeWithTheCurvesWhereExpected() throws Exception {
    double[] x = new double[11];
    double[] rising = new double[11];
    double[] flat = new double[11];
    for (int i = 0; i <= 10; i++) {
      x[i] = i / 10.0;
      rising[i] = x[i];
      flat[i] = 0.25;
    }
    LinePlot plot = new LinePlot("Test curves", "fraction", "score")
        .xRange(0, 1).yRange(0, 1)
        .addSeries("rising", x, rising)
        .addSeries("flat", x, flat);
    Path png = dir.resolve("plot.png");
    plot.writePng(png, 640, 400);

    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', (byte) 0x0d, (byte) 0x0a, (byte) 0x1a, (byte) 0x0a);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(640);
    assertThat(img.getHeight()).isEqualTo(400);

    LinePlot.Layout layout = plot.layout(640, 400);
    assertThat(layout.area().width).isGreaterThan(300);
    assertThat(layout.area().height).isGreaterThan(200);
    // Along each line, away from where they cross, the line's colour is found within 2 px.
    for (double t = 0.05; t < 1; t += 0.05) {
      if (Math.abs(t - 0.25) > 0.06) {
        assertThat(near(img, layout.px(t), layout.py(t), LinePlot.seriesColor(0)))
            .as("rising line at %.2f", t).isTrue();
      }
      assertThat(near(img, layout.px(t), layout.py(0.25), LinePlot.seriesColor(1)))
          .as("flat line at %.2f", t).isTrue();
    }
    // Where no line runs, the plot area is background (white) or grid (light grey).
    Color empty = new Color(img.getRGB((int) layout.px(0.8), (int) layout.py(0.6) + 3));
    assertThat(empty.getRed()).isGreaterThan(200);
    assertThat(empty.getGreen()).isGreaterThan(200);
    // Text (title, ticks, legend) puts dark pixels outside the plot area.
    assertThat(darkPixels(img, 0, 0, 640, layout.area().y)).as("title").isGreaterThan(20);
    assertThat(darkPixels(img, 0, 0, layout.area().x, 400)).as("y ticks and label").isGreaterThan(50);
  }

  @Test
  void categoricalAxisAndGaps() {
    LinePlot plot = new LinePlot("Sanity check", "layer", "SSIM")
        .xCategories(List.of("logits", "conv5", "conv4", "conv3"))
        .addSeries("a", new double[] {0, 1, 2, 3}, new double[] {1, 0.6, Double.NaN, 0.1});
    BufferedImage img = plot.render(500, 300);
    LinePlot.Layout layout = plot.layout(500, 300);
    assertThat(layout.xMin()).isEqualTo(0);
    assertThat(layout.xMax()).isEqualTo(3);
    // the segment from logits to conv5 is drawn; the NaN breaks the line, so the lone last point
    // is marked with a dot
    assertThat(near(img, layout.px(0.5), layout.py(0.8), LinePlot.seriesColor(0))).isTrue();
    assertThat(near(img, layout.px(3), layout.py(0.1), LinePlot.seriesColor(0))).isTrue();
    assertThat(near(img, layout.px(2.5), layout.py(0.35), LinePlot.seriesColor(0))).isFalse();
  }

  @Test
  void evaluationFiguresAreWritten() throws Exception {
    Map<String, PerturbationCurve> curves = new LinkedHashMap<>();
    curves.put("gradcam", new PerturbationCurve(new double[] {0, 0.5, 1}, new double[] {0.9, 0.1, 0.05}));
    curves.put("random", new PerturbationCurve(new double[] {0, 0.5, 1}, new double[] {0.9, 0.5, 0.05}));
    Path deletion = dir.resolve("deletion.png");
    EvaluationPlots.perturbationCurves(deletion, "deletion", curves);
    Path sanity = dir.resolve("sanity.png");
    EvaluationPlots.sanityCheck(sanity, "SSIM", List.of("fc", "conv2", "conv1"),
        Map.of("gradcam", new double[] {0.8, 0.3, 0.1}));
    Path road = dir.resolve("road.png");
    EvaluationPlots.roadCurves(road, new double[] {0.1, 0.5, 0.9}, Map.of("gradcam", new double[] {0.5, 0.2, 0.1}),
        Map.of("gradcam", new double[] {0.9, 0.8, 0.6}));
    for (Path p : List.of(deletion, sanity, road)) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertThat(img.getWidth()).isEqualTo(EvaluationPlots.WIDTH);
      assertThat(img.getHeight()).isEqualTo(EvaluationPlots.HEIGHT);
    }
  }

  @Test
  void rejectsDegenerateInput() {
    assertThatThrownBy(() -> new LinePlot("t", "x", "y").addSeries("s", new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinePlot("t", "x", "y").xRange(1, 1)).hasMessageContaining("max > min");
    assertThatThrownBy(() -> new LinePlot("t", "x", "y").render(50, 50)).hasMessageContaining("200x150");
  }

  @Test
  void niceTicks() {
    // [0, 1] over about 6 intervals: 1 / 6 = 0.167 = 1.67 x 0.1, rounded to the nice factor 2, so a
    // step of 0.2 and the ticks 0, 0.2, ..., 1. They are sums of steps in binary floating point, so
    // compared with a tolerance far below the step (a missing or extra tick changes the length).
    assertThat(LinePlot.ticks(0, 1)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, offset(1e-9));
    assertThat(LinePlot.niceStep(0.13)).isEqualTo(0.1);
    assertThat(LinePlot.niceStep(23)).isEqualTo(20);
    assertThat(LinePlot.niceStep(4.2)).isEqualTo(5);
  }

  /** Whether a pixel within 2 px of (x, y) is close to {@code c}. */
  private static boolean near(BufferedImage img, double x, double y, Color c) {
    for (int dy = -2; dy <= 2; dy++) {
      for (int dx = -2; dx <= 2; dx++) {
        int px = (int) Math.round(x) + dx;
        int py = (int) Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= img.getWidth() || py >= img.getHeight()) {
          continue;
        }
        Color p = new Color(img.getRGB(px, py));
        int d = Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen())
            + Math.abs(p.getBlue() - c.getBlue());
        if (d < 40) {
          return true;
        }
      }
    }
    return false;
  }

  private static int darkPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        Color p = new Color(img.getRGB(x, y));
        if (p.getRed() + p.getGreen() + p.getBlue() < 300) {
          n++;
        }
      }
    }
    return n;
  }
}
