package org.gradcam4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gradcam4j.Explainer;
import org.gradcam4j.ImageExplanation;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.render.ExplanationFiles;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Sequences;
import org.gradcam4j.targets.Target;

/**
 * {@code explain --target sequence}: an image's greedy-decoded sequence, explained as a whole
 * (S.M.png) and, with --per-token, token by token (S.M.t00.png, ...), with S.tokens.json listing the
 * tokens. The tokens of one image are one batch of seeds: copies of the image, one per token, go
 * through the compiled graph together, so a batch of tokens costs one run, not one run per token.
 */
final class SequenceMaps {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What is explained and how, the same for every image.
   *
   * @param configure sets methods, layers, output, options and batch size of a request
   */
  record Request(Preprocessing preprocessing, UnaryOperator<ImageExplanation> configure, String output, int steps, int classes, int blank,
      boolean perToken, boolean counterfactual) {}

  private final Explainer explainer;
  private final Request request;
  private final List<String> symbols;

  SequenceMaps(Explainer explainer, Request request, List<String> symbols) {
    this.explainer = explainer;
    this.request = request;
    this.symbols = symbols;
  }

  /** The decoded image: its tokens, their text, and the explanations (the whole sequence first). */
  record Result(RgbImage input, List<Sequences.Token> tokens, String text, List<ExplainedImage> explained) {}

  /** Decodes an image (one forward pass) and explains its sequence and, with --per-token, each token. */
  Result explain(Path file, String stem) {
    RgbImage original = ImageDecoder.read(file);
    Preprocessing pre = request.preprocessing();
    RgbImage input = pre.resizeAndCrop(original);
    FloatTensor x = FloatTensor.stack(List.of(pre.normalize(input)));
    float[] scores = explainer.forward(x, List.of(request.output())).get(request.output()).data();
    List<Sequences.Token> tokens = Sequences.greedyDecode(scores, request.steps(), request.classes(), request.blank());
    List<Target> targets = new ArrayList<>();
    targets.add(Sequences.decoded(tokens, request.steps(), request.classes()));
    if (request.perToken()) {
      tokens.forEach(t -> targets.add(Sequences.token(t, request.steps(), request.classes())));
    }
    if (request.counterfactual()) {
      targets.replaceAll(Target::counterfactual);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      names.add(i == 0 ? stem : stem + String.format(Locale.ROOT, ".t%02d", i - 1));
    }
    List<ExplainedImage> explained = request.configure()
        .apply(explainer.explainImages(Collections.nCopies(targets.size(), original), names).preprocessing(pre))
        .targets(targets)
        .run();
    return new Result(input, tokens, text(tokens), explained);
  }

  /** The token's text: its label when the labels give one, else its index in brackets. */
  String symbol(int index) {
    return index < symbols.size() ? symbols.get(index) : "[" + index + "]";
  }

  private String text(List<Sequences.Token> tokens) {
    StringBuilder sb = new StringBuilder();
    tokens.forEach(t -> sb.append(symbol(t.symbol())));
    return sb.toString();
  }

  /**
   * Writes the maps of one image: the sequence's as S.M.*, token j's as S.M.tJJ.*, and S.tokens.json.
   *
   * @param fileNames the file-name form of each method (counterfactual maps have their own)
   */
  List<Path> write(Result r, String stem, String source, ExplanationFiles writer, List<ExplanationMethod> methods,
      Map<String, String> fileNames, Path folder, double msPerMap) {
    List<Path> written = new ArrayList<>();
    ObjectNode json = JSON.createObjectNode();
    json.put("image", source);
    json.put("output", request.output());
    json.put("blank", request.blank());
    json.put("text", r.text());
    ArrayNode tokens = json.putArray("tokens");
    for (int i = 0; i < r.explained().size(); i++) {
      ExplainedImage image = r.explained().get(i);
      String suffix = i == 0 ? "" : String.format(Locale.ROOT, ".t%02d", i - 1);
      Map<String, String> maps = new LinkedHashMap<>();
      for (ExplanationMethod m : methods) {
        Explanation e = image.explanation(m.name()).withMethod(fileNames.get(m.name()) + suffix);
        written.addAll(writer.write(new ExplainedImage(stem, r.input(), Map.of(e.method(), e)), e, source, msPerMap));
        maps.put(fileNames.get(m.name()), writer.png(stem, e.method()).getFileName().toString());
      }
      ObjectNode node = i == 0 ? json.putObject("sequence") : tokens.addObject();
      if (i > 0) {
        Sequences.Token t = r.tokens().get(i - 1);
        node.put("index", i - 1);
        node.put("symbol", t.symbol());
        node.put("text", symbol(t.symbol()));
        node.put("first_step", t.firstStep());
        node.put("last_step", t.lastStep());
        node.put("score", t.score());
      } else {
        node.put("score", r.tokens().stream().mapToDouble(Sequences.Token::score).sum());
        if (!request.perToken()) {
          r.tokens().forEach(t -> tokens.addObject().put("symbol", t.symbol()).put("text", symbol(t.symbol()))
              .put("first_step", t.firstStep()).put("last_step", t.lastStep()).put("score", t.score()));
        }
      }
      ObjectNode files = node.putObject("maps");
      maps.forEach(files::put);
    }
    Path tokensFile = folder.resolve(stem + ".tokens.json");
    try {
      AtomicFiles.writeString(tokensFile, JSON.writeValueAsString(json) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    written.add(tokensFile);
    return written;
  }
}
