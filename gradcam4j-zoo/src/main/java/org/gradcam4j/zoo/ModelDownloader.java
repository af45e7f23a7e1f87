package org.gradcam4j.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.gradcam4j.error.GradCamException;

/**
 * Downloads one {@link RemoteFile} over HTTP(S) and puts it in place only once its size and
 * SHA-256 are right.
 *
 * <p>The bytes go into a ".part" file next to the target. When a ".part" file is already there
 * (an earlier download was cut off), the download resumes with an HTTP {@code Range} request; a
 * server that ignores the range (answers 200 with the whole file) makes it start over from the
 * first byte. Redirects are followed (the ONNX model zoo's GitHub URLs redirect to the LFS media
 * host). The checksum is computed while the bytes arrive, so a finished download is not read a
 * second time. A wrong checksum deletes the ".part" file; a transfer that is cut off keeps it for
 * the next attempt. Every failure that a person can work around by downloading the file by hand
 * says which URL to fetch, the checksum, and the exact path to save it under.
 *
 * <p>The downloader does not lock anything: the caller ({@link ModelCache}) makes sure that only
 * one download writes a given ".part" file at a time.
 */
public final class ModelDownloader {
  private static final String USER_AGENT = "gradcam4j (model download)";
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
  private static final int BUFFER = 1 << 16;

  private final HttpClient client;
  private final Duration responseTimeout;
  private final Duration stallTimeout;

