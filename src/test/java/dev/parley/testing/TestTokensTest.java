package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTokensTest {

  private static TestTokens tokens;

  @BeforeAll
  static void generate() {
    tokens = TestTokens.generate("https://issuer.parley.test");
  }

  @Test
  void buildsSignedTokenWithClaims() {
    String jwt =
        tokens.token().subject("alice").groups("user", "admin").tier("pro").app("cli").build();

    String[] parts = jwt.split("\\.", -1);
    assertEquals(3, parts.length);
    JsonObject header = decode(parts[0]);
    assertEquals("RS256", header.getString("alg"));
    assertEquals("JWT", header.getString("typ"));
    assertEquals("test", header.getString("kid"));
    JsonObject payload = decode(parts[1]);
    assertEquals("https://issuer.parley.test", payload.getString("iss"));
    assertEquals("alice", payload.getString("sub"));
    assertEquals("alice", payload.getString("upn"));
    assertEquals(List.of("user", "admin"), strings(payload, "groups"));
    assertEquals("pro", payload.getString("tier"));
    assertEquals("cli", payload.getString("app"));
    long now = Instant.now().getEpochSecond();
    assertTrue(Math.abs(payload.getJsonNumber("exp").longValue() - now - 3600) <= 5);
    assertNotEquals(
        payload.getString("jti"), decode(tokens.token().build().split("\\.")[1]).getString("jti"));
  }

  @Test
  void defaultsAndExtraClaims() {
    JsonObject payload =
        decode(tokens.token().issuer("other").claim("email", "a@b.test").build().split("\\.")[1]);

    assertEquals(List.of("user"), strings(payload, "groups"));
    assertEquals("other", payload.getString("iss"));
    assertEquals("a@b.test", payload.getString("email"));
    assertFalse(payload.containsKey("tier"));
    assertFalse(payload.containsKey("app"));
  }

  @Test
  void signatureVerifiesWithPublishedPem(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("keys/publicKey.pem");
    tokens.writePublicKeyPem(pem);
    String text = Files.readString(pem);
    assertTrue(text.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertTrue(text.endsWith("-----END PUBLIC KEY-----\n"));
    assertTrue(text.lines().allMatch(line -> line.length() <= 64));
    assertEquals(tokens.publicKeyPem(), text);
    PublicKey key = readPem(text);

    assertTrue(verifies(tokens.token().build(), key));
    assertFalse(verifies(tokens.token().buildSignedWith(TestTokens.generate("x")), key));
  }

  @Test
  void expiredTokenHasExpiryInThePast() {
    String jwt = tokens.token().expiresIn(Duration.ofMinutes(-5)).build();

    long exp = decode(jwt.split("\\.")[1]).getJsonNumber("exp").longValue();
    assertTrue(exp < Instant.now().getEpochSecond() - 60);
  }

  @Test
  void unsignedTokenHasAlgNoneAndEmptySignature() {
    String jwt = tokens.token().subject("mallory").buildUnsigned();

    assertTrue(jwt.endsWith("."));
    String[] parts = jwt.split("\\.", -1);
    assertEquals(3, parts.length);
    assertEquals("", parts[2]);
    assertEquals("none", decode(parts[0]).getString("alg"));
    assertEquals("mallory", decode(parts[1]).getString("sub"));
  }

  private static boolean verifies(String jwt, PublicKey key) throws GeneralSecurityException {
    int lastDot = jwt.lastIndexOf('.');
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initVerify(key);
    signature.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    return signature.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
  }

  private static PublicKey readPem(String pem) throws GeneralSecurityException {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static JsonObject decode(String part) {
    assertFalse(part.contains("="), "base64url without padding");
    String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    try (JsonReader reader = ChatResponder.PROVIDER.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static List<String> strings(JsonObject object, String name) {
    return object.getJsonArray(name).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .collect(Collectors.toList());
  }
}
