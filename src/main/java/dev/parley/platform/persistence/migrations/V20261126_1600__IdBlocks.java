package dev.parley.platform.persistence.migrations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Ids of the rows written on every chat turn come in blocks of 50 (the entities' {@code
 * allocationSize}): one sequence round trip per 50 rows instead of one per row. EclipseLink takes
 * the value a sequence returns as the last id of its block, so each sequence restarts at 50 past
 * its table's highest id. Java, not SQL: the restart value depends on the data, and H2 and
 * PostgreSQL share no syntax for setting a sequence from a query.
 */
public class V20261126_1600__IdBlocks extends BaseJavaMigration {

  static final int BLOCK = 50;

  private static final String[][] SEQUENCES = {
    {"chat_session_seq", "chat_session"},
    {"chat_message_seq", "chat_message"},
    {"usage_record_seq", "usage_record"},
  };

  @Override
  public void migrate(Context context) throws SQLException {
    try (Statement statement = context.getConnection().createStatement()) {
      for (String[] sequence : SEQUENCES) {
        long highest;
        try (ResultSet max = statement.executeQuery("SELECT MAX(id) FROM " + sequence[1])) {
          max.next();
          highest = max.getLong(1);
        }
        statement.execute(
            "ALTER SEQUENCE "
                + sequence[0]
                + " RESTART WITH "
                + (highest + BLOCK)
                + " INCREMENT BY "
                + BLOCK);
      }
    }
  }
}
