package dev.parley.prompts.entity;

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

/**
 * A prompt: a user's own (scoped by user and application) or a system template (no owner, visible
 * to all). {@code metadata} is a JSON object kept as text. Queries find templates by their missing
 * owner ({@code userId IS NULL}, which the schema ties to {@code is_template}): EclipseLink binds
 * boolean parameters as integers on H2 2.x, which H2 refuses to compare with a {@code BOOLEAN}
 * column.
 */
@Entity
@Table(name = "prompt")
@NamedQuery(
    name = Prompt.VISIBLE,
    query =
        "SELECT p FROM Prompt p WHERE p.id = :id AND (p.userId IS NULL"
            + " OR (p.userId = :userId AND p.applicationId = :applicationId))")
@NamedQuery(
    name = Prompt.COUNT_USE,
    query =
        "UPDATE Prompt p SET p.usageCount = p.usageCount + 1 WHERE p.id = :id AND (p.userId IS NULL"
            + " OR (p.userId = :userId AND p.applicationId = :applicationId))")
public class Prompt {

  /** One prompt the caller may see: their own or a template. */
  public static final String VISIBLE = "Prompt.visible";

  /** Counts one use atomically in the database (no read-modify-write, so no lost updates). */
  public static final String COUNT_USE = "Prompt.countUse";

  public static final int MAX_TITLE = 200;
  public static final int MAX_CONTENT = 20_000;

  /** Longest rendered preview prompt (placeholders filled), about as much as a chat body holds. */
  public static final int MAX_RENDERED = 1_000_000;

  public static final int MAX_SCENARIO = 100;
  public static final int MAX_DESCRIPTION = 2_000;
  public static final int MAX_METADATA = 10_240;

  @Id
  @SequenceGenerator(name = "prompt_id", sequenceName = "prompt_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "prompt_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "user_id")
  private Long userId;

  @Column(name = "application_id")
  private Long applicationId;

  @Column(name = "title", nullable = false)
  private String title;

  @Column(name = "content", nullable = false)
  private String content;

  @Column(name = "scenario")
  private String scenario;

  @Column(name = "description")
  private String description;

  @Column(name = "metadata")
  private String metadata;

  @Column(name = "is_template", nullable = false, updatable = false)
  private boolean template;

  /**
   * Changed only by {@link #COUNT_USE}; never written from the entity, so an edit cannot undo a
   * count.
   */
  @Column(name = "usage_count", nullable = false, updatable = false)
  private long usageCount;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Prompt() {}

  private Prompt(Long userId, Long applicationId, boolean template, PromptText text, Instant now) {
    this.userId = userId;
    this.applicationId = applicationId;
    this.template = template;
    apply(text);
    this.createdAt = Objects.requireNonNull(now);
    this.updatedAt = now;
  }

  /** A prompt of one user in one application. */
  public static Prompt owned(long userId, long applicationId, PromptText text, Instant now) {
    return new Prompt(userId, applicationId, false, text, now);
  }

  /** A system template: no owner, visible to every user of every application. */
  public static Prompt template(PromptText text, Instant now) {
    return new Prompt(null, null, true, text, now);
  }

  /**
   * Replaces the text fields; {@code updated_at} always moves forward, by at least a millisecond.
   */
  public void revise(PromptText text, Instant now) {
    apply(text);
    Instant next = updatedAt.plusMillis(1);
    this.updatedAt = now.isAfter(next) ? now : next;
  }

  private void apply(PromptText text) {
    this.title = Objects.requireNonNull(text.title());
    this.content = Objects.requireNonNull(text.content());
    this.scenario = text.scenario();
    this.description = text.description();
    this.metadata = text.metadata();
  }

  public Long id() {
    return id;
  }

  public boolean isTemplate() {
    return template;
  }

  public PromptText text() {
    return new PromptText(title, content, scenario, description, metadata);
  }

  public String title() {
    return title;
  }

  public String content() {
    return content;
  }

  public String scenario() {
    return scenario;
  }

  public String description() {
    return description;
  }

  /** The metadata object as JSON text, or null when there is none. */
  public String metadata() {
    return metadata;
  }

  public long usageCount() {
    return usageCount;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
