package dev.parley.chat.control;

import dev.parley.platform.config.PerModel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chat settings from MicroProfile Config, with the values derived from them. */
@ApplicationScoped
public class ChatSettings {

  @Inject
  @ConfigProperty(name = "parley.chat.checkpoint-interval-ms")
  long checkpointIntervalMs;

  @Inject
  @ConfigProperty(name = "parley.chat.heartbeat-interval-ms")
  long heartbeatIntervalMs;

  @Inject
  @ConfigProperty(name = "parley.chat.max-open-streams")
  int maxOpenStreams;

  @Inject
  @ConfigProperty(name = "parley.provider.idle-timeout-ms")
  long idleTimeoutMs;

  @Inject
  @ConfigProperty(name = "parley.instance-id")
  Optional<String> configuredInstanceId;

  @Inject
  @ConfigProperty(name = "parley.chat.max-context-tokens")
  int maxContextTokens;

  @Inject
  @ConfigProperty(name = "parley.chat.model-max-context-tokens")
  Optional<String> modelMaxContextTokens;

  @Inject
  @ConfigProperty(name = "parley.chat.on-disconnect")
  String onDisconnect;

  @Inject
  @ConfigProperty(name = "parley.chat.disconnect-grace-ms")
  long disconnectGraceMs;

  /** What happens to a reply when its client goes away and nobody else follows it. */
  public enum OnDisconnect {
    /** Keep generating for the grace period, so that a client can resume; then cancel. */
    CONTINUE,
    /** Cancel the provider call at once (Parley's behaviour before resumable replies). */
    CANCEL
  }

  private String instanceId;
  private PerModel contextBudgets;
  private OnDisconnect disconnectPolicy;

  @PostConstruct
  void init() {
    instanceId = configuredInstanceId.filter(s -> !s.isBlank()).orElseGet(ChatSettings::hostName);
    contextBudgets =
        PerModel.parse(
            "parley.chat.model-max-context-tokens",
            maxContextTokens,
            modelMaxContextTokens.orElse(""));
    disconnectPolicy = disconnectPolicy(onDisconnect);
    if (disconnectGraceMs < 0) {
      throw new IllegalArgumentException(
          "parley.chat.disconnect-grace-ms must not be negative: " + disconnectGraceMs);
    }
  }

  /**
   * @throws IllegalArgumentException for anything but {@code continue} or {@code cancel}, so that a
   *     typo stops the start-up
   */
  static OnDisconnect disconnectPolicy(String value) {
    return switch (value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "continue" -> OnDisconnect.CONTINUE;
      case "cancel" -> OnDisconnect.CANCEL;
      default ->
          throw new IllegalArgumentException(
              "parley.chat.on-disconnect must be continue or cancel, not '" + value + "'");
    };
  }

  /**
   * How long a reply nobody follows keeps generating before its provider call is cancelled: zero
   * with the {@code cancel} policy.
   */
  public Duration disconnectGrace() {
    return disconnectPolicy == OnDisconnect.CANCEL
        ? Duration.ZERO
        : Duration.ofMillis(disconnectGraceMs);
  }

  public OnDisconnect disconnectPolicy() {
    return disconnectPolicy;
  }

  /**
   * The most prompt tokens (documents plus conversation) sent to {@code model}; beyond it the
   * conversation's oldest messages are left out.
   */
  public int maxContextTokens(String model) {
    return contextBudgets.forModel(model);
  }

  /**
   * Which Parley instance owns a streaming reply. Stable across restarts on the same host, so that
   * a restarted instance can at once mark its own interrupted replies; set {@code
   * PARLEY_INSTANCE_ID} when several instances share a host.
   */
  public String instanceId() {
    return instanceId;
  }

  public Duration checkpointInterval() {
    return Duration.ofMillis(checkpointIntervalMs);
  }

  public Duration heartbeatInterval() {
    return Duration.ofMillis(heartbeatIntervalMs);
  }

  public int maxOpenStreams() {
    return maxOpenStreams;
  }

  /**
   * An in-progress reply not written for this long is dead: a live stream writes at least every
   * checkpoint interval while tokens flow and fails after the provider's idle timeout when they
   * don't.
   */
  public Duration staleAfter() {
    return Duration.ofMillis(idleTimeoutMs + 2 * checkpointIntervalMs + 5000);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "parley-" + UUID.randomUUID();
    }
  }
}
