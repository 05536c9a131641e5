package dev.parley.ratelimit.control;

import dev.parley.ratelimit.entity.TierLimits;
import dev.parley.security.entity.Tier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Tier limits from MicroProfile Config ({@code parley.tiers.<tier>.*}), read once at startup. */
@ApplicationScoped
public class TierPolicy {

  @Inject Config config;

  @Inject
  @ConfigProperty(name = "parley.ratelimit.window-seconds")
  long windowSeconds;

  @Inject
  @ConfigProperty(name = "parley.files.max-bytes")
  long globalMaxUploadBytes;

  @Inject
  @ConfigProperty(name = "parley.ratelimit.completion-estimate-tokens")
  int completionEstimate;

  private final Map<Tier, TierLimits> limits = new EnumMap<>(Tier.class);

  @PostConstruct
  void init() {
    for (Tier tier : Tier.values()) {
      String prefix = "parley.tiers." + tier.key() + ".";
      limits.put(
          tier,
          new TierLimits(
              config.getValue(prefix + "requests-per-minute", Integer.class),
              config.getValue(prefix + "tokens-per-day", Long.class),
              config.getValue(prefix + "concurrent-streams", Integer.class),
              Math.min(
                  globalMaxUploadBytes, config.getValue(prefix + "max-upload-bytes", Long.class))));
    }
  }

  /**
   * The completion tokens a call is assumed to use for the daily budget check: its {@code
   * max_tokens}, else the configured estimate (the provider's real count replaces it afterwards).
   */
  public int completionEstimate(Integer maxTokens) {
    return maxTokens == null ? completionEstimate : maxTokens;
  }

  public TierLimits of(Tier tier) {
    return limits.get(tier);
  }

  /** The request-rate window (a minute unless configured otherwise). */
  public Duration window() {
    return Duration.ofSeconds(windowSeconds);
  }
}
