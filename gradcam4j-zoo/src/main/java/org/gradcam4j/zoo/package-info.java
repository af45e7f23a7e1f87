/**
 * Models by name: the {@link org.gradcam4j.zoo.ModelCatalog} of well-known ImageNet ONNX models (URL,
 * size and SHA-256 of each, pinned to a commit), and the {@link org.gradcam4j.zoo.ModelCache} that
 * downloads them once with a progress listener, verifies them, moves them into place atomically under
 * a lock, and writes their model card ({@code ~/.cache/gradcam4j}, or {@code $GRADCAM4J_CACHE}).
 *
 * <p>Typical use by a command-line front end:
 *
 * <pre>{@code
 * ModelCache cache = ModelCache.openDefault();
 * Path onnx = cache.resolve("resnet50", (done, total) -> System.err.print("\r" + done + " bytes"));
 * ModelCard card = ModelCard.find(onnx).orElseThrow();
 * List<String> labels = card.loadLabels(ModelCard.sidecarFor(onnx)).orElse(List.of());
 * Optional<Preprocessing> recipe = Optional.ofNullable(card.preprocessing()).map(PreprocessingSpec::toPreprocessing);
 * }</pre>
 *
 * <p>Floor "zoo" (gradcam4j-zoo): may use gradcam4j-core; never the evaluation packages or {@code cli}.
 */
package org.gradcam4j.zoo;
