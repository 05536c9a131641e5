package dev.parley.security.control;

import dev.parley.platform.config.DataDirectory;
import dev.parley.platform.config.RuntimeMode;
import dev.parley.platform.json.JsonText;
import dev.parley.security.entity.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In development mode, mints a ready-to-use token (subject {@code dev}, tier enterprise, groups
 * user and admin, valid 30 days), prints it at startup and writes it to {@code <data
 * dir>/dev-token}.
 */
@Startup
@Singleton
public class DevelopmentToken {

  static final Duration VALIDITY = Duration.ofDays(30);
  static final String FILE = "dev-token";

  private static final Logger LOG = Logger.getLogger(DevelopmentToken.class.getName());

  @Inject Clock clock;

  @Inject
  @ConfigProperty(
      name = "mp.jwt.verify.issuer",
      defaultValue = DevelopmentKeyConfigSource.DEV_ISSUER)
  String issuer;

  @PostConstruct
  void issue() {
    if (!RuntimeMode.fromSystem().developmentKeys()) {
      return;
    }
    Path dataDir = DataDirectory.fromSystem();
    String token = mint(DevelopmentKeys.loadOrCreate(dataDir), issuer, clock.instant());
    Path file = dataDir.resolve(FILE);
    try {
      Files.writeString(file, token + "\n");
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot write the development token to {0}", file);
    }
    LOG.log(
        Level.WARNING,
        "\n*** DEVELOPMENT TOKEN (sub=dev, tier=enterprise, groups=user,admin; valid 30 days; also in {0}):\n"
            + "{1}\n*** try: curl -H \"Authorization: Bearer $(cat {0})\" http://localhost:7001/v1/models\n",
        new Object[] {file.toAbsolutePath().normalize(), token});
  }

  static String mint(DevelopmentKeys keys, String issuer, Instant now) {
    String payload =
        "{\"iss\":"
            + JsonText.quote(issuer)
            + ",\"sub\":\"dev\",\"upn\":\"dev\",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"iat\":"
            + now.getEpochSecond()
            + ",\"exp\":"
            + now.plus(VALIDITY).getEpochSecond()
            + ",\"groups\":[\""
            + Roles.USER
            + "\",\""
            + Roles.ADMIN
            + "\"],\"tier\":\"enterprise\",\"app\":\"default\"}";
    return JwtSigner.sign(payload, keys.privateKey());
  }
}
