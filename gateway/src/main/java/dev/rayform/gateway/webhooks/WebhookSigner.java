package dev.rayform.gateway.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature} is {@code v1,} + base64 of
 * HMAC-SHA256(key, {@code id.timestamp.body}), the key being the base64 after {@code whsec_}.
 */
public final class WebhookSigner {
  public static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSigner() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** True for {@code whsec_} + base64 of 24 to 64 bytes. */
  public static boolean isValidSecret(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return false;
    }
    try {
      int n = key(secret).length;
      return n >= 24 && n <= 64;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The header value: one {@code v1,} signature per secret given (the current one first), space-separated. */
  public static String signatures(String messageId, long timestamp, String body, String secret, String previousSecret) {
    String current = sign(secret, messageId, timestamp, body);
    return previousSecret == null ? current : current + " " + sign(previousSecret, messageId, timestamp, body);
  }

  public static String sign(String secret, String messageId, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] sig = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] key(String secret) {
    return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
  }
}
