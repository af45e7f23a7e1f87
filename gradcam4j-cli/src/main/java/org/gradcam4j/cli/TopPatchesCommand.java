package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.inspect.patches.TopPatches;
import org.gradcam4j.inspect.patches.TopPatchesView;
import org.gradcam4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j top-patches}: the image patches that drive a layer's channels most. */
@Command(name = "top-patches", mixinStandardHelpOptions = true,
    description = {
      "Finds, for each channel of a layer, the k images where it peaks highest over a folder (one pass in"
          + " batches; memory holds k hits per channel, never the activations) and cuts out the peak unit's"
          + " receptive field from the pre-processed image: a row per channel, k patches each, captioned"
          + " with the activation. Writes top-patches.png, top-patches.json and top-patches.csv (channel,"
          + " rank, image, y, x, value, box).",
      "",
      "The receptive field is computed from the graph (kernels, strides, dilations and pads of"
          + " convolutions and pooling, the union over residual and element-wise branches); where it reaches"
          + " past the image the patch is mid-grey. Each image gives a channel one patch, at its first"
          + " maximum. Unreadable images are skipped and listed."
    })
final class TopPatchesCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Mixin
  PreprocessOptions preprocess;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "The folder of images.")
  Path images;

  @Option(names = "--layer", paramLabel = "NAME", description = "A 4-D tensor or node (default: the model's explained layer).")
  String layer;

  @Option(names = "--channels", paramLabel = "LIST", description = "Channels such as 3,7,10-15 (default: see --top-channels).")
  String channels;

  @Option(names = "--top-channels", defaultValue = "8", paramLabel = "N",
      description = "Without --channels: the N channels whose k best values have the highest mean (default: ${DEFAULT-VALUE}).")
  int topChannels;

  @Option(names = "-k", defaultValue = "9", paramLabel = "K", description = "Patches per channel (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    if (k < 1 || topChannels < 1 || batchSize < 1) {
      throw new GradCamException("-k, --top-channels and --batch-size must be at least 1");
    }
    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      ImageFolder folder = ImageFolder.of(images);
      LayerTensor l = LayerTensor.resolve(explainer.runtime(), layer, InspectSupport.folderInputShape(pre));
      List<Integer> chosen = channels == null ? List.of() : l.checkChannels(InspectSupport.channels(channels));
      TopPatches t = TopPatches.run(explainer.runtime(), folder, pre, l, chosen, topChannels, k, batchSize,
          InspectSupport.progress(spec.commandLine().getErr()));
      InspectSupport.reportSkipped(spec.commandLine().getErr(), t.skipped());
      AtomicFiles.ensureWritableDirectory(out);
      TopPatchesView.Written w = TopPatchesView.write(t, folder, pre, out);
      spec.commandLine().getErr().println("gradcam4j: " + t.channels().size() + " channels of '" + l.name() + "' over "
          + t.imagesRead() + " images" + (t.skipped().isEmpty() ? "" : " (" + t.skipped().size() + " skipped)")
          + ", receptive field " + t.field().height() + "x" + t.field().width() + ": wrote " + w.png() + ", "
          + w.json() + ", " + w.csv());
      return 0;
    }
  }
}
