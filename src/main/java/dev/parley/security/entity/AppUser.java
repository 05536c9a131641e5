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

/** A user, known by the JWT subject; gets its integer id on first use. */
@Entity
@Table(name = "app_user")
@NamedQuery(
    name = AppUser.BY_EXTERNAL_ID,
    query = "SELECT u FROM AppUser u WHERE u.externalId = :externalId")
public class AppUser {

  public static final String BY_EXTERNAL_ID = "AppUser.byExternalId";

  @Id
  @SequenceGenerator(name = "app_user_id", sequenceName = "app_user_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_id")
  @Column(name = "id")
  private Long id;

  @Column(name = "external_id", nullable = false, unique = true)
  private String externalId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AppUser() {}

  public AppUser(String externalId, Instant createdAt) {
    this.externalId = Objects.requireNonNull(externalId);
    this.createdAt = Objects.requireNonNull(createdAt);
  }

  public Long id() {
    return id;
  }

  public String externalId() {
    return externalId;
  }
}
