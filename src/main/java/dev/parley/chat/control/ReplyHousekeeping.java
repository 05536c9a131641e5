package dev.parley.chat.control;

import dev.parley.chat.streaming.LiveReplies;
import dev.parley.chat.streaming.LiveReply;
import dev.parley.chat.streaming.ReplyGrid;
import dev.parley.chat.streaming.StreamAdmission;
import dev.parley.ratelimit.control.UsageLedger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background work that keeps streaming replies safe: at startup, replies left in progress by a
 * crash become interrupted; while running, partial texts are checkpointed every couple of seconds
 * (one transaction for all streams), silent streams get a heartbeat, and replies abandoned by a
 * vanished instance are swept. Nothing starts unless the configuration passed {@code StartupCheck}:
 * WildFly keeps a server whose deployment failed running, and a task of a half-started deployment
 * blocks its shutdown.
 */
@Startup
@Singleton
@DependsOn({"FlywayMigrator", "StartupCheck"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplyHousekeeping {

  static final long HEARTBEAT_CHECK_MS = 1000;
  static final long SWEEP_MS = 30_000;

  private static final Logger LOG = Logger.getLogger(ReplyHousekeeping.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject ChatSessions sessions;
  @Inject LiveReplies live;
  @Inject ReplyGrid grid;
  @Inject StreamAdmission admission;
  @Inject UsageLedger usage;
  @Inject ChatSettings settings;
  @Inject Clock clock;

  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

  @PostConstruct
  void start() {
    int recovered = sessions.interruptAbandoned();
    if (recovered > 0) {
      LOG.warning(
          () ->
              recovered
                  + " replies were left in progress by a previous run and are now interrupted");
    }
    long interval = settings.checkpointInterval().toMillis();
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            guarded(this::checkpoint), interval, interval, TimeUnit.MILLISECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            guarded(this::heartbeats),
            HEARTBEAT_CHECK_MS,
            HEARTBEAT_CHECK_MS,
            TimeUnit.MILLISECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            guarded(this::sweep), SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS));
  }

  @PreDestroy
  void stop() {
    tasks.forEach(task -> task.cancel(false));
    guarded(this::checkpoint).run();
  }

  void checkpoint() {
    Map<Long, String> texts = new HashMap<>();
    for (LiveReply reply : live.all()) {
      String text = reply.takeCheckpoint();
      if (text != null) {
        texts.put(reply.replyId(), text);
      }
    }
    if (!texts.isEmpty()) {
      sessions.checkpoint(texts);
    }
  }

  /**
   * Every second: heartbeats for silent streams (which also notice a client gone), the disconnect
   * policy (replies nobody followed for the grace are cancelled) and the follow leases of this
   * instance's mirrors of replies streaming elsewhere.
   */
  void heartbeats() {
    Instant due = clock.instant().minus(settings.heartbeatInterval());
    for (LiveReply reply : live.all()) {
      if (reply.lastSent().isBefore(due)) {
        reply.heartbeat();
      }
    }
    if (!admission.isDraining()) {
      // while draining, replies run to the drain's end whoever follows: their clients were cut
      // with the instance and resume elsewhere, from the stored checkpoints
      int cancelled = live.cancelUnfollowed(settings.disconnectGrace());
      if (cancelled > 0) {
        LOG.fine(() -> cancelled + " replies cancelled: nobody followed them for the grace");
      }
    }
    grid.renew();
  }

  void sweep() {
    int swept = sessions.interruptStale();
    if (swept > 0) {
      LOG.warning(() -> swept + " abandoned in-progress replies marked interrupted");
    }
    usage.abandonStale();
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "reply housekeeping failed; will retry", e);
      }
    };
  }
}
