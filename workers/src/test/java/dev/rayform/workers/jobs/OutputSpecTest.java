package dev.rayform.workers.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rayform.core.job.ProductJobOptions;
import dev.rayform.recon.colour.PhotoTexture;
import dev.rayform.recon.geometry.LengthUnit;
import dev.rayform.recon.geometry.simplify.QuadricSimplifier;
import dev.rayform.recon.product.ProductOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The job options' owner (core) and the pipeline they drive (recon) agree: every value the API accepts, recon accepts. */
class OutputSpecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theApisDefaultsAreThePipelinesAndItsRangesFitInsideRecons() {
    ProductJobOptions api = ProductJobOptions.DEFAULTS;
    ProductOptions recon = ProductOptions.DEFAULT;
    assertThat(api.resolution()).isEqualTo(recon.resolution());
    assertThat((float) api.threshold()).isEqualTo(recon.threshold());
    assertThat(api.faces()).isEqualTo(recon.faces()).isEqualTo(ProductOptions.DEFAULT_FACES);
    assertThat(api.colour()).isEqualTo(recon.colour());
    assertThat(api.mirrorAverage()).isEqualTo(recon.mirrorAverage()).isTrue();
    assertThat(api.textureSize()).isEqualTo(recon.textureSize()).isEqualTo(PhotoTexture.DEFAULT_SIZE);
    assertThat(ProductJobOptions.MIN_RESOLUTION).isEqualTo(ProductOptions.MIN_RESOLUTION);
    assertThat(ProductJobOptions.MAX_RESOLUTION).isEqualTo(ProductOptions.MAX_RESOLUTION);
    assertThat(ProductJobOptions.MIN_FACES).isEqualTo(QuadricSimplifier.MIN_TARGET);
    assertThat(ProductJobOptions.MAX_FACES).isEqualTo(ProductOptions.MAX_FACES);
    assertThat(ProductJobOptions.MIN_TEXTURE_SIZE).isEqualTo(PhotoTexture.MIN_SIZE);
    assertThat(ProductJobOptions.MAX_TEXTURE_SIZE).isEqualTo(PhotoTexture.MAX_SIZE);
    assertThat(ProductJobOptions.MAX_CAMERA_ELEVATION).isEqualTo(dev.rayform.recon.generation.UprightEstimate.MAX_ELEVATION);
    assertThat(api.cameraElevation()).isNull();
    assertThat(recon.cameraElevation()).isNull();
    assertThat(ProductJobOptions.UNITS).containsExactlyElementsOf(Arrays.stream(LengthUnit.values()).map(LengthUnit::symbol).toList());
  }

  @Test
  void everyBoundTheApiAcceptsBuildsAPipelineAndBeyondItTheWorkerRefusesWithTheApisCode() throws Exception {
    String[] accepted = {
        "{\"resolution\":16,\"faces\":4,\"texture_size\":16,\"threshold\":1e-6,\"scale\":1e-6}",
        "{\"resolution\":256,\"faces\":10000000,\"texture_size\":4096,\"threshold\":0.999999,\"scale\":99.9,\"colour\":false}",
        "{\"faces\":0,\"formats\":[\"usdz\",\"glb\"],\"preview\":false,\"batch\":64}",
        "{\"camera_elevation\":-89.999}", "{\"camera_elevation\":89.999}"};
    for (String json : accepted) {
      OutputSpec spec = OutputSpec.of(JSON.readTree(json));
      assertThat(spec.product()).as(json).isNotNull();
    }
    OutputSpec last = OutputSpec.of(JSON.readTree(accepted[2]));
    assertThat(last.formats()).containsExactly("usdz", "glb");
    assertThat(last.job().preview()).isFalse();
    assertThat(last.product().faces()).isZero();
    assertThat(last.product().reconstruction().mirrorAverage()).isTrue();
    assertThat(OutputSpec.of(JSON.readTree("{\"mirror_average\":false}")).product().reconstruction().mirrorAverage()).isFalse();
    assertThat(OutputSpec.of(JSON.readTree("{\"camera_elevation\":15}")).product().cameraElevation()).isEqualTo(15.0);
    for (String json : new String[] {"{\"resolution\":15}", "{\"faces\":3}", "{\"texture_size\":4097}", "{\"batch\":0}",
        "{\"formats\":[\"fbx\"]}", "{\"colour\":\"yes\"}",
        "{\"mirror_average\":1}", "{\"camera_elevation\":90}", "{\"camera_elevation\":\"15\"}"}) {
      assertThatThrownBy(() -> OutputSpec.of(JSON.readTree(json))).as(json)
          .isInstanceOfSatisfying(JobFailure.class, e -> assertThat(e.code()).isEqualTo(ProductJobOptions.INVALID));
    }
    assertThat(OutputSpec.realDimensions(OutputSpec.of(JSON.readTree("{\"dimensions\":{\"height\":92,\"unit\":\"cm\"}}")).job()
        .dimensions()).height()).isEqualTo(0.92, org.assertj.core.data.Offset.offset(1e-12));
  }
}
