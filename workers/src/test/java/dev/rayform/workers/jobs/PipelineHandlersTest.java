package dev.rayform.workers.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayform.core.job.JobType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dataset, then train (in resumable chunks), then evaluate: the handlers of the science jobs. */
class PipelineHandlersTest {
  @TempDir
  Path tmp;

  @Test
  void datasetTrainEvaluate() throws Exception {
    Map<String, Path> datasets = new HashMap<>();
    FolderJobContext build = new FolderJobContext(JobType.DATASET, "{\"source\":\"procedural\"}",
        "{\"categories\":[\"cabinet\",\"table\"],\"shapes_per_category\":3,\"views\":1,\"image_size\":64,\"rays\":2000,"
            + "\"depths\":32,\"eval_points\":2000,\"surface_points\":1000}",
        tmp.resolve("j1"), Map.of(), Map.of(), datasets);
    ObjectNode built = new DatasetHandler().run(build);
    assertThat(built.get("shapes").asInt()).isEqualTo(6);
    String dataset = built.get("dataset").asText();
    assertThat(datasets.get(dataset).resolve("manifest.json")).exists();
    assertThat(build.progress).contains("building");

    FolderJobContext train = new FolderJobContext(JobType.TRAIN, "{\"dataset\":\"" + dataset + "\"}",
        "{\"preset\":\"tiny\",\"steps\":6,\"checkpoint_every\":3,\"batch\":2,\"rays\":128,\"validate_every\":3}",
        tmp.resolve("j2"), Map.of(), Map.of(), datasets);
    ObjectNode trained = new TrainHandler().run(train);
    assertThat(train.stateSaves).isEqualTo(2);
    assertThat(trained.get("metrics").get("steps").asInt()).isEqualTo(6);
    assertThat(trained.get("metrics").has("val_iou")).isTrue();
    // The loss curve for live plots: every step of so short a run, validation IoU on validation steps.
    assertThat(train.progressData.stream().filter(d -> d.containsKey("loss")).map(d -> ((Number) d.get("step")).longValue()).distinct())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(train.progressData.stream().filter(d -> d.containsKey("val_iou")).map(d -> ((Number) d.get("step")).longValue()).distinct())
        .containsExactly(3L, 6L);
    Path modelDir = train.models.get(trained.get("model").asText());
    assertThat(modelDir.resolve("model.json")).exists();

    // A second attempt of the same job (after a crash) resumes from its saved state: nothing left to do.
    FolderJobContext retry = new FolderJobContext(JobType.TRAIN, "{\"dataset\":\"" + dataset + "\"}",
        "{\"preset\":\"tiny\",\"steps\":6,\"checkpoint_every\":3,\"batch\":2,\"rays\":128}", tmp.resolve("j2"), Map.of(), Map.of(), datasets);
    new TrainHandler().run(retry);
    assertThat(retry.stateSaves).isZero();
    assertThat(Files.readAllLines(modelDir.resolve("metrics.jsonl"))).hasSize(6);

    try (ModelCache cache = new ModelCache(1)) {
      FolderJobContext eval = new FolderJobContext(JobType.EVALUATE, "{\"dataset\":\"" + dataset + "\",\"model\":\"m\"}",
          "{\"split\":\"all\",\"resolution\":32}", tmp.resolve("j3"), Map.of(), Map.of("m", modelDir), datasets);
      ObjectNode metrics = new EvaluateHandler(cache).run(eval);
      assertThat(metrics.get("mean").get("shapes").asInt()).isEqualTo(6);
      assertThat(new ObjectMapper().readTree(eval.artifact("metrics.json").toFile()).get("categories").has("cabinet")).isTrue();
      assertThat(eval.artifact("metrics.md")).content().contains("| cabinet |");
    }
  }

  @Test
  void aDatasetJobCanStretchItsTrainingShapes() throws Exception {
    Map<String, Path> datasets = new HashMap<>();
    String options = "{\"categories\":[\"table\"],\"shapes_per_category\":4,\"views\":1,\"image_size\":64,\"rays\":200,"
        + "\"depths\":16,\"eval_points\":1000,\"surface_points\":1000,\"train_points\":false,\"stretched_copies\":2}";
    ObjectNode built = new DatasetHandler().run(new FolderJobContext(JobType.DATASET, "{\"source\":\"procedural\"}", options,
        tmp.resolve("s1"), Map.of(), Map.of(), datasets));
    int train = built.get("splits").get("train").asInt();
    // Each original training shape and its two copies; held-out shapes once.
    assertThat(train % 3).isZero();
    assertThat(train).isPositive();
    assertThat(built.get("shapes").asInt()).isEqualTo(4 + 2 * train / 3);
    assertThatThrownBy(() -> new DatasetHandler().run(new FolderJobContext(JobType.DATASET, "{\"source\":\"procedural\"}",
        "{\"stretched_copies\":65}", tmp.resolve("s2"), Map.of(), Map.of(), datasets)))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_options"));
  }

  @Test
  void badSourcesAndMissingDatasetsAreBadInput() {
    assertThatThrownBy(() -> new DatasetHandler().run(new FolderJobContext(JobType.DATASET, "{\"source\":\"/etc\"}", "{}",
        tmp.resolve("a"), Map.of(), Map.of())))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_input"));
    assertThatThrownBy(() -> new TrainHandler().run(new FolderJobContext(JobType.TRAIN, "{\"dataset\":\"ds_x\"}", "{}",
        tmp.resolve("b"), Map.of(), Map.of())))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("dataset_not_found"));
    assertThatThrownBy(() -> new TrainHandler().run(new FolderJobContext(JobType.TRAIN, "{\"dataset\":\"ds_x\"}",
        "{\"preset\":\"huge\"}", tmp.resolve("c"), Map.of(), Map.of())))
        .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo("invalid_config"));
  }
}
