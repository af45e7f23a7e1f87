package org.gradcam4j.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.image.Montage;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.ClassScore;
import org.gradcam4j.methods.Explanation;

/**
 * Images x methods, with captions naming the explained class and its score, as one montage PNG and
 * as an HTML report: the pictures people look at to compare methods.
 */
public final class Gallery {
  private final List<ExplainedImage> images = new ArrayList<>();
  private final List<String> methods;
  private final List<String> labels;
  private final RenderOptions options;

  /**
   * @param methods the method columns, in order
   * @param labels class names by index (may be empty: captions then show indices)
   */
  public Gallery(List<String> methods, List<String> labels, RenderOptions options) {
    this.methods = List.copyOf(methods);
    this.labels = List.copyOf(labels);
    this.options = options;
  }

  public Gallery add(ExplainedImage image) {
    images.add(image);
    return this;
  }

  public Gallery addAll(List<ExplainedImage> list) {
    images.addAll(list);
    return this;
  }

  public List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("input");
    c.addAll(methods);
    return c;
  }

  public RgbImage montage(int tileSize) {
    Montage m = new Montage(tileSize, tileSize, columns());
    for (ExplainedImage image : images) {
      List<Montage.Cell> cells = new ArrayList<>();
      for (Figure f : figures(image)) {
        cells.add(new Montage.Cell(f.image, f.caption));
      }
      m.addRow(cells);
    }
    return m.render();
  }

  public HtmlReport report(String title) {
    HtmlReport r = new HtmlReport(title, columns());
    for (ExplainedImage image : images) {
      List<HtmlReport.Figure> figs = new ArrayList<>();
      for (Figure f : figures(image)) {
        figs.add(new HtmlReport.Figure(f.image, f.caption));
      }
      r.addRow(new HtmlReport.Row(image.name(), figs));
    }
    return r;
  }

  private record Figure(RgbImage image, String caption) {}

  private List<Figure> figures(ExplainedImage image) {
    List<Figure> figs = new ArrayList<>();
    Explanation first = image.explanation(methods.get(0));
    ClassScore top = first.top5().get(0);
    figs.add(new Figure(image.input(), image.name() + ": " + label(top.index()) + " " + format(top.score())));
    for (String m : methods) {
      Explanation e = image.explanation(m);
      figs.add(new Figure(ExplanationRenderer.render(e, image.input(), options), caption(e)));
    }
    return figs;
  }

  /**
   * "tabby 17.4", "against tabby 17.4", the target's description, or for a map that draws blank
   * "no evidence against tabby" (see {@link EmptyMap}).
   */
  public String caption(Explanation e) {
    if (e.targetClass() < 0) {
      return e.target().describe();
    }
    return EmptyMap.caption(e, options, label(e.targetClass())).orElse(
        (e.target().isCounterfactual() ? "against " : "") + label(e.targetClass()) + " " + format(e.targetScore()));
  }

  /** What a blank map means and what to try, or empty when the map shows something. */
  public java.util.Optional<String> emptyNote(Explanation e) {
    return EmptyMap.note(e, options, e.targetClass() < 0 ? e.target().describe() : label(e.targetClass()));
  }

  private String label(int index) {
    return index >= 0 && index < labels.size() ? labels.get(index) : "class " + index;
  }

  private static String format(float v) {
    return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.3f" : "%.1f", v);
  }
}
