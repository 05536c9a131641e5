package dev.parley.provider.control;

import dev.parley.platform.errors.ParleyException;
import dev.parley.platform.errors.ProviderFailed;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a provider's error status into a 502 (or 504 for its own timeouts) with a detail of our
 * own, for either dialect: the raw provider body may hold internals and never reaches users; it is
 * logged at FINE. Statuses that say the provider is unavailable (5xx, 429, Anthropic's 529) let a
 * fallback chain try its next model.
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
    if (LOG.isLoggable(Level.FINE)) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      LOG.fine(() -> "provider answered " + status + ": " + ChunkParser.errorMessage(body));
    }
    return forStatus(status);
  }

  static ParleyException forStatus(int status) {
    return switch (status) {
      case 408, 504 -> new ProviderSilent("the model provider timed out (HTTP " + status + ")");
      case 401, 403 ->
          new ProviderFailed(
              "the model provider rejected Parley's credentials (HTTP " + status + ")");
      case 404 -> new ProviderFailed("the model provider does not know this model (HTTP 404)");
      case 429 ->
          new ProviderUnavailable(
              "the model provider is rate-limiting Parley (HTTP 429); try again later");
      case 529 -> new ProviderUnavailable("the model provider is overloaded (HTTP 529)");
      default ->
          status >= 500
              ? new ProviderUnavailable("the model provider failed (HTTP " + status + ")")
              : new ProviderFailed("the model provider rejected the request (HTTP " + status + ")");
    };
  }

  /** Whether the next model of a fallback chain may take over after this failure. */
  static boolean allowsFallback(Throwable failure) {
    return failure instanceof ProviderUnavailable || failure instanceof ProviderSilent;
  }
}
