package dev.rayform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rayform.core.job.ProductJobOptions;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml's ReconstructOptions say what their owner (core's ProductJobOptions) does: the same
 * ranges, defaults, formats and units; and each bound is where the gateway starts refusing, naming the field.
 */
class JobOptionsContractTest {
  static JsonNode schema;
  static JsonNode units;

  @BeforeAll
  static void readContract() throws Exception {
    try (InputStream in = JobOptionsContractTest.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
      schema = doc.at("/components/schemas/ReconstructOptions/properties");
      units = doc.at("/components/schemas/RealDimensions/properties/unit/enum");
    }
  }

  @Test
  void theContractStatesTheOwnersRangesAndDefaults() {
    assertThat(schema.at("/resolution/minimum").asInt()).isEqualTo(ProductJobOptions.MIN_RESOLUTION);
    assertThat(schema.at("/resolution/maximum").asInt()).isEqualTo(ProductJobOptions.MAX_RESOLUTION);
    assertThat(schema.at("/resolution/default").asInt()).isEqualTo(ProductJobOptions.DEFAULTS.resolution());
    assertThat(schema.at("/threshold/default").asDouble()).isEqualTo(ProductJobOptions.DEFAULTS.threshold());
    assertThat(schema.at("/scale/exclusiveMaximum").asDouble()).isEqualTo(ProductJobOptions.MAX_SCALE);
    assertThat(schema.at("/camera_elevation/exclusiveMaximum").asDouble()).isEqualTo(ProductJobOptions.MAX_CAMERA_ELEVATION);
    assertThat(schema.at("/camera_elevation/exclusiveMinimum").asDouble()).isEqualTo(-ProductJobOptions.MAX_CAMERA_ELEVATION);
    assertThat(schema.at("/camera_elevation/default").isMissingNode()).isTrue();
    assertThat(ProductJobOptions.DEFAULTS.cameraElevation()).isNull();
    assertThat(schema.at("/faces/maximum").asInt()).isEqualTo(ProductJobOptions.MAX_FACES);
    assertThat(schema.at("/faces/default").asInt()).isEqualTo(ProductJobOptions.DEFAULTS.faces());
    assertThat(schema.at("/faces/description").asText()).contains("Values 1-" + (ProductJobOptions.MIN_FACES - 1) + " are refused");
    assertThat(schema.at("/texture_size/minimum").asInt()).isEqualTo(ProductJobOptions.MIN_TEXTURE_SIZE);
    assertThat(schema.at("/texture_size/maximum").asInt()).isEqualTo(ProductJobOptions.MAX_TEXTURE_SIZE);
    assertThat(schema.at("/texture_size/default").asInt()).isEqualTo(ProductJobOptions.DEFAULTS.textureSize());
    assertThat(schema.at("/batch/minimum").asInt()).isEqualTo(ProductJobOptions.MIN_BATCH);
    assertThat(schema.at("/batch/maximum").asInt()).isEqualTo(ProductJobOptions.MAX_BATCH);
    assertThat(schema.at("/batch/default").asInt()).isEqualTo(ProductJobOptions.DEFAULTS.batch());
    assertThat(schema.at("/colour/default").asBoolean()).isEqualTo(ProductJobOptions.DEFAULTS.colour()).isTrue();
    assertThat(schema.at("/mirror_average/default").asBoolean()).isEqualTo(ProductJobOptions.DEFAULTS.mirrorAverage()).isTrue();
    assertThat(schema.at("/preview/default").asBoolean()).isEqualTo(ProductJobOptions.DEFAULTS.preview()).isTrue();
    assertThat(texts(schema.at("/formats/default"))).isEqualTo(ProductJobOptions.DEFAULTS.formats());
    assertThat(texts(units)).isEqualTo(ProductJobOptions.UNITS);
  }

  @Test
  void eachBoundIsWhereTheGatewayStartsRefusingNamingTheField() {
    int[][] bounds = {
        {ProductJobOptions.MIN_RESOLUTION, ProductJobOptions.MAX_RESOLUTION},
        {ProductJobOptions.MIN_TEXTURE_SIZE, ProductJobOptions.MAX_TEXTURE_SIZE},
        {ProductJobOptions.MIN_BATCH, ProductJobOptions.MAX_BATCH},
        {ProductJobOptions.MIN_FACES, ProductJobOptions.MAX_FACES}};
    String[] names = {"resolution", "texture_size", "batch", "faces"};
    for (int i = 0; i < names.length; i++) {
      accepted(new JsonObject().put(names[i], bounds[i][0]));
      accepted(new JsonObject().put(names[i], bounds[i][1]));
      refused(new JsonObject().put(names[i], bounds[i][0] - 1), "options." + names[i]);
      refused(new JsonObject().put(names[i], bounds[i][1] + 1), "options." + names[i]);
    }
    accepted(new JsonObject().put("faces", 0)); // the full surface; 1 to 3 are refused above
    refused(new JsonObject().put("resolution", 64.5), "options.resolution");
    refused(new JsonObject().put("threshold", 1), "options.threshold");
    refused(new JsonObject().put("scale", 0), "options.scale");
    refused(new JsonObject().put("formats", new io.vertx.core.json.JsonArray().add("glb").add("glb")), "options.formats");
    refused(new JsonObject().put("dimensions", new JsonObject().put("width", 1).put("unit", "furlong")), "options.dimensions.unit");
    refused(new JsonObject().put("dimensions", new JsonObject().put("width", -1).put("unit", "m")), "options.dimensions.width");
    refused(new JsonObject().put("preview", "no"), "options.preview");
    refused(new JsonObject().put("mirror_average", "no"), "options.mirror_average");
    accepted(new JsonObject().put("camera_elevation", -89.5));
    accepted(new JsonObject().put("camera_elevation", 89.5));
    refused(new JsonObject().put("camera_elevation", ProductJobOptions.MAX_CAMERA_ELEVATION), "options.camera_elevation");
    refused(new JsonObject().put("camera_elevation", -ProductJobOptions.MAX_CAMERA_ELEVATION), "options.camera_elevation");
    refused(new JsonObject().put("camera_elevation", "high"), "options.camera_elevation");
    assertThat(ProductJobOptions.parse(new JsonObject().put("preview", false).put("resolution", 48).getMap()))
        .satisfies(o -> assertThat(o.preview()).isFalse()).satisfies(o -> assertThat(o.resolution()).isEqualTo(48));
  }

  private static void accepted(JsonObject options) {
    JobRequests.parse(new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", "upl_1"))
        .put("options", options));
  }

  private static void refused(JsonObject options, String field) {
    assertThatThrownBy(() -> accepted(options)).as(options.encode())
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.details().getString("field")).isEqualTo(field));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
