/**
 * Models by name and models described once: the {@link org.gradcam4j.zoo.ModelCatalog} of
 * well-known ImageNet ONNX models, the {@link org.gradcam4j.zoo.ModelCache} that downloads, verifies
 * and keeps them ({@code ~/.cache/gradcam4j}), the {@link org.gradcam4j.model.ModelCard} JSON file
 * that sits next to any ONNX model and records its pre-processing, labels, layer and score tensor,
 * and {@link org.gradcam4j.model.ClassLabels} for label files.
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
 */
package org.gradcam4j.zoo;
