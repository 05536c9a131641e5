package dev.parley.provider.control;

import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import dev.parley.platform.errors.ProviderTimeout;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a provider's error status into a 502 (or 504 for its own timeouts) with a detail of our
 * own: the raw provider body may hold internals and never reaches users; it is logged at FINE.
 */
public class ProviderErrors implements ResponseExceptionMapper<ParleyException> {

  private static final Logger LOG = Logger.getLogger(ProviderErrors.class.getName());

  @Override
  public boolean handles(int status, MultivaluedMap<String, Object> headers) {
    return status >= 400;
  }

  @Override
  public ParleyException toThrowable(Response response) {
    int status = response.getStatus();
    if (LOG.isLoggable(java.util.logging.Level.FINE)) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      LOG.fine(() -> "provider answered " + status + ": " + ChunkParser.errorMessage(body));
    }
    return forStatus(status);
  }

  static ParleyException forStatus(int status) {
    return switch (status) {
      case 408, 504 -> new ProviderTimeout("the model provider timed out (HTTP " + status + ")");
      case 401, 403 ->
          new ProviderFailed(
              "the model provider rejected Parley's credentials (HTTP " + status + ")");
      case 404 -> new ProviderFailed("the model provider does not know this model (HTTP 404)");
      case 429 ->
          new ProviderFailed(
              "the model provider is rate-limiting Parley (HTTP 429); try again later");
      default ->
          status >= 500
              ? new ProviderFailed("the model provider failed (HTTP " + status + ")")
              : new ProviderFailed("the model provider rejected the request (HTTP " + status + ")");
    };
  }
}
