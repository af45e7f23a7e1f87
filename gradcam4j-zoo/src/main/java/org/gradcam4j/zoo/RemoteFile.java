package org.gradcam4j.zoo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file that can be downloaded and verified: where it is, what it must hash to, how big it is,
 * the name it gets in the cache, and where the checksum came from.
 *
 * @param fileName the name in the cache folder (a plain file name, no folders)
 * @param url the download address ({@code https}; plain {@code http} is accepted for local mirrors)
 * @param sha256 the expected SHA-256 of the content, 64 hex digits
 * @param size the expected size in bytes
 * @param source where {@code sha256} and {@code size} were taken from, so they can be re-checked
 */
public record RemoteFile(String fileName, String url, String sha256, long size, String source) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public RemoteFile {
    if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
        || fileName.equals(".") || fileName.equals("..") || fileName.startsWith(".")) {
      throw new IllegalArgumentException("fileName must be a plain file name (no folders, not hidden), not '"
          + fileName + "'");
    }
    URI uri = parse(url);
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) address, not '" + url + "'");
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 of " + fileName + " must be 64 hex digits, not '" + sha256 + "'");
    }
    if (size <= 0) {
      throw new IllegalArgumentException("size of " + fileName + " must be a positive number of bytes, not " + size);
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source of " + fileName + " must say where the checksum came from");
    }
  }

  /** {@link #url} as a URI. */
  @JsonIgnore
  public URI uri() {
    return parse(url);
  }

  private static URI parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("url is missing");
    }
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url '" + url + "' is not a valid address: " + e.getReason(), e);
    }
  }
}
