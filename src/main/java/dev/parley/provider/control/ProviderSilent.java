package dev.parley.provider.control;

import dev.parley.platform.errors.ProviderTimeout;

/** 504 that lets a fallback chain move on to its next model: the provider stayed silent. */
class ProviderSilent extends ProviderTimeout {

  ProviderSilent(String detail) {
    super(detail);
  }

  ProviderSilent(String detail, Throwable cause) {
    super(detail, cause);
  }
}
