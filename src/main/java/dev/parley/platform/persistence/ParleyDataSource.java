package dev.parley.platform.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The JDBC connection factory behind the server's pool ({@link ParleyDataSourceDefinition}). It
 * reads {@code parley.db.url/user/password} from MicroProfile Config in code, not through
 * server-specific placeholders in the annotation, and picks the driver shipped in the WAR that
 * accepts the URL (H2 or PostgreSQL) through {@link ServiceLoader}: with child-first class loading
 * {@code DriverManager} would not see them.
 */
public class ParleyDataSource implements DataSource {

  static final String DEFAULT_CONFIG_PREFIX = "parley.db";

  private String configPrefix = DEFAULT_CONFIG_PREFIX;
  private volatile Settings settings;
  private int loginTimeout;
  private PrintWriter logWriter;

  record Settings(Driver driver, String url, Properties credentials) {}

  @Override
  public Connection getConnection() throws SQLException {
    Settings current = settings();
    Connection connection = current.driver().connect(current.url(), current.credentials());
    if (connection == null) {
      throw new SQLException(
          "driver " + current.driver().getClass().getName() + " refused the URL");
    }
    return connection;
  }

  @Override
  public Connection getConnection(String ignoredUser, String ignoredPassword) throws SQLException {
    return getConnection();
  }

  /** The MicroProfile Config prefix of {@code url}, {@code user} and {@code password}. */
  public synchronized void setConfigPrefix(String configPrefix) {
    this.configPrefix = configPrefix;
    this.settings = null;
  }

  public synchronized String getConfigPrefix() {
    return configPrefix;
  }

  private Settings settings() throws SQLException {
    Settings current = settings;
    if (current == null) {
      synchronized (this) {
        current = settings;
        if (current == null) {
          current = settings = load(configPrefix);
        }
      }
    }
    return current;
  }

  private static Settings load(String prefix) throws SQLException {
    ClassLoader loader = ParleyDataSource.class.getClassLoader();
    Config config = ConfigProvider.getConfig(loader);
    String url = config.getValue(prefix + ".url", String.class);
    Properties credentials = new Properties();
    config
        .getOptionalValue(prefix + ".user", String.class)
        .ifPresent(u -> credentials.put("user", u));
    config
        .getOptionalValue(prefix + ".password", String.class)
        .ifPresent(p -> credentials.put("password", p));
    for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
      if (driver.acceptsURL(url)) {
        return new Settings(driver, url, credentials);
      }
    }
    throw new SQLException(
        "no JDBC driver in Parley accepts PARLEY_DB_URL (H2 and PostgreSQL are supported)");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
