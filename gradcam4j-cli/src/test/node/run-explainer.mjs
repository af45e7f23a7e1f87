// Runs an ONNX model exported by `gradcam4j compile` in ONNX Runtime for Node.js and writes its
// outputs as JSON. Usage:
//   node run-explainer.mjs MODEL INPUT_NAME INPUT.f32 N,C,H,W SEED.f32 K OUT.json
// The .f32 files hold little-endian float32 values in row-major order.
import ort from 'onnxruntime-node';
import { readFileSync, writeFileSync } from 'node:fs';

const [model, inputName, inputFile, shapeText, seedFile, classesText, outFile] = process.argv.slice(2);
const floats = (file) => {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
const shape = shapeText.split(',').map(Number);
const classes = Number(classesText);

const session = await ort.InferenceSession.create(model);
const feeds = {
  [inputName]: new ort.Tensor('float32', floats(inputFile), shape),
  seed: new ort.Tensor('float32', floats(seedFile), [shape[0], classes]),
};
const results = await session.run(feeds);
const out = {
  inputNames: session.inputNames,
  outputNames: session.outputNames,
  cam: { dims: results.cam.dims, data: Array.from(results.cam.data) },
  scores: { dims: results.scores.dims, data: Array.from(results.scores.data) },
};
writeFileSync(outFile, JSON.stringify(out));
