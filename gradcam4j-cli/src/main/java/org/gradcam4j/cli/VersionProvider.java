package org.gradcam4j.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Gradcam4jCommand.class.getPackage().getImplementationVersion();
    return new String[] {"gradcam4j " + (v == null ? "(development build)" : v)};
  }
}
