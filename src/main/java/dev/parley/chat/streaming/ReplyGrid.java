package dev.parley.chat.streaming;

import dev.parley.chat.control.ChatSettings;
import dev.parley.chat.entity.ReplyState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The live tail of replies across a cluster, on the application server's Hazelcast (Payara: JNDI
 * {@code payara/Hazelcast}; no new infrastructure). Each instance listens on one topic of its own,
 * named after its instance id; the reply row names the instance that generates it. Nothing is
 * published per token unless another instance follows that reply:
 *
 * <ol>
 *   <li>A follower instance asks the owner to {@code FOLLOW} the reply from the offset it has; the
 *       owner answers with the text from there and from then on sends every token with its offset,
 *       then {@code END} once the outcome is stored. The follower renews the request every second
 *       (a lease of {@link #LEASE}: an instance that vanished stops counting as a follower), which
 *       also re-sends anything lost: every piece says where it starts, so {@link ReplyText} puts
 *       pieces that arrive twice or out of order in place.
 *   <li>{@code STOP} asks the owner to end the reply now.
 *   <li>Messages are strings ({@link GridMessage}), nothing is stored on the grid, so memory is
 *       bounded by the replies being followed and members with different WAR versions interoperate.
 * </ol>
 *
 * Without Hazelcast (WildFly) or when the owner does not answer, followers read the stored row
 * instead, every checkpoint interval ({@link RemoteReply}).
 */
@ApplicationScoped
public class ReplyGrid {

  static final String JNDI_NAME = "payara/Hazelcast";
  static final String TOPIC_PREFIX = "parley.replies.";

  /** How long a follow request counts; followers renew it every {@link #RENEW_EVERY}. */
  static final Duration LEASE = Duration.ofSeconds(5);

  static final Duration RENEW_EVERY = Duration.ofSeconds(1);

  /** At most one re-request per mirror this often when pieces arrive behind a gap. */
  static final Duration RESYNC_GAP = Duration.ofMillis(300);

  private static final Logger LOG = Logger.getLogger(ReplyGrid.class.getName());

  @Inject ChatSettings settings;
  @Inject LiveReplies live;

  private final Map<Long, RemoteReply> mirrors = new ConcurrentHashMap<>();
  private final Map<Long, Long> lastResync = new ConcurrentHashMap<>();
  private volatile GridInbox inbox;

  @PostConstruct
  void connect() {
    Object hazelcast = lookup();
    if (hazelcast == null) {
      LOG.info(
          "no Hazelcast: replies can be resumed from the database and from this instance's own"
              + " live replies, not followed live across instances");
      return;
    }
    try {
      inbox = HazelcastInbox.open(hazelcast, TOPIC_PREFIX, settings.instanceId(), this::receive);
      LOG.info(
          () ->
              "replies of this instance ("
                  + settings.instanceId()
                  + ") can be followed and stopped from any instance of the cluster");
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "Hazelcast is unusable for the live tail of replies", e);
    }
  }

  /** Connected at startup, so that the log says at once whether followers can cross instances. */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // the @PostConstruct did the work
  }

  private static Object lookup() {
    try {
      Class.forName(
          "com.hazelcast.core.HazelcastInstance", false, ReplyGrid.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return null;
    }
    try {
      return new InitialContext().lookup(JNDI_NAME);
    } catch (NamingException | RuntimeException e) {
      return null;
    }
  }

  @PreDestroy
  void disconnect() {
    GridInbox open = inbox;
    inbox = null;
    if (open != null) {
      open.close();
    }
  }

  /**
   * Loads what handling a message needs (see {@link StreamDrain#prepare}): a draining instance
   * still answers its followers after Payara closed the application's class loader.
   */
  void prepare() {
    receive(new GridMessage(GridMessage.Kind.GONE, Long.MAX_VALUE, 0, "-", "").encode());
    receive(new GridMessage(GridMessage.Kind.UNFOLLOW, Long.MAX_VALUE, 0, "-", "").encode());
  }

  public boolean available() {
    return inbox != null;
  }

  // --- the owner's side

  /** A token of a live reply: sent on to the instances that mirror it (none: nothing to do). */
  public void appended(LiveReply reply, int offset, String token) {
    String[] followers = reply.remoteFollowers();
    for (String follower : followers) {
      send(follower, GridMessage.Kind.TEXT, reply.replyId(), offset, token);
    }
  }

  /** The reply is over and its outcome stored: mirrors read it from the database. */
  public void ended(LiveReply reply) {
    for (String follower : reply.remoteFollowers()) {
      send(follower, GridMessage.Kind.END, reply.replyId(), reply.length(), "");
    }
  }

  /** Asks {@code owner} to stop the reply; false without a grid. */
  public boolean requestStop(String owner, long replyId) {
    return send(owner, GridMessage.Kind.STOP, replyId, 0, "");
  }

  // --- the follower's side

  /**
   * This instance's mirror of a reply streaming elsewhere, for one more local follower; {@link
   * #unfollow} when that follower leaves.
   */
  public RemoteReply follow(ReplyState stored, RemoteReply.Store store) {
    String owner = stored.instanceId() == null ? "" : stored.instanceId();
    boolean mirrored = available() && !owner.isEmpty() && owner.indexOf('\n') < 0;
    RemoteReply mirror =
        mirrors.compute(
            stored.replyId(),
            (id, existing) -> {
              RemoteReply current =
                  existing != null && !existing.ended()
                      ? existing
                      : new RemoteReply(id, owner, store, settings.checkpointInterval(), mirrored);
              current.followers++;
              return current;
            });
    mirror.seed(stored.content());
    if (mirrored) {
      send(owner, GridMessage.Kind.FOLLOW, stored.replyId(), mirror.length(), "");
    }
    return mirror;
  }

  public void unfollow(RemoteReply mirror) {
    boolean last =
        mirrors.computeIfPresent(
                mirror.replyId(),
                (id, current) -> {
                  if (current != mirror) {
                    return current;
                  }
                  current.followers--;
                  return current.followers > 0 ? current : null;
                })
            == null;
    if (last && !mirror.owner().isEmpty() && !mirror.ended()) {
      send(mirror.owner(), GridMessage.Kind.UNFOLLOW, mirror.replyId(), 0, "");
    }
  }

  /**
   * Renews the follow requests of every mirror (and so re-asks for anything lost): every second.
   */
  public void renew() {
    if (!available()) {
      return;
    }
    for (RemoteReply mirror : mirrors.values()) {
      if (!mirror.ended() && !mirror.owner().isEmpty()) {
        send(mirror.owner(), GridMessage.Kind.FOLLOW, mirror.replyId(), mirror.length(), "");
      }
    }
  }

  // --- receiving (on Hazelcast's event thread: quick, no database)

  void receive(String encoded) {
    GridMessage message = GridMessage.decode(encoded);
    if (message == null) {
      LOG.fine("ignored an unreadable reply message");
      return;
    }
    switch (message.kind()) {
      case FOLLOW -> followed(message);
      case UNFOLLOW -> {
        LiveReply reply = live.get(message.replyId());
        if (reply != null) {
          reply.unfollowRemotely(message.sender(), System.nanoTime());
        }
      }
      case STOP -> {
        LiveReply reply = live.get(message.replyId());
        if (reply != null) {
          reply.cancel(LiveReply.Cancel.STOP);
        }
      }
      case TEXT -> {
        RemoteReply mirror = mirrors.get(message.replyId());
        if (mirror != null && mirror.heard(message.offset(), message.text())) {
          resync(mirror);
        }
      }
      case END, GONE -> {
        RemoteReply mirror = mirrors.get(message.replyId());
        if (mirror != null) {
          mirror.ownerDone();
        }
      }
    }
  }

  private void followed(GridMessage message) {
    LiveReply reply = live.get(message.replyId());
    if (reply == null) {
      send(message.sender(), GridMessage.Kind.GONE, message.replyId(), 0, "");
      return;
    }
    reply.followRemotely(message.sender(), System.nanoTime(), LEASE);
    ReplyTail.Ending ending = reply.ending();
    String text = reply.textFrom(message.offset());
    send(message.sender(), GridMessage.Kind.TEXT, message.replyId(), message.offset(), text);
    if (ending != null) {
      send(message.sender(), GridMessage.Kind.END, message.replyId(), reply.length(), "");
    }
  }

  private void resync(RemoteReply mirror) {
    long now = System.nanoTime();
    Long last = lastResync.get(mirror.replyId());
    if (last != null && now - last < RESYNC_GAP.toNanos()) {
      return;
    }
    lastResync.put(mirror.replyId(), now);
    send(mirror.owner(), GridMessage.Kind.FOLLOW, mirror.replyId(), mirror.length(), "");
  }

  private boolean send(
      String instance, GridMessage.Kind kind, long replyId, int offset, String text) {
    GridInbox open = inbox;
    if (open == null) {
      return false;
    }
    try {
      open.send(
          instance, new GridMessage(kind, replyId, offset, settings.instanceId(), text).encode());
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "could not send a reply message to " + instance, e);
      return false;
    }
  }
}
