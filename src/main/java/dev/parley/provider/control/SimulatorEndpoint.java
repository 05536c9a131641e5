package dev.parley.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Where Parley's own simulator listens, as seen from inside: loopback, the port and context path of
 * the requests Parley serves (learned from the first request, see {@code LocalAddressFilter}).
 */
@ApplicationScoped
public class SimulatorEndpoint {

  static final String PATH = "/simulator/v1";

  private volatile URI baseUri;

  public void learn(int localPort, String contextPath) {
    if (baseUri == null) {
      baseUri =
          URI.create(
              "http://127.0.0.1:" + localPort + (contextPath == null ? "" : contextPath) + PATH);
    }
  }

  public boolean known() {
    return baseUri != null;
  }

  public URI baseUri() {
    URI current = baseUri;
    if (current == null) {
      throw new IllegalStateException("simulator address not known before the first request");
    }
    return current;
  }
}
