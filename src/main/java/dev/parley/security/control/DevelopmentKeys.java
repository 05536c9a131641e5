package dev.parley.security.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The development-mode RSA key pair, kept as PEM files in the data directory so that a restart
 * keeps issued development tokens valid. Only ever used when no real key is configured.
 */
public final class DevelopmentKeys {

  static final String PRIVATE_FILE = "dev-jwt-private.pem";
  static final String PUBLIC_FILE = "dev-jwt-public.pem";

  private final KeyPair keyPair;

  private DevelopmentKeys(KeyPair keyPair) {
    this.keyPair = keyPair;
  }

  public static synchronized DevelopmentKeys loadOrCreate(Path dataDir) {
    Path privateFile = dataDir.resolve(PRIVATE_FILE);
    Path publicFile = dataDir.resolve(PUBLIC_FILE);
    try {
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        return new DevelopmentKeys(read(privateFile, publicFile));
      }
      Files.createDirectories(dataDir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      writePrivate(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      return new DevelopmentKeys(pair);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the development key pair in " + dataDir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the development key pair", e);
    }
  }

  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", keyPair.getPublic().getEncoded());
  }

  private static KeyPair read(Path privateFile, Path publicFile)
      throws IOException, GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privateFile)));
    PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(publicFile)));
    return new KeyPair(publicKey, privateKey);
  }

  private static byte[] der(Path pemFile) throws IOException {
    String body =
        Files.readString(pemFile, StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }

  private static void writePrivate(Path file, String pem) throws IOException {
    Files.writeString(file, pem);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // best effort on non-POSIX file systems
    }
  }

  static String pem(String type, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
