package dev.parley.testing;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints JSON Web Tokens for MicroProfile JWT tests with nothing but the JDK: an RSA key pair, its
 * public key as PEM for {@code mp.jwt.verify.publickey.location}, and RS256-signed tokens.
 */
public final class TestTokens {

  private static final JsonBuilderFactory JSON =
      JsonProvider.provider().createBuilderFactory(Map.of());
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String issuer;
  private final KeyPair keyPair;

  private TestTokens(String issuer, KeyPair keyPair) {
    this.issuer = issuer;
    this.keyPair = keyPair;
  }

  /** Creates a fresh RSA 2048 key pair for tokens issued by {@code issuer}. */
  public static TestTokens generate(String issuer) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new TestTokens(Objects.requireNonNull(issuer, "issuer"), generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available", e);
    }
  }

  /** The default issuer of the tokens. */
  public String issuer() {
    return issuer;
  }

  /** The public key that verifies the tokens signed by this generator. */
  public PublicKey publicKey() {
    return keyPair.getPublic();
  }

  /** The public key as PEM: base64 of its X.509 encoding in 64-character lines. */
  public String publicKeyPem() {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keyPair.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** Writes {@link #publicKeyPem()} to {@code file}, creating parent directories. */
  public void writePublicKeyPem(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, publicKeyPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Starts a token with subject "test-user", group "user", expiring in one hour. */
  public Builder token() {
    return new Builder();
  }

  /** Fluent description of one token; each {@code build} call mints a new one (new jti, iat). */
  public final class Builder {

    private String subject = "test-user";
    private List<String> groups = List.of("user");
    private String tier;
    private String app;
    private String tokenIssuer = issuer;
    private Duration expiresIn = Duration.ofHours(1);
    private final Map<String, String> claims = new LinkedHashMap<>();

    private Builder() {}

    /** The {@code sub} and {@code upn} claims. */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /** The {@code groups} claim, replacing the default {@code ["user"]}. */
    public Builder groups(String... groups) {
      this.groups = List.of(groups);
      return this;
    }

    /** The {@code tier} claim. */
    public Builder tier(String tier) {
      this.tier = tier;
      return this;
    }

    /** The {@code app} claim. */
    public Builder app(String app) {
      this.app = app;
      return this;
    }

    /** The {@code iss} claim, replacing the generator's issuer. */
    public Builder issuer(String issuer) {
      this.tokenIssuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Lifetime from now; a negative duration makes an already expired token. */
    public Builder expiresIn(Duration expiresIn) {
      this.expiresIn = Objects.requireNonNull(expiresIn, "expiresIn");
      return this;
    }

    /** Any further string claim; it overrides a standard claim of the same name. */
    public Builder claim(String name, String value) {
      claims.put(name, value);
      return this;
    }

    /** The token signed RS256 with this generator's private key. */
    public String build() {
      return signed(keyPair.getPrivate());
    }

    /** The token signed RS256 with another generator's key, so its signature does not verify. */
    public String buildSignedWith(TestTokens other) {
      return signed(other.keyPair.getPrivate());
    }

    /** The token with {@code "alg":"none"} and an empty signature: {@code header.payload.}. */
    public String buildUnsigned() {
      JsonObject header = JSON.createObjectBuilder().add("alg", "none").add("typ", "JWT").build();
      return encode(header) + "." + encode(payload()) + ".";
    }

    private String signed(PrivateKey key) {
      JsonObject header =
          JSON.createObjectBuilder()
              .add("alg", "RS256")
              .add("typ", "JWT")
              .add("kid", "test")
              .build();
      String signingInput = encode(header) + "." + encode(payload());
      try {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign token", e);
      }
    }

    private JsonObject payload() {
      long now = Instant.now().getEpochSecond();
      JsonArrayBuilder groupArray = JSON.createArrayBuilder();
      groups.forEach(groupArray::add);
      JsonObjectBuilder payload =
          JSON.createObjectBuilder()
              .add("iss", tokenIssuer)
              .add("sub", subject)
              .add("upn", subject)
              .add("iat", now)
              .add("exp", now + expiresIn.toSeconds())
              .add("jti", UUID.randomUUID().toString())
              .add("groups", groupArray);
      if (tier != null) {
        payload.add("tier", tier);
      }
      if (app != null) {
        payload.add("app", app);
      }
      claims.forEach(payload::add);
      return payload.build();
    }

    private String encode(JsonObject json) {
      return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
