package dev.rayform.core.store;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach an S3-compatible bucket.
 *
 * @param bucket bucket name
 * @param endpoint endpoint override (MinIO, s3proxy, ...); null for AWS itself
 * @param region signing region (S3-compatible servers accept any, e.g. us-east-1)
 * @param accessKeyId access key; null to use the AWS SDK's default credential chain
 * @param secretAccessKey secret key; null with {@code accessKeyId}
 * @param sessionToken session token of temporary credentials, or null
 * @param pathStyle path-style URLs (http://host/bucket/key), which S3-compatible servers need
 */
public record S3Settings(
    String bucket,
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    boolean pathStyle) {

  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new ObjectStoreException(ObjectStoreException.INVALID_CONFIG, "S3 bucket is missing");
    }
    Objects.requireNonNull(region, "region");
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new ObjectStoreException(
          ObjectStoreException.INVALID_CONFIG, "S3 access key id and secret key go together");
    }
  }

  /** Static credentials against an endpoint, path-style: the usual S3-compatible setup. */
  public static S3Settings of(String bucket, URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    return new S3Settings(bucket, endpoint, region, accessKeyId, secretAccessKey, null, true);
  }

  @Override
  public String toString() {
    // never print secrets
    return "S3Settings[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region
        + ", accessKeyId=" + accessKeyId + ", pathStyle=" + pathStyle + "]";
  }
}
