package dev.parley.provider.control;

import dev.parley.platform.errors.ProviderFailed;

/**
 * 502 that lets a fallback chain move on to its next model: the provider refused the connection,
 * broke it, failed (HTTP 5xx, Anthropic's {@code overloaded_error}) or is rate-limiting Parley
 * (HTTP 429). A provider that rejects the request itself (other 4xx) is a plain {@link
 * ProviderFailed}: the next model would most likely reject it too.
 */
class ProviderUnavailable extends ProviderFailed {

  ProviderUnavailable(String detail) {
    super(detail);
  }

  ProviderUnavailable(String detail, Throwable cause) {
    super(detail, cause);
  }
}
