package dev.parley.chat.streaming;

import dev.parley.chat.entity.MessageStatus;
import dev.parley.chat.entity.ReplyState;
import dev.parley.platform.json.JsonBodies;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;

/** What a follower is told at the end of a reply, from the reply as stored or as it ended here. */
public final class Endings {

  static final String INTERRUPTED =
      "the Parley instance generating this reply stopped before it was complete; the text so far"
          + " is stored. Send the request again to continue";
  static final String FAILED = "the reply failed; the text so far is stored";
  static final String ABANDONED =
      "the reply was cancelled because no client followed it; the text so far is stored";
  static final String DELETED = "the reply is gone: its session was deleted";

  private Endings() {}

  /** How a stored reply ended; null while it is in progress. */
  public static ReplyTail.Ending of(ReplyState stored) {
    return of(stored.status(), metadataField(stored.metadata(), "error"), cancelReason(stored));
  }

  /** How a reply ended: the failure's detail, if any, or a default for the status. */
  public static ReplyTail.Ending of(
      MessageStatus status, String failureDetail, LiveReply.Cancel cancel) {
    return switch (status) {
      case IN_PROGRESS -> null;
      case COMPLETED -> new ReplyTail.Ending(status, null);
      case CANCELLED ->
          new ReplyTail.Ending(status, cancel == LiveReply.Cancel.DISCONNECT ? ABANDONED : null);
      case FAILED -> new ReplyTail.Ending(status, failureDetail == null ? FAILED : failureDetail);
      case INTERRUPTED ->
          new ReplyTail.Ending(status, failureDetail == null ? INTERRUPTED : failureDetail);
    };
  }

  /** The end of a reply whose row no longer exists. */
  public static ReplyTail.Ending deleted() {
    return new ReplyTail.Ending(MessageStatus.CANCELLED, DELETED);
  }

  private static LiveReply.Cancel cancelReason(ReplyState stored) {
    String reason = metadataField(stored.metadata(), "cancelled_by");
    return LiveReply.Cancel.DISCONNECT.json().equals(reason) ? LiveReply.Cancel.DISCONNECT : null;
  }

  /** A string field of Parley's own metadata JSON, or null. */
  public static String metadataField(String metadata, String name) {
    if (metadata == null || metadata.isBlank()) {
      return null;
    }
    try {
      JsonValue parsed = JsonBodies.parse(metadata.getBytes(StandardCharsets.UTF_8));
      if (parsed instanceof JsonObject object && object.get(name) instanceof JsonString value) {
        return value.getString();
      }
    } catch (RuntimeException unreadable) {
      // stored by an older or broken version: no detail then
    }
    return null;
  }
}