  /**
   * A downloader with {@link #defaultClient()} that waits up to a minute for a server to answer
   * and gives up on a transfer when no data arrive for a minute.
   */
  public ModelDownloader() {
    this(defaultClient(), Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  /**
   * @param client the HTTP client; it must follow redirects
   * @param responseTimeout how long to wait for the response headers of a request
   * @param stallTimeout how long a transfer may go without receiving data before it counts as cut off
   */
  public ModelDownloader(HttpClient client, Duration responseTimeout, Duration stallTimeout) {
    this.client = client;
    this.responseTimeout = responseTimeout;
    this.stallTimeout = stallTimeout;
  }

  /** An HTTP client that follows redirects (never from https to http) and the system's proxy settings. */
  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * Downloads {@code file} to {@code target}.
   *
   * @param part where the bytes collect until they are verified; an existing one is resumed
   * @throws ModelDownloadException when the network, the server or the transfer fails
   * @throws ChecksumMismatchException when the complete download has the wrong SHA-256
   */
  public void download(RemoteFile file, Path target, Path part, ProgressListener listener) {
    createFolder(target);
    boolean retried = false;
    while (true) {
      long offset = usablePartSize(part, file);
      MessageDigest digest = Sha256.newDigest();
      if (offset > 0) {
        hashPrefix(digest, part, offset);
      }
      if (offset == file.size()) {
        // A complete part from an earlier run whose final move did not happen: verify it as it is.
        listener.note("Found a complete earlier download of " + file.fileName() + "; verifying it");
        verifyAndMove(file, target, part, digest, listener);
        return;
      }
      HttpResponse<InputStream> response = send(file, target, offset);
      int status = response.statusCode();
      if (status == 416 && offset > 0 && !retried) {
        // The server cannot serve the rest of our part: the part is not a prefix of its file.
        close(response);
        delete(part);
        listener.note("The server refused to resume " + file.fileName() + "; starting over");
        retried = true;
        continue;
      }
      if (status == 206) {
        Optional<String> problem = checkContentRange(response, offset, file.size());
        if (problem.isPresent()) {
          close(response);
          delete(part);
          if (retried) {
            throw new ModelDownloadException("The server sent an unusable partial answer for " + file.url() + ": "
                + problem.get() + ".\n" + manualInstructions(file, target));
          }
          listener.note("The server answered the resume request of " + file.fileName() + " wrongly ("
              + problem.get() + "); starting over");
          retried = true;
          continue;
        }
      } else if (status == 200) {
        if (offset > 0) {
          listener.note("The server does not support resuming downloads; downloading " + file.fileName()
              + " again from the start");
          offset = 0;
          digest = Sha256.newDigest();
        }
      } else {
        close(response);
        throw new ModelDownloadException("Cannot download " + file.fileName() + ": the server answered HTTP "
            + status + " for " + file.url() + (offset > 0 ? " (resuming at byte " + offset + ")" : "") + ".\n"
            + manualInstructions(file, target));
      }
      checkAnnouncedLength(response, file, target, part, offset);
      transfer(response, file, target, part, offset, digest, listener);
      verifyAndMove(file, target, part, digest, listener);
      return;
    }
  }

  /**
   * What to tell a person whose download failed: the URL, checksum and size of the file and the
   * exact path to save it under.
   */
  public static String manualInstructions(RemoteFile file, Path target) {
    return "To install it by hand, download\n  " + file.url() + "\n(" + file.size() + " bytes, sha256 "
        + file.sha256() + ")\nand save it as\n  " + target.toAbsolutePath().normalize()
        + "\ngradcam4j verifies the file the next time it is needed.";
  }

  private HttpResponse<InputStream> send(RemoteFile file, Path target, long offset) {
    HttpRequest.Builder request = HttpRequest.newBuilder(file.uri())
        .timeout(responseTimeout)
        .header("User-Agent", USER_AGENT)
        .GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ModelDownloadException("Cannot download " + file.fileName() + " from " + file.url() + ": "
          + describe(e, file) + ".\n" + manualInstructions(file, target), e);
    } catch (IllegalArgumentException e) {
      // The client rejects a malformed redirect target this way.
      throw new ModelDownloadException("Cannot download " + file.fileName() + " from " + file.url()
          + ": the server sent an unusable answer (" + e.getMessage() + ").\n" + manualInstructions(file, target), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GradCamException("The download of " + file.fileName() + " was interrupted", e);
    }
  }

  /** Copies the body into the part file while hashing it; keeps what arrived when the transfer breaks. */
  private void transfer(HttpResponse<InputStream> response, RemoteFile file, Path target, Path part,
      long offset, MessageDigest digest, ProgressListener listener) {
    long done = offset;
    boolean tooLong = false;
    listener.started(file.fileName(), file.size(), offset);
    StandardOpenOption mode = offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (InputStream in = response.body();
        StallWatch watch = new StallWatch(in, stallTimeout);
        OutputStream out = openPart(part, mode)) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = read(in, buf, watch, file, target, part, done, listener)) != -1) {
        watch.touch();
        if (done + n > file.size()) {
          tooLong = true;
          break;
        }
        try {
          out.write(buf, 0, n);
        } catch (IOException e) {
          listener.finished(false);
          throw new GradCamException("Cannot write the download to " + part + " (" + describeWrite(e)
              + "); the " + done + " bytes received so far are kept and the next attempt resumes there", e);
        }
        digest.update(buf, 0, n);
        done += n;
        listener.progress(done, file.size());
      }
      if (watch.fired()) {
        listener.finished(false);
        throw cutOff(file, target, part, done, stalled());
      }
    } catch (IOException e) {
      // Only opening or closing can fail here; received data are already written.
      listener.finished(false);
      throw new GradCamException("Cannot write the download to " + part + ": " + describeWrite(e), e);
    }
    if (tooLong) {
      listener.finished(false);
      delete(part);
      throw new ModelDownloadException("The server sent more than the expected " + file.size() + " bytes of "
          + file.fileName() + " (" + file.url() + "); the file there is not the one the catalogue describes.\n"
          + manualInstructions(file, target));
    }
    if (done < file.size()) {
      listener.finished(false);
      throw cutOff(file, target, part, done, null);
    }
  }

  private int read(InputStream in, byte[] buf, StallWatch watch, RemoteFile file, Path target, Path part, long done,
      ProgressListener listener) {
    try {
      return in.read(buf);
    } catch (IOException e) {
      listener.finished(false);
      throw cutOff(file, target, part, done, watch.fired() ? stalled() : e);
    }
  }

  private IOException stalled() {
    long ms = stallTimeout.toMillis();
    return new IOException("no data arrived for " + (ms < 1000 ? ms + " ms" : ms / 1000 + " s"));
  }

  private static ModelDownloadException cutOff(RemoteFile file, Path target, Path part, long done, IOException e) {
    return new ModelDownloadException("The download of " + file.fileName() + " from " + file.url()
        + " stopped after " + done + " of " + file.size() + " bytes"
        + (e == null ? "" : " (" + describe(e, file) + ")") + ". The part received so far is kept in "
        + part.toAbsolutePath().normalize() + "; run the command again to resume.\n" + manualInstructions(file, target),
        e);
  }

  private static void verifyAndMove(RemoteFile file, Path target, Path part, MessageDigest digest,
      ProgressListener listener) {
    String actual = Sha256.hex(digest);
    if (!actual.equals(file.sha256())) {
      listener.finished(false);
      delete(part);
      throw new ChecksumMismatchException("The download of " + file.fileName() + " from " + file.url()
          + " is corrupt or not the expected file: its sha256 is " + actual + " but should be " + file.sha256()
          + ". The download was deleted; run the command again to retry. If this keeps happening, the file at the"
          + " URL has changed (source of the expected checksum: " + file.source() + ").", file.sha256(), actual);
    }
    try {
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      listener.finished(false);
      throw new GradCamException("Cannot move the verified download " + part + " to " + target + ": "
          + describeWrite(e), e);
    }
    listener.finished(true);
  }

  /** The size of a part file that can be resumed; a part longer than the file is discarded. */
  private static long usablePartSize(Path part, RemoteFile file) {
    try {
      if (!Files.isRegularFile(part)) {
        return 0;
      }
      long size = Files.size(part);
      if (size > file.size()) {
        Files.delete(part);
        return 0;
      }
      return size;
    } catch (IOException e) {
      throw new GradCamException("Cannot use the earlier partial download " + part + ": " + describeWrite(e), e);
    }
  }

  private static void hashPrefix(MessageDigest digest, Path part, long length) {
    try {
      Sha256.update(digest, part, length);
    } catch (IOException e) {
      throw new GradCamException("Cannot read the earlier partial download " + part + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> checkContentRange(HttpResponse<?> response, long offset, long size) {
    Optional<String> header = response.headers().firstValue("Content-Range");
    if (header.isEmpty()) {
      return Optional.of("206 without a Content-Range header");
    }
    Matcher m = CONTENT_RANGE.matcher(header.get().trim());
    if (!m.matches()) {
      return Optional.of("unreadable Content-Range '" + header.get() + "'");
    }
    if (Long.parseLong(m.group(1)) != offset) {
      return Optional.of("it starts at byte " + m.group(1) + " instead of " + offset);
    }
    if (!m.group(3).equals("*") && Long.parseLong(m.group(3)) != size) {
      return Optional.of("the whole file has " + m.group(3) + " bytes instead of " + size);
    }
    return Optional.empty();
  }

  private static void checkAnnouncedLength(HttpResponse<InputStream> response, RemoteFile file, Path target,
      Path part, long offset) {
    // Catch a changed file before downloading hundreds of megabytes of it.
    var announced = response.headers().firstValueAsLong("Content-Length");
    if (announced.isPresent() && announced.getAsLong() != file.size() - offset) {
      close(response);
      if (offset == 0) {
        delete(part);
      }
      throw new ModelDownloadException("The server announces " + (announced.getAsLong() + offset) + " bytes for "
          + file.url() + " but " + file.fileName() + " has " + file.size()
          + " bytes; the file at the URL is not the one the catalogue describes (source: " + file.source() + ").\n"
          + manualInstructions(file, target));
    }
  }

  private static OutputStream openPart(Path part, StandardOpenOption mode) throws IOException {
    return Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
  }

  private static void createFolder(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GradCamException("Cannot create the model cache folder " + dir + ": " + describeWrite(e), e);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // the connection is dropped either way; the error being reported matters more
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new GradCamException("Cannot delete " + file + ": " + describeWrite(e), e);
    }
  }

  /** A short reason for a network failure that a person can act on. */
  static String describe(IOException e, RemoteFile file) {
    String host = file.uri().getHost();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host " + host + " could not be found (no network connection, or DNS does not work)";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "connecting to " + host + " timed out";
      }
      if (t instanceof HttpTimeoutException) {
        return host + " did not answer in time";
      }
      if (t instanceof ConnectException) {
        return "could not connect to " + host + " (connection refused or no network)";
      }
      if (t instanceof SSLException) {
        return "the secure connection to " + host + " failed: " + t.getMessage();
      }
    }
    String message = e.getMessage();
    if (e.getClass() == IOException.class && message != null && !message.isBlank()) {
      return message;
    }
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }

  private static String describeWrite(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
