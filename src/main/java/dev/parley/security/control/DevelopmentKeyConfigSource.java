package dev.parley.security.control;

import dev.parley.platform.config.DataDirectory;
import dev.parley.platform.config.RuntimeMode;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In development mode only, supplies MP-JWT with the development public key and issuer. Its ordinal
 * is below every standard source, so anything the operator configures wins; outside development
 * mode it is empty.
 */
public class DevelopmentKeyConfigSource implements ConfigSource {

  public static final String DEV_ISSUER = "parley-dev";

  private volatile Map<String, String> properties;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> current = properties;
    if (current == null) {
      synchronized (this) {
        current = properties;
        if (current == null) {
          current = properties = load();
        }
      }
    }
    return current;
  }

  private static Map<String, String> load() {
    if (!RuntimeMode.fromSystem().developmentKeys()) {
      return Map.of();
    }
    DevelopmentKeys keys = DevelopmentKeys.loadOrCreate(DataDirectory.fromSystem());
    return Map.of(
        "mp.jwt.verify.publickey", keys.publicKeyPem(), "mp.jwt.verify.issuer", DEV_ISSUER);
  }

  @Override
  public Set<String> getPropertyNames() {
    return getProperties().keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return getProperties().get(propertyName);
  }

  @Override
  public String getName() {
    return "parley-development-key";
  }

  @Override
  public int getOrdinal() {
    return 10;
  }
}
