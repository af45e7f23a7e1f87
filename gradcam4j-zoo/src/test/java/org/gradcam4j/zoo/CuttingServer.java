package org.gradcam4j.zoo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare-socket HTTP server that misbehaves mid-transfer, which the JDK's HttpServer cannot be
 * made to do: it announces the whole body, sends only its first {@code sent} bytes and then either
 * drops the connection or goes silent while keeping it open.
 */
final class CuttingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  private CuttingServer(byte[] body, int sent, boolean dropConnection) throws IOException {
    socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> serve(body, sent, dropConnection), "cutting-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** Sends {@code sent} bytes, then closes the connection. */
  static CuttingServer dropsAfter(byte[] body, int sent) throws IOException {
    return new CuttingServer(body, sent, true);
  }

  /** Sends {@code sent} bytes, then keeps the connection open without sending more. */
  static CuttingServer stallsAfter(byte[] body, int sent) throws IOException {
    return new CuttingServer(body, sent, false);
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  private void serve(byte[] body, int sent, boolean dropConnection) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        readHeaders(client.getInputStream());
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + body.length
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, sent);
        out.flush();
        if (!dropConnection) {
          Thread.sleep(60_000); // silent until the client gives up (the socket closes with the test)
        }
        // Hang up gracefully: a close with unread input would reset the connection, and a reset may
        // discard bytes the client has not read yet, making the cut point vary from run to run.
        client.shutdownOutput();
        client.setSoTimeout(5_000);
        while (client.getInputStream().read() != -1) {
          // wait for the client to close its side
        }
      } catch (IOException | InterruptedException e) {
        return;
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      seen.write(b);
      if (seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    thread.interrupt();
  }
}
