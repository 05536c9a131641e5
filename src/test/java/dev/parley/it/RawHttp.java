package dev.parley.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Requests no well-behaved HTTP client can send: bodies that stall or trickle in. */
final class RawHttp {

  private RawHttp() {}

  /**
   * POSTs a JSON body announced as 200 bytes: sends 10 of them and then nothing, or ({@code
   * trickle}) one more every 200 ms. Returns what the server answered (status line, headers, body)
   * once it answers or closes, at most after 30 s.
   */
  static String slowPost(URI uri, String token, boolean trickle) throws IOException {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(200);
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + uri.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write("{\"model\":".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        try {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          if (answer.indexOf("\r\n\r\n") > 0 && answer.indexOf("}") > 0) {
            break;
          }
        } catch (java.net.SocketTimeoutException quiet) {
          if (trickle && answer.length() == 0) {
            try {
              out.write(' ');
              out.flush();
            } catch (IOException closed) {
              // the server stopped reading; its answer follows
            }
          }
        }
      }
      return answer.toString();
    }
  }
}
