package dev.parley.security.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Signs a JWT with RS256 using only the JDK. Used for the development token. */
public final class JwtSigner {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private JwtSigner() {}

  public static String sign(String payloadJson, PrivateKey key) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String signingInput = encode(header) + "." + encode(payloadJson);
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign JWT", e);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
