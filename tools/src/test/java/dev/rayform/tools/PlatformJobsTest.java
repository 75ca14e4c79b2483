package dev.rayform.tools;

import dev.rayform.launcher.Platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The science jobs through the HTTP API of the embedded platform (real Kafka, PostgreSQL and S3 in
 * this process): a dataset is built and registered, a model trained on it and registered, and the
 * model evaluated on the dataset, each job submitted, run by the worker and read back over HTTP.
 */
class PlatformJobsTest {
  @TempDir
  static Path dir;
  static Platform platform;
  static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    platform = Platform.builder().setDataDir(dir.resolve("platform")).optDevKey("rf_dev_jobs_test").setWorkerId("w-jobs-test").start();
    http = WebClient.create(platform.vertx());
  }

  @AfterAll
  static void stop() {
    http.close();
    platform.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  private static JsonObject submit(JsonObject body) throws Exception {
    HttpResponse<Buffer> r = await(http.postAbs(platform.url() + "/v1/jobs").bearerTokenAuthentication(platform.devKey()).sendJsonObject(body));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    return r.bodyAsJsonObject();
  }

  private static JsonObject waitForEnd(String id) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject j = await(http.getAbs(platform.url() + "/v1/jobs/" + id).bearerTokenAuthentication(platform.devKey()).send()).bodyAsJsonObject();
      if (j.getString("status").matches("succeeded|failed|canceled")) {
        return j;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  @Test
  void datasetThenTrainThenEvaluateSucceedThroughTheApi() throws Exception {
    JsonObject dataset = waitForEnd(submit(new JsonObject().put("type", "dataset").put("input", new JsonObject().put("source", "procedural"))
        .put("options", new JsonObject().put("categories", new JsonArray().add("cabinet").add("table")).put("shapes_per_category", 3)
            .put("views", 1).put("image_size", 64).put("rays", 2000).put("depths", 32).put("eval_points", 2000)
            .put("surface_points", 1000))).getString("id"));
    assertThat(dataset.getString("status")).as(dataset.encode()).isEqualTo("succeeded");
    String datasetId = dataset.getJsonObject("result").getString("dataset");

    JsonObject train = waitForEnd(submit(new JsonObject().put("type", "train").put("input", new JsonObject().put("dataset", datasetId))
        .put("options", new JsonObject().put("preset", "tiny").put("steps", 4).put("checkpoint_every", 2).put("batch", 2).put("rays", 128)
            .put("validate_every", 0))).getString("id"));
    assertThat(train.getString("status")).as(train.encode()).isEqualTo("succeeded");
    String modelId = train.getJsonObject("result").getString("model");
    HttpResponse<Buffer> model = await(http.getAbs(platform.url() + "/v1/models/" + modelId).bearerTokenAuthentication(platform.devKey()).send());
    assertThat(model.statusCode()).as(model.bodyAsString()).isEqualTo(200);

    JsonObject eval = waitForEnd(submit(new JsonObject().put("type", "evaluate")
        .put("input", new JsonObject().put("dataset", datasetId).put("model", modelId))
        .put("options", new JsonObject().put("split", "all").put("resolution", 32))).getString("id"));
    assertThat(eval.getString("status")).as(eval.encode()).isEqualTo("succeeded");
    assertThat(eval.getJsonObject("result").getJsonObject("mean").getInteger("shapes")).isEqualTo(6);
    HttpResponse<Buffer> metrics = await(http.getAbs(platform.url() + "/v1/jobs/" + eval.getString("id") + "/artifacts/metrics.json")
        .followRedirects(true).bearerTokenAuthentication(platform.devKey()).send());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.bodyAsJsonObject().getJsonObject("categories").containsKey("table")).isTrue();
  }
}
