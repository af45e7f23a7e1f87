package org.gradcam4j.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.gradcam4j.error.GradCamException;

/**
 * The JSON mapping shared by model cards and the catalogue: strict (unknown fields, trailing
 * content and fractional sizes are errors) and with Jackson's messages turned into ones that name
 * the file and the field a person has to fix.
 */
public final class StrictJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private StrictJson() {}

  /**
   * Maps {@code json} onto {@code type}.
   *
   * @param what the document in messages, e.g. {@code "model card /models/resnet50.json"}
   */
  public static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new GradCamException(what + " is empty (it holds JSON null)");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      throw new GradCamException("Unknown field '" + path(e) + "' in " + what
          + (known.isEmpty() ? "" : "; the fields allowed there are: " + known), e);
    } catch (JsonMappingException e) {
      String field = path(e);
      Throwable cause = rootCause(e);
      String reason = cause instanceof IllegalArgumentException || cause instanceof GradCamException
          ? cause.getMessage() : e.getOriginalMessage();
      throw new GradCamException("Invalid " + what + (field.isEmpty() ? "" : " at field '" + field + "'")
          + location(e) + ": " + firstLine(reason), e);
    } catch (JsonProcessingException e) {
      throw new GradCamException(what + " is not valid JSON" + location(e) + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new GradCamException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** Pretty-printed UTF-8 JSON ending with a newline. */
  public static byte[] write(Object value) {
    try {
      return (MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new GradCamException("Cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String path(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String location(JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
