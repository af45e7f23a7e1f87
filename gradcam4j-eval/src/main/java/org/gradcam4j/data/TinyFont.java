package org.gradcam4j.data;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;

/**
 * A 3x5 pixel capital-letter font for captions. Drawing our own glyphs keeps previews independent of
 * the fonts installed on the machine (a headless server may have none).
 */
final class TinyFont {
  static final int GLYPH_WIDTH = 3;
  static final int GLYPH_HEIGHT = 5;

  // Five rows of three pixels per glyph, top to bottom, separated by '/'; '#' = ink.
  private static final Map<Character, String> GLYPHS = Map.ofEntries(
      Map.entry('A', ".#./#.#/###/#.#/#.#"), Map.entry('B', "##./#.#/##./#.#/##."),
      Map.entry('C', ".##/#../#../#../.##"), Map.entry('D', "##./#.#/#.#/#.#/##."),
      Map.entry('E', "###/#../##./#../###"), Map.entry('F', "###/#../##./#../#.."),
      Map.entry('G', ".##/#../#.#/#.#/.##"), Map.entry('H', "#.#/#.#/###/#.#/#.#"),
      Map.entry('I', "###/.#./.#./.#./###"), Map.entry('J', "..#/..#/..#/#.#/.#."),
      Map.entry('K', "#.#/#.#/##./#.#/#.#"), Map.entry('L', "#../#../#../#../###"),
      Map.entry('M', "#.#/###/###/#.#/#.#"), Map.entry('N', "##./#.#/#.#/#.#/#.#"),
      Map.entry('O', ".#./#.#/#.#/#.#/.#."), Map.entry('P', "##./#.#/##./#../#.."),
      Map.entry('Q', ".#./#.#/#.#/##./.##"), Map.entry('R', "##./#.#/##./#.#/#.#"),
      Map.entry('S', ".##/#../.#./..#/##."), Map.entry('T', "###/.#./.#./.#./.#."),
      Map.entry('U', "#.#/#.#/#.#/#.#/###"), Map.entry('V', "#.#/#.#/#.#/#.#/.#."),
      Map.entry('W', "#.#/#.#/###/###/#.#"), Map.entry('X', "#.#/#.#/.#./#.#/#.#"),
      Map.entry('Y', "#.#/#.#/.#./.#./.#."), Map.entry('Z', "###/..#/.#./#../###"),
      Map.entry('0', "###/#.#/#.#/#.#/###"), Map.entry('1', ".#./##./.#./.#./###"),
      Map.entry('2', "##./..#/.#./#../###"), Map.entry('3', "##./..#/.#./..#/##."),
      Map.entry('4', "#.#/#.#/###/..#/..#"), Map.entry('5', "###/#../##./..#/##."),
      Map.entry('6', ".##/#../###/#.#/###"), Map.entry('7', "###/..#/.#./.#./.#."),
      Map.entry('8', "###/#.#/###/#.#/###"), Map.entry('9', "###/#.#/###/..#/##."),
      Map.entry('+', ".../.#./###/.#./..."), Map.entry('-', ".../.../###/.../..."),
      Map.entry('.', ".../.../.../.../.#."), Map.entry('?', "##./..#/.#./.../.#."),
      Map.entry(' ', ".../.../.../.../..."));

  private TinyFont() {}

  /** Width in pixels of {@code text} drawn at {@code zoom}, with one blank column between glyphs. */
  static int width(String text, int zoom) {
    return text.isEmpty() ? 0 : (text.length() * (GLYPH_WIDTH + 1) - 1) * zoom;
  }

  /** Draws {@code text} with its top-left corner at (x, y); unknown characters show as '?'. */
  static void draw(BufferedImage target, String text, int x, int y, int zoom, int rgb) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (int k = 0; k < upper.length(); k++) {
      String glyph = GLYPHS.getOrDefault(upper.charAt(k), GLYPHS.get('?'));
      int gx = x + k * (GLYPH_WIDTH + 1) * zoom;
      for (int row = 0; row < GLYPH_HEIGHT; row++) {
        for (int col = 0; col < GLYPH_WIDTH; col++) {
          if (glyph.charAt(row * (GLYPH_WIDTH + 1) + col) == '#') {
            fill(target, gx + col * zoom, y + row * zoom, zoom, rgb);
          }
        }
      }
    }
  }

  private static void fill(BufferedImage target, int x, int y, int zoom, int rgb) {
    for (int j = 0; j < zoom; j++) {
      for (int i = 0; i < zoom; i++) {
        if (x + i >= 0 && y + j >= 0 && x + i < target.getWidth() && y + j < target.getHeight()) {
          target.setRGB(x + i, y + j, rgb);
        }
      }
    }
  }
}
