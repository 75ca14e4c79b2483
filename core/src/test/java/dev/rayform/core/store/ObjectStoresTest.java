package dev.rayform.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ObjectStoresTest {

  @Test
  void s3LocationWithEverything() {
    S3Settings s = ObjectStores.s3Settings(
        "s3://rayform-data?endpoint=http%3A%2F%2Fminio%3A9000&region=eu-central-1&pathStyle=false",
        "AK", "SK", Map.of());
    assertThat(s.bucket()).isEqualTo("rayform-data");
    assertThat(s.endpoint()).isEqualTo(URI.create("http://minio:9000"));
    assertThat(s.region()).isEqualTo("eu-central-1");
    assertThat(s.pathStyle()).isFalse();
    assertThat(s.accessKeyId()).isEqualTo("AK");
    assertThat(s.secretAccessKey()).isEqualTo("SK");
    assertThat(s.toString()).doesNotContain("SK");
  }

  @Test
  void s3DefaultsComeFromTheEnvironment() {
    Map<String, String> env = Map.of("AWS_REGION", "ap-south-1", "AWS_ACCESS_KEY_ID", "EK",
        "AWS_SECRET_ACCESS_KEY", "ES", "AWS_SESSION_TOKEN", "TOK");
    S3Settings s = ObjectStores.s3Settings("s3://b?endpoint=http://127.0.0.1:9000", null, null, env);
    assertThat(s.region()).isEqualTo("ap-south-1");
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.accessKeyId()).isEqualTo("EK");
    assertThat(s.sessionToken()).isEqualTo("TOK");
  }

  @Test
  void s3WithoutAnyCredentialsUsesTheSdkChain() {
    S3Settings s = ObjectStores.s3Settings("s3://b", null, null, Map.of());
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.endpoint()).isNull();
    assertThat(s.accessKeyId()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "ftp://x", "/just/a/path", "s3://", "s3://b/prefix",
      "s3://b?endpoint=notaurl", "s3://b?colour=blue", "s3://b?region", "file://host/path", "::"})
  void unusableLocationsAreRejectedWithAStableCode(String config) {
    assertThatThrownBy(() -> ObjectStores.open(config, null, null, Map.of()))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_CONFIG));
  }

  @Test
  void halfCredentialsAreRejected() {
    assertThatThrownBy(() -> ObjectStores.s3Settings("s3://b", "AK", null, Map.of()))
        .isInstanceOfSatisfying(ObjectStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ObjectStoreException.INVALID_CONFIG));
  }
}
