package org.gradcam4j.image;

/**
 * Makes AWT run without a display (servers, CI). The property is read once, when AWT first starts,
 * so it must be set before any drawing; a value the user chose explicitly is left alone.
 */
final class Headless {
  private Headless() {}

  static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
