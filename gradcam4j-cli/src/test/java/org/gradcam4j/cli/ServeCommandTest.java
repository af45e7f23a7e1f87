package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
  @Test
  void servesTheDemoModelWhenNothingIsGiven() {
    Cli.Result r = Cli.run("serve", "--port", "0", "--exit-when-ready");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("http://127.0.0.1:").contains("demo: ready");
  }

  @Test
  void aMissingModelFileIsReportedAsAFailedModel() {
    Cli.Result r = Cli.run("serve", "--port", "0", "--exit-when-ready", "--model", "no/such/model.onnx");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("no-such-model.onnx: failed").contains("no/such/model.onnx");
  }

  @Test
  void aModelsDirWithoutModelsIsAnError() {
    Cli.Result r = Cli.run("serve", "--port", "0", "--exit-when-ready", "--models-dir", "src");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("holds no .onnx files");
  }
}
