package org.gradcam4j.inspect.embed.render;

import java.util.List;
import java.util.Locale;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.embed.Neighbour;

/** Self-contained HTML pages (pictures inline as data URIs, no scripts or styles from elsewhere). */
public final class Pages {
  private Pages() {}

  /**
   * A scatter plot of the map in which hovering a point shows its image, file and label. The images
   * come from one sprite sheet ({@code cell}-pixel thumbnails, {@link Pictures#spriteColumns} per row).
   */
  public static String hoverMap(String title, double[][] xy, int[] labelIds, List<String> labelNames,
      List<String> names, RgbImage sprite, int cell) {
    int side = 800;
    double[][] px = Pictures.toPixels(xy, side, 20);
    StringBuilder pts = new StringBuilder("[");
    for (int i = 0; i < xy.length; i++) {
      if (i > 0) {
        pts.append(',');
      }
      pts.append(String.format(Locale.ROOT, "[%.1f,%.1f,%d]", px[i][0], px[i][1], labelIds[i]));
    }
    pts.append(']');
    StringBuilder colours = new StringBuilder("[");
    for (int l = 0; l < labelNames.size(); l++) {
      colours.append(l > 0 ? "," : "").append(String.format(Locale.ROOT, "'#%06x'", Pictures.colour(l)));
    }
    colours.append(']');
    StringBuilder legend = new StringBuilder();
    for (int l = 0; l < labelNames.size(); l++) {
      legend.append(String.format(Locale.ROOT, "<div><span class=dot style='background:#%06x'></span>%s</div>",
          Pictures.colour(l), Pictures.escape(labelNames.get(l))));
    }
    int cols = Pictures.spriteColumns(xy.length);
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + Pictures.escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;margin:16px;color:#222}#wrap{display:flex;gap:16px}"
        + "canvas{border:1px solid #ccc}#tip{position:absolute;display:none;background:#fff;border:1px solid #888;"
        + "padding:4px;font-size:12px;pointer-events:none;box-shadow:2px 2px 6px #0003}"
        + "#tip .img{width:" + cell + "px;height:" + cell + "px;transform:scale(" + (128.0 / cell) + ");"
        + "transform-origin:0 0;margin-bottom:" + (128 - cell) + "px;margin-right:" + (128 - cell) + "px;"
        + "background-image:url(" + Pictures.dataUri(sprite) + ");image-rendering:pixelated}"
        + ".dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}</style></head>\n"
        + "<body><h2>" + Pictures.escape(title) + "</h2><p>" + xy.length + " images; hover a point to see it.</p>\n"
        + "<div id=wrap><canvas id=c width=" + side + " height=" + side + "></canvas><div>" + legend + "</div></div>"
        + "<div id=tip><div class=img></div><div id=cap></div></div>\n<script>\n"
        + "const P=" + pts + ";\nconst C=" + colours + ";\nconst N=" + jsonStrings(names) + ";\n"
        + "const L=" + jsonStrings(labelNames) + ";\nconst COLS=" + cols + ",CELL=" + cell + ";\n"
        + "const cv=document.getElementById('c'),g=cv.getContext('2d');g.globalAlpha=0.75;\n"
        + "for(const p of P){g.fillStyle=C[p[2]%C.length];g.beginPath();g.arc(p[0],p[1],3,0,6.2832);g.fill();}\n"
        + "const tip=document.getElementById('tip'),img=tip.querySelector('.img'),cap=document.getElementById('cap');\n"
        + "cv.addEventListener('mousemove',e=>{const r=cv.getBoundingClientRect(),x=e.clientX-r.left,y=e.clientY-r.top;"
        + "let best=-1,bd=64;for(let i=0;i<P.length;i++){const dx=P[i][0]-x,dy=P[i][1]-y,d=dx*dx+dy*dy;"
        + "if(d<bd){bd=d;best=i;}}if(best<0){tip.style.display='none';return;}"
        + "img.style.backgroundPosition=(-(best%COLS)*CELL)+'px '+(-Math.floor(best/COLS)*CELL)+'px';"
        + "cap.textContent=N[best]+' ('+L[P[best][2]]+')';tip.style.display='block';"
        + "tip.style.left=(e.pageX+14)+'px';tip.style.top=(e.pageY+14)+'px';});\n"
        + "cv.addEventListener('mouseleave',()=>tip.style.display='none');\n</script></body></html>\n";
  }

