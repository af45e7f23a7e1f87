package org.gradcam4j.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;

/**
 * An ONNX Runtime session for one model, fed and read with {@link FloatTensor}s. Native memory is
 * released by {@link #close()}; tensors passed in and out are plain Java arrays, so no native
 * handle escapes. Safe to call {@link #run} from several threads at once.
 */
public final class OnnxSession implements AutoCloseable {
  private final OrtSession session;
  private final String description;

  public OnnxSession(OnnxModel model, int intraOpThreads) {
    this(model, intraOpThreads, Device.CPU);
  }

  /** A session for {@code model} on {@code device} (see {@link Device}). */
  public OnnxSession(OnnxModel model, int intraOpThreads, Device device) {
    this(model.toByteArray(), model.source(), intraOpThreads, OrtSession.SessionOptions.OptLevel.ALL_OPT, device);
  }

  public OnnxSession(byte[] modelBytes, String description, int intraOpThreads) {
    this(modelBytes, description, intraOpThreads, OrtSession.SessionOptions.OptLevel.ALL_OPT);
  }

  /** A session with another graph optimisation level (see {@link Ort#options(int, OrtSession.SessionOptions.OptLevel)}). */
  public OnnxSession(byte[] modelBytes, String description, int intraOpThreads,
      OrtSession.SessionOptions.OptLevel optimization) {
    this(modelBytes, description, intraOpThreads, optimization, Device.CPU);
  }

  private OnnxSession(byte[] modelBytes, String description, int intraOpThreads,
      OrtSession.SessionOptions.OptLevel optimization, Device device) {
    this.description = description;
    try (OrtSession.SessionOptions options = Ort.options(intraOpThreads, optimization, device)) {
      this.session = Ort.env().createSession(modelBytes, options);
    } catch (OrtException e) {
      throw new GradCamException("ONNX Runtime cannot load " + description + ": " + e.getMessage(), e);
    }
  }

  public List<String> inputNames() {
    return new ArrayList<>(session.getInputNames());
  }

  public List<String> outputNames() {
    return new ArrayList<>(session.getOutputNames());
  }

  /** Declared shape of an input (-1 for symbolic dimensions). */
  public long[] inputShape(String name) {
    try {
      NodeInfo info = session.getInputInfo().get(name);
      if (info == null || !(info.getInfo() instanceof TensorInfo ti)) {
        throw new GradCamException("The model has no tensor input named '" + name + "'");
      }
      return ti.getShape();
    } catch (OrtException e) {
      throw new GradCamException("Cannot read input info of " + description + ": " + e.getMessage(), e);
    }
  }

  /** Runs the session and returns the requested float outputs. */
  public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs, Collection<String> outputs) {
    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
        FloatTensor t = e.getValue();
        feeds.put(e.getKey(), OnnxTensor.createTensor(Ort.env(), FloatBuffer.wrap(t.data()), t.shape()));
      }
      try (OrtSession.Result result = session.run(feeds, Set.copyOf(outputs))) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (String name : outputs) {
          OnnxValue v = result.get(name).orElseThrow();
          out.put(name, toFloatTensor(name, v));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new GradCamException("ONNX Runtime failed to run " + description + ": " + e.getMessage(), e);
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  /** Runs the session and hands the raw results to {@code reader} before they are released. */
  public <T> T runRaw(Map<String, FloatTensor> inputs, Collection<String> outputs,
      java.util.function.Function<OrtSession.Result, T> reader) {
    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
        FloatTensor t = e.getValue();
        feeds.put(e.getKey(), OnnxTensor.createTensor(Ort.env(), FloatBuffer.wrap(t.data()), t.shape()));
      }
      try (OrtSession.Result result = session.run(feeds, Set.copyOf(outputs))) {
        return reader.apply(result);
      }
    } catch (OrtException e) {
      throw new GradCamException("ONNX Runtime failed to run " + description + ": " + e.getMessage(), e);
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  static FloatTensor toFloatTensor(String name, OnnxValue v) {
    if (!(v instanceof OnnxTensor t)) {
      throw new GradCamException("Output '" + name + "' is not a tensor");
    }
    TensorInfo info = t.getInfo();
    if (info.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
      throw new GradCamException("Output '" + name + "' has type " + info.type + ", expected float32");
    }
    FloatBuffer fb = t.getFloatBuffer();
    float[] data = new float[fb.remaining()];
    fb.get(data);
    return new FloatTensor(info.getShape(), data);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new GradCamException("Cannot release ONNX Runtime session: " + e.getMessage(), e);
    }
  }
}
