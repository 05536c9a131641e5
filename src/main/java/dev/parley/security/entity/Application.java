package dev.parley.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A calling application, known by the JWT {@code app} claim; gets its integer id on first use. */
@Entity
@Table(name = "application")
@NamedQuery(
    name = Application.BY_KEY,
    query = "SELECT a FROM Application a WHERE a.appKey = :appKey")
public class Application {

  public static final String BY_KEY = "Application.byKey";
  public static final String DEFAULT_KEY = "default";

  @Id
  @SequenceGenerator(name = "application_id", sequenceName = "application_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "application_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "app_key", nullable = false, unique = true)
  private String appKey;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Application() {}

  public Application(String appKey, Instant createdAt) {
    this.appKey = Objects.requireNonNull(appKey);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public Long id() {
    return id;
  }

  public String appKey() {
    return appKey;
  }
}
