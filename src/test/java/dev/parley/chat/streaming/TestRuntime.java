package dev.parley.chat.streaming;

import dev.parley.chat.control.ChatSettings;
import dev.parley.platform.metrics.ParleyMetrics;

/** The streaming runtime's pieces wired by hand, for unit tests of the features that use them. */
public final class TestRuntime {

  private TestRuntime() {}

  public static StreamAdmission admission(ChatSettings settings, ParleyMetrics metrics) {
    StreamAdmission admission = new StreamAdmission();
    admission.settings = settings;
    admission.metrics = metrics;
    admission.exposeOpenStreams();
    return admission;
  }

  public static TurnStartGate gate(int permits, long queueTimeoutMs, ParleyMetrics metrics) {
    TurnStartGate gate = new TurnStartGate();
    gate.metrics = metrics;
    gate.configuredPermits = permits;
    gate.queueTimeoutMs = queueTimeoutMs;
    gate.init();
    return gate;
  }

  /** The grid as on a server without Hazelcast: replies are followed on this instance only. */
  public static ReplyGrid gridless(ChatSettings settings, LiveReplies live) {
    ReplyGrid grid = new ReplyGrid();
    grid.settings = settings;
    grid.live = live;
    return grid;
  }
}
