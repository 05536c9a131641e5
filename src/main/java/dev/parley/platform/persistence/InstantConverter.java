package dev.parley.platform.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Stores every {@link Instant} as a UTC {@link OffsetDateTime} in {@code TIMESTAMP WITH TIME ZONE}
 * columns. EclipseLink 4.0 would otherwise serialize {@code Instant} as bytes; this mapping is the
 * same on EclipseLink and Hibernate, H2 and PostgreSQL, and never depends on the JVM's default time
 * zone.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, OffsetDateTime> {

  @Override
  public OffsetDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
