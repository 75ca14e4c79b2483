package dev.rayform.devstack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** AWS SDK v2 clients pointed at an embedded store (path-style, us-east-1, URL-connection HTTP). */
final class S3Clients {

  private S3Clients() {}

  static S3Client client(URI endpoint, String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(EmbeddedS3.REGION))
        .credentialsProvider(credentials(accessKey, secretKey))
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static S3Presigner presigner(URI endpoint, String accessKey, String secretKey) {
    return S3Presigner.builder()
        .endpointOverride(endpoint)
        .region(Region.of(EmbeddedS3.REGION))
        .credentialsProvider(credentials(accessKey, secretKey))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  private static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }
}
