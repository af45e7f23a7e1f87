package org.gradcam4j.cli;

public final class Main {
  public static void main(String[] args) {
    System.out.println(org.gradcam4j.onnx.proto.Onnx.ModelProto.getDescriptor().getFullName());
  }
}