  /** One query with its neighbours, for {@link #neighbours}. */
  public record QueryRow(String name, RgbImage image, List<Neighbour> neighbours) {}

  /** A page of queries, each followed by its nearest images with label and distance. */
  public static String neighbours(String title, String metric, List<QueryRow> rows, List<String> names,
      List<String> labels, List<RgbImage> thumbnails) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Pictures.escape(title)).append("</title><style>body{font-family:sans-serif;margin:16px}"
            + "table{border-collapse:collapse}td{padding:4px;text-align:center;font-size:11px;vertical-align:top}"
            + "td.q{background:#eef}img{width:96px;height:96px;image-rendering:pixelated}</style></head><body><h2>")
        .append(Pictures.escape(title)).append("</h2><p>Distances: ").append(Pictures.escape(metric))
        .append(".</p><table>\n");
    for (QueryRow r : rows) {
      b.append("<tr><td class=q><img src=\"").append(Pictures.dataUri(r.image())).append("\"><br><b>")
          .append(Pictures.escape(r.name())).append("</b></td>");
      int rank = 1;
      for (Neighbour nb : r.neighbours()) {
        b.append("<td><img src=\"").append(Pictures.dataUri(thumbnails.get(nb.index()))).append("\"><br>#")
            .append(rank++).append(' ').append(Pictures.escape(names.get(nb.index()))).append("<br>")
            .append(Pictures.escape(labels.get(nb.index())))
            .append(String.format(Locale.ROOT, "<br>%.4f", nb.distance())).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</table></body></html>\n").toString();
  }

  /** A picture of the queries (first column) and their neighbours, one row per query. */
  public static RgbImage neighbourGrid(List<QueryRow> rows, List<RgbImage> thumbnails, int cell) {
    int k = rows.stream().mapToInt(r -> r.neighbours().size()).max().orElse(0);
    int gap = 4;
    int w = (k + 1) * (cell + gap) + gap * 3;
    int h = rows.size() * (cell + gap) + gap;
    RgbImage canvas = RgbImage.blank(w, h);
    java.util.Arrays.fill(canvas.pixels(), (byte) 0xff);
    for (int r = 0; r < rows.size(); r++) {
      int y = gap + r * (cell + gap);
      blit(canvas, rows.get(r).image(), gap, y, cell);
      int c = 1;
      for (Neighbour nb : rows.get(r).neighbours()) {
        blit(canvas, thumbnails.get(nb.index()), gap * 4 + c * (cell + gap), y, cell);
        c++;
      }
    }
    return canvas;
  }

  private static void blit(RgbImage canvas, RgbImage t, int ox, int oy, int cell) {
    for (int y = 0; y < cell; y++) {
      for (int x = 0; x < cell; x++) {
        int sx = x * t.width() / cell;
        int sy = y * t.height() / cell;
        for (int c = 0; c < 3; c++) {
          canvas.set(ox + x, oy + y, c, t.get(sx, sy, c));
        }
      }
    }
  }

  static String jsonStrings(List<String> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"');
      for (char ch : values.get(i).toCharArray()) {
        switch (ch) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '<' -> b.append("\\u003c");
          case '>' -> b.append("\\u003e");
          case '&' -> b.append("\\u0026");
          default -> {
            if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
              b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
              b.append(ch);
            }
          }
        }
      }
      b.append('"');
    }
    return b.append(']').toString();
  }
}
