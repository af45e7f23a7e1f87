package org.gradcam4j.inspect.visualize;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.TensorShape;

/** Parsing of the command-line forms of objectives, and the checks they share. */
public final class Objectives {
  private Objectives() {}

  /**
   * Parses "class:C", "channel:T:C", "neuron:T:C:Y:X" or "dream:T"; several joined by '+' add up.
   * Layer names may themselves contain ':' only in the dream form (the rest of the text is the name).
   */
  public static Objective parse(String text) {
    List<Objective> parts = new ArrayList<>();
    for (String part : text.split("\\+")) {
      parts.add(parseOne(part.trim()));
    }
    return parts.size() == 1 ? parts.get(0) : Objective.sum(parts);
  }

  private static Objective parseOne(String text) {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? text : text.substring(0, colon);
    String rest = colon < 0 ? "" : text.substring(colon + 1);
    switch (kind) {
      case "class":
        return Objective.classLogit(integer(rest, "class index", text));
      case "channel": {
        String[] p = splitLast(rest, 1, text, "channel:LAYER:C");
        return Objective.channel(p[0], integer(p[1], "channel", text));
      }
      case "neuron": {
        String[] p = splitLast(rest, 3, text, "neuron:LAYER:C:Y:X");
        return Objective.neuron(p[0], integer(p[1], "channel", text), integer(p[2], "row", text),
            integer(p[3], "column", text));
      }
      case "dream":
        if (rest.isEmpty()) {
          throw new GradCamException("Objective '" + text + "' needs a layer: dream:LAYER");
        }
        return Objective.dream(rest);
      default:
        throw new GradCamException("Unknown objective '" + text
            + "': use class:C, channel:LAYER:C, neuron:LAYER:C:Y:X or dream:LAYER (join several with '+')");
    }
  }

  /** Splits "layer:a:b" into the layer (which may contain ':') and its last {@code count} numbers. */
  static String[] splitLast(String rest, int count, String text, String form) {
    String[] out = new String[count + 1];
    String head = rest;
    for (int i = count; i >= 1; i--) {
      int c = head.lastIndexOf(':');
      if (c <= 0) {
        throw new GradCamException("Objective '" + text + "' does not have the form " + form);
      }
      out[i] = head.substring(c + 1);
      head = head.substring(0, c);
    }
    out[0] = head;
    return out;
  }

  static int integer(String s, String what, String text) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new GradCamException("Invalid " + what + " '" + s + "' in objective '" + text + "': expected an integer");
    }
  }

  /** [C, H, W] of a layer tensor [N, C, H, W] (or [N, C], read as C x 1 x 1). */
  static int[] channelsHeightWidth(TensorShape shape, String layer) {
    int rank = shape.rank();
    if (rank == 2) {
      return new int[] {(int) shape.dim(1), 1, 1};
    }
    if (rank != 4) {
      throw new GradCamException("Layer " + layer + " has shape " + shape + "; channel and neuron objectives need"
          + " [N, C, H, W] (or [N, C])");
    }
    return new int[] {(int) shape.dim(1), (int) shape.dim(2), (int) shape.dim(3)};
  }

  static void checkChannel(String layer, int channel, int channels) {
    if (channel < 0 || channel >= channels) {
      throw new GradCamException("Channel " + channel + " is out of range: layer " + layer + " has " + channels
          + " channels (0.." + (channels - 1) + ")");
    }
  }

  /** A file-name-safe form of a layer name. */
  static String safe(String layer) {
    return layer.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
  }
}
