package dev.parley.ratelimit.entity;

/** What one subscription tier may do. {@code tokensPerDay < 0} means unlimited. */
public record TierLimits(
    int requestsPerWindow, long tokensPerDay, int concurrentStreams, long maxUploadBytes) {

  public boolean unlimitedTokens() {
    return tokensPerDay < 0;
  }
}
