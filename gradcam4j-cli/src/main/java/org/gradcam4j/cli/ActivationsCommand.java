package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.inspect.activations.ActivationView;
import org.gradcam4j.inspect.activations.ChannelActivations;
import org.gradcam4j.inspect.activations.Dissection;
import org.gradcam4j.inspect.activations.DissectionView;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.runtime.FloatTensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j activations}: a layer's channels for one image, or NetDissect's view over a folder. */
@Command(name = "activations", mixinStandardHelpOptions = true,
    description = {
      "With --image: the layer's channels for one image, highest mean activation first, each tile captioned"
          + " with the channel and its mean and drawn on the layer's one min-max range (viridis);"
          + " writes activations.png, activations.npy (the tensor [1, C, H, W]) and activations.json.",
      "",
      "With --images DIR and --channels: NetDissect's view. A channel's threshold is the value its top"
          + " --quantile of activations over all images exceed (np.quantile(v, 1 - q, method='lower'));"
          + " a row per channel shows the images where it peaks highest, bright where its map (bilinearly"
          + " upsampled) is above the threshold and dimmed elsewhere. Writes dissect.png, dissect.json,"
          + " dissect.csv. Unreadable images are skipped and listed."
    })
final class ActivationsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Mixin
  PreprocessOptions preprocess;

  static final class Source {
    @Option(names = "--image", paramLabel = "FILE", description = "One image: show all its channels.")
    Path image;

    @Option(names = "--images", paramLabel = "DIR", description = "A folder of images: NetDissect's view of --channels.")
    Path images;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--layer", paramLabel = "NAME", description = "A 4-D tensor or node (default: the model's explained layer).")
  String layer;

  @Option(names = "--channels", paramLabel = "LIST", description = "With --images: channels such as 3,7,10-15.")
  String channels;

  @Option(names = "--quantile", defaultValue = "0.005", paramLabel = "Q",
      description = "With --images: the top fraction of a channel's values above its threshold (default: ${DEFAULT-VALUE}).")
  double quantile;

  @Option(names = "--top-images", defaultValue = "6", paramLabel = "N",
      description = "With --images: images shown per channel (default: ${DEFAULT-VALUE}).")
  int topImages;

  @Option(names = "--max-channels", defaultValue = "64", paramLabel = "N",
      description = "With --image: draw at most this many channels, the highest (default: ${DEFAULT-VALUE}; the .npy holds all).")
  int maxChannels;

  @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    if (topImages < 1 || maxChannels < 1 || batchSize < 1) {
      throw new GradCamException("--top-images, --max-channels and --batch-size must be at least 1");
    }
    try (Explainer explainer = model.explainer()) {
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      return source.image != null ? oneImage(explainer, pre) : dissect(explainer, pre);
    }
  }

  private int oneImage(Explainer explainer, Preprocessing pre) {
    if (channels != null) {
      throw new GradCamException("--channels goes with --images DIR (NetDissect's view); --image shows every channel");
    }
    RgbImage image = pre.resizeAndCrop(ImageDecoder.read(source.image));
    FloatTensor input = FloatTensor.stack(List.of(pre.normalize(image)));
    LayerTensor l = LayerTensor.resolve(explainer.runtime(), layer, input.shape());
    int fixed = explainer.runtime().fixedBatchSize();
    FloatTensor act = explainer.forward(fixed > 1 ? input.paddedSlice(0, 1, fixed) : input, List.of(l.name())).get(l.name());
    if (act.dim(0) > 1) {
      act = act.paddedSlice(0, 1, 1);
    }
    ChannelActivations a = ChannelActivations.of(l, act);
    AtomicFiles.ensureWritableDirectory(out);
    ActivationView.Written w = ActivationView.write(a, out, maxChannels, source.image.getFileName().toString());
    spec.commandLine().getErr().println("gradcam4j: " + l.channels() + " channels of '" + l.name() + "' ("
        + l.height() + "x" + l.width() + "), " + w.channelsShown() + " drawn: wrote " + w.png() + ", " + w.npy()
        + ", " + w.json());
    return 0;
  }

  private int dissect(Explainer explainer, Preprocessing pre) {
    if (channels == null) {
      throw new GradCamException("--images needs --channels (such as 3,7,10-15): the channels to dissect");
    }
    ImageFolder folder = ImageFolder.of(source.images);
    LayerTensor l = LayerTensor.resolve(explainer.runtime(), layer, InspectSupport.folderInputShape(pre));
    List<Integer> chosen = l.checkChannels(InspectSupport.channels(channels));
    Dissection d = Dissection.run(explainer.runtime(), folder, pre, l, chosen, quantile, topImages, batchSize,
        InspectSupport.progress(spec.commandLine().getErr()));
    InspectSupport.reportSkipped(spec.commandLine().getErr(), d.skipped());
    AtomicFiles.ensureWritableDirectory(out);
    DissectionView.Written w = DissectionView.write(d, explainer.runtime(), folder, pre, out);
    spec.commandLine().getErr().println("gradcam4j: " + chosen.size() + " channels of '" + l.name() + "' over "
        + (folder.size() - d.skipped().size()) + " images" + (d.skipped().isEmpty() ? "" : " (" + d.skipped().size()
        + " skipped)") + ": wrote " + w.png() + ", " + w.json() + ", " + w.csv());
    return 0;
  }
}
