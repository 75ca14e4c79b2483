package dev.rayform.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

class EmbeddedS3Test {

  @TempDir
  Path dataDir;

  @Test
  void putGetListDeleteAndPresignedGet() throws Exception {
    long t = System.nanoTime();
    try (EmbeddedS3 s3 = new EmbeddedS3(dataDir, "meshes").start();
         S3Client client = S3Clients.client(s3.endpoint(), s3.accessKey(), s3.secretKey());
         S3Presigner presigner = S3Clients.presigner(s3.endpoint(), s3.accessKey(), s3.secretKey())) {
      System.out.printf("S3 start: %d ms%n", (System.nanoTime() - t) / 1_000_000);

      byte[] glb = "glTF-binary-bytes".getBytes(StandardCharsets.UTF_8);
      client.putObject(b -> b.bucket("meshes").key("jobs/j1/mesh.glb").contentType("model/gltf-binary"),
          RequestBody.fromBytes(glb));
      client.putObject(b -> b.bucket("meshes").key("jobs/j1/preview.png"), RequestBody.fromString("png"));
      client.putObject(b -> b.bucket("meshes").key("jobs/j2/mesh.glb"), RequestBody.fromString("other"));

      assertThat(client.getObjectAsBytes(b -> b.bucket("meshes").key("jobs/j1/mesh.glb")).asByteArray())
          .isEqualTo(glb);
      assertThat(client.listObjectsV2(b -> b.bucket("meshes").prefix("jobs/j1/")).contents())
          .extracting(S3Object::key)
          .containsExactly("jobs/j1/mesh.glb", "jobs/j1/preview.png");

      GetObjectRequest get = GetObjectRequest.builder().bucket("meshes").key("jobs/j1/mesh.glb").build();
      String url = presigner.presignGetObject(GetObjectPresignRequest.builder()
          .signatureDuration(Duration.ofMinutes(5)).getObjectRequest(get).build()).url().toString();
      HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(fetched.body()).isEqualTo(glb);

      client.deleteObject(b -> b.bucket("meshes").key("jobs/j1/mesh.glb"));
      assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket("meshes").key("jobs/j1/mesh.glb")))
          .isInstanceOf(NoSuchKeyException.class);
      assertThat(client.listObjectsV2(b -> b.bucket("meshes")).contents())
          .extracting(S3Object::key)
          .containsExactly("jobs/j1/preview.png", "jobs/j2/mesh.glb");
    }
  }

  @Test
  void rejectsWrongKeysAndKeepsObjectsAcrossRestart() throws Exception {
    EmbeddedS3 s3 = new EmbeddedS3(dataDir, "models");
    try {
      s3.start();
      try (S3Client client = S3Clients.client(s3.endpoint(), s3.accessKey(), s3.secretKey())) {
        client.putObject(b -> b.bucket("models").key("ray-onet/model.params"), RequestBody.fromString("w"));
      }
      try (S3Client intruder = S3Clients.client(s3.endpoint(), s3.accessKey(), "wrong-secret")) {
        assertThatThrownBy(() -> intruder.listObjectsV2(b -> b.bucket("models")))
            .isInstanceOf(S3Exception.class)
            .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
      }

      s3.stop();
      s3.start();
      try (S3Client client = S3Clients.client(s3.endpoint(), s3.accessKey(), s3.secretKey())) {
        assertThat(client.getObjectAsBytes(b -> b.bucket("models").key("ray-onet/model.params")).asUtf8String())
            .isEqualTo("w");
      }
      assertThat(Files.isDirectory(dataDir.resolve("models"))).isTrue();
    } finally {
      s3.stop();
    }
  }
}
