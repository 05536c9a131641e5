package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/** A conversation of one user in one application, answered by its current model. */
@Entity
@Table(name = "chat_session")
@NamedQuery(
    name = ChatSession.BY_OWNER_AND_ID,
    query =
        "SELECT s FROM ChatSession s WHERE s.id = :id AND s.userId = :userId AND s.applicationId = :applicationId")
public class ChatSession {

  public static final String BY_OWNER_AND_ID = "ChatSession.byOwnerAndId";
  public static final int MAX_TITLE = 80;

  @Id
  @SequenceGenerator(
      name = "chat_session_id",
      sequenceName = "chat_session_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_session_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "user_id", nullable = false)
  private long userId;

  @Column(name = "application_id", nullable = false)
  private long applicationId;

  @Column(name = "model", nullable = false)
  private String model;

  @Column(name = "title", nullable = false)
  private String title;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected ChatSession() {}

  public ChatSession(long userId, long applicationId, String model, String title, Instant now) {
    this.userId = userId;
    this.applicationId = applicationId;
    this.model = Objects.requireNonNull(model);
    this.title = Objects.requireNonNull(title);
    this.createdAt = Objects.requireNonNull(now);
    this.updatedAt = now;
  }

  /** Later messages are answered by {@code newModel}; the history stays as it is. */
  public void switchModel(String newModel, Instant now) {
    this.model = Objects.requireNonNull(newModel);
    touch(now);
  }

  public void touch(Instant now) {
    this.updatedAt = now.isAfter(updatedAt) ? now : updatedAt.plusNanos(1000);
  }

  public Long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public long applicationId() {
    return applicationId;
  }

  public String model() {
    return model;
  }

  public String title() {
    return title;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
