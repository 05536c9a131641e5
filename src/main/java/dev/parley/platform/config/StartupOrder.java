package dev.parley.platform.config;

/**
 * The order of the work done at startup, as priorities of observers of the application scope's
 * initialization (lower first): the schema, then what uses it. The configuration was checked before
 * ({@link StartupCheck}).
 */
public final class StartupOrder {

  public static final int SCHEMA = 200;
  public static final int SERVICES = 300;

  private StartupOrder() {}
}
