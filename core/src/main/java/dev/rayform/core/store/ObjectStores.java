package dev.rayform.core.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens an {@link ObjectStore} from a configuration string:
 * <ul>
 *   <li>{@code file:///var/lib/rayform/objects} (or {@code file:relative/dir}): {@link FileSystemObjectStore};
 *   <li>{@code s3://bucket?endpoint=http://127.0.0.1:9000&region=us-east-1&pathStyle=true}:
 *       {@link S3ObjectStore}. {@code region} defaults to {@code AWS_REGION}, then us-east-1;
 *       {@code pathStyle} defaults to true. Credentials come from the arguments, else
 *       {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN}),
 *       else the AWS SDK's default chain. Secrets never go in the string.
 * </ul>
 */
public final class ObjectStores {
  private static final Set<String> S3_PARAMETERS = Set.of("endpoint", "region", "pathStyle");

  private ObjectStores() {}

  /** Opens the store with credentials from the environment. */
  public static ObjectStore open(String config) {
    return open(config, null, null);
  }

  /** Opens the store; {@code accessKeyId}/{@code secretAccessKey} may be null. */
  public static ObjectStore open(String config, String accessKeyId, String secretAccessKey) {
    return open(config, accessKeyId, secretAccessKey, System.getenv());
  }

  /** As {@link #open(String, String, String)}, reading the variables from {@code env}. */
  public static ObjectStore open(String config, String accessKeyId, String secretAccessKey, Map<String, String> env) {
    URI uri = parse(config);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    switch (scheme) {
      case "file":
        return new FileSystemObjectStore(filePath(uri, config));
      case "s3":
        return new S3ObjectStore(s3Settings(uri, config, accessKeyId, secretAccessKey, env));
      default:
        throw invalid(config, "use file:///path or s3://bucket?endpoint=...&region=...");
    }
  }

  /** The S3 settings a {@code s3://} string describes (exposed for tools and tests). */
  public static S3Settings s3Settings(
      String config, String accessKeyId, String secretAccessKey, Map<String, String> env) {
    URI uri = parse(config);
    if (!"s3".equalsIgnoreCase(uri.getScheme())) {
      throw invalid(config, "not an s3:// location");
    }
    return s3Settings(uri, config, accessKeyId, secretAccessKey, env);
  }

  private static S3Settings s3Settings(
      URI uri, String config, String accessKeyId, String secretAccessKey, Map<String, String> env) {
    String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw invalid(config, "the bucket is missing (s3://bucket)");
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      throw invalid(config, "a key prefix in the path is not supported; use a bucket of its own");
    }
    Map<String, String> query = query(uri.getRawQuery(), config);
    for (String name : query.keySet()) {
      if (!S3_PARAMETERS.contains(name)) {
        throw invalid(config, "unknown parameter '" + name + "' (known: " + S3_PARAMETERS + ")");
      }
    }
    URI endpoint = null;
    if (query.containsKey("endpoint")) {
      endpoint = URI.create(query.get("endpoint"));
      if (endpoint.getScheme() == null || endpoint.getHost() == null) {
        throw invalid(config, "endpoint must be an absolute http(s) URL");
      }
    }
    String region = firstNonBlank(query.get("region"), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), "us-east-1");
    boolean pathStyle = !"false".equalsIgnoreCase(query.getOrDefault("pathStyle", "true"));
    String key = accessKeyId;
    String secret = secretAccessKey;
    String token = null;
    if (key == null && secret == null) {
      key = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
      secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
      token = blankToNull(env.get("AWS_SESSION_TOKEN"));
      if (key == null || secret == null) {
        key = null; // neither complete: fall back to the SDK's default chain
        secret = null;
        token = null;
      }
    }
    return new S3Settings(bucket, endpoint, region, key, secret, token, pathStyle);
  }

  private static URI parse(String config) {
    if (config == null || config.isBlank()) {
      throw invalid(config, "empty");
    }
    try {
      return new URI(config.trim());
    } catch (URISyntaxException e) {
      throw new ObjectStoreException(
          ObjectStoreException.INVALID_CONFIG, "Invalid object store location '" + config + "': " + e.getMessage(), e);
    }
  }

  private static Path filePath(URI uri, String config) {
    if (uri.isOpaque()) {
      return Path.of(uri.getSchemeSpecificPart());
    }
    if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
      throw invalid(config, "use file:///absolute/path (three slashes) or file:relative/path");
    }
    return Path.of(uri);
  }

  private static Map<String, String> query(String rawQuery, String config) {
    Map<String, String> result = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return result;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw invalid(config, "parameter '" + pair + "' has no value");
      }
      result.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return result;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static ObjectStoreException invalid(String config, String why) {
    return new ObjectStoreException(
        ObjectStoreException.INVALID_CONFIG, "Invalid object store location '" + config + "': " + why);
  }
}
