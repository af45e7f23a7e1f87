package org.gradcam4j.image;

/** The order in which a model expects the three colour planes of its input. */
public enum ChannelOrder {
  /** Red, green, blue (torchvision, Keras). */
  RGB,
  /** Blue, green, red (Caffe, OpenCV). */
  BGR;

  /** The RGB channel (0 = red, 1 = green, 2 = blue) that goes into plane {@code plane}. */
  public int sourceChannel(int plane) {
    return this == RGB ? plane : 2 - plane;
  }
}
