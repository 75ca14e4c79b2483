package dev.rayform.recon.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rayform.recon.ReconException;
import dev.rayform.recon.rays.DepthSampling;

/**
 * Sizes of a Ray-ONet or ONet network: one code path, configurable widths, and named presets.
 *
 * @param arch {@code rayonet} or {@code onet}
 * @param imageSize input side in pixels (square)
 * @param baseWidth channels of ResNet-18's first stage (64 in the real network; 128, 256, 512 follow)
 * @param latentDim global code z
 * @param localDim local feature map C (Ray-ONet)
 * @param hidden width of the mixer J and decoder D
 * @param depths M samples along each ray in [dmin, dmax] (Ray-ONet)
 * @param useScale condition D on s (ablation "w/o s" when false)
 * @param useGlobal condition D on z (ablation "w/o z" when false)
 * @param useLocal feed C_p to the mixer (ablation "w/o local features" when false)
 * @param alignedFeatures read each feature level under the ray's own pixel, projected at the level's
 *     resolution (every model since December 2026); false: the first models' rule, every level
 *     upsampled to the stem's resolution, reduced there, and read with aligned corners (several
 *     input pixels up and left of the ray on the coarse levels)
 * @param useElevation condition D also on the camera's elevation above the product when it is known
 *     ({@link CameraCondition}: the known flag and the elevation, both 0 when it is not), beside s
 */
public record ModelConfig(
    String arch,
    @JsonProperty("image_size") int imageSize,
    @JsonProperty("base_width") int baseWidth,
    @JsonProperty("latent_dim") int latentDim,
    @JsonProperty("local_dim") int localDim,
    int hidden,
    @JsonProperty("mixer_blocks") int mixerBlocks,
    @JsonProperty("decoder_blocks") int decoderBlocks,
    int m,
    double dmin,
    double dmax,
    @JsonProperty("use_scale") boolean useScale,
    @JsonProperty("use_global") boolean useGlobal,
    @JsonProperty("use_local") boolean useLocal,
    @JsonProperty("aligned_features") boolean alignedFeatures,
    @JsonProperty("use_elevation") boolean useElevation) {

  public static final String RAYONET = "rayonet";
  public static final String ONET = "onet";

  public ModelConfig {
    if (!RAYONET.equals(arch) && !ONET.equals(arch)) {
      throw new ReconException("invalid_config", "arch must be rayonet or onet, got " + arch);
    }
    if (imageSize < 32 || imageSize % 32 != 0) {
      throw new ReconException("invalid_config", "image size must be a positive multiple of 32, got " + imageSize);
    }
    if (useElevation && !(RAYONET.equals(arch) && useScale)) {
      throw new ReconException("invalid_config", "the camera elevation conditions a Ray-ONet beside s; not " + arch
          + (useScale ? "" : " without s"));
    }
    if (baseWidth < 4 || latentDim < 1 || localDim < 1 || hidden < 1 || m < 2 || mixerBlocks < 0 || decoderBlocks < 1) {
      throw new ReconException("invalid_config", "network sizes must be positive: " + this);
    }
  }

  /** The paper's network: 224 px, ResNet-18 at full width, widths 256, M = 128. */
  public static ModelConfig paper(String arch) {
    return new ModelConfig(arch, 224, 64, 256, 256, 256, 3, 5, 128, 0.63, 2.16, true, true, true, true, false);
  }

  /**
   * Sized for 2 CPU cores: 128 px input (the encoder's cost falls with the pixel count), the full
   * ResNet-18 depth at half width, decoder width 128, M = 128 so it reads the paper's labels as
   * they are.
   */
  public static ModelConfig cpu(String arch) {
    return new ModelConfig(arch, 128, 32, 128, 128, 128, 3, 5, 128, 0.63, 2.16, true, true, true, true, false);
  }

  /**
   * The paper's widths (a full-width ResNet-18, C, J and D at 256) at the {@code cpu} preset's 128 px
   * input: the capacity step up from {@code cpu}, trained from scratch or from a {@code cpu} model
   * {@link Widening widened}.
   */
  public static ModelConfig cpuWide(String arch) {
    return new ModelConfig(arch, 128, 64, 256, 256, 256, 3, 5, 128, 0.63, 2.16, true, true, true, true, false);
  }

  /** Small enough for unit tests that train. */
  public static ModelConfig tiny(String arch) {
    return new ModelConfig(arch, 64, 16, 32, 32, 64, 2, 3, 32, 0.63, 2.16, true, true, true, true, false);
  }

  public static ModelConfig preset(String name, String arch) {
    return switch (name) {
      case "paper" -> paper(arch);
      case "cpu" -> cpu(arch);
      case "cpu-wide" -> cpuWide(arch);
      case "tiny" -> tiny(arch);
      default -> throw new ReconException("invalid_config", "unknown preset '" + name + "' (paper, cpu, cpu-wide, tiny)");
    };
  }

  @JsonIgnore
  public boolean isRayOnet() {
    return RAYONET.equals(arch);
  }

  public DepthSampling depthSampling() {
    return new DepthSampling(m, dmin, dmax);
  }

  /** Dimensions of the conditioning code c of the CBN layers: [z, camera] (or the parts kept). */
  public int conditionDim() {
    int d = (useGlobal ? latentDim : 0) + cameraInputs();
    return Math.max(d, 1);
  }

  /** Columns of the camera part of the condition: s, then the elevation's two ({@link CameraCondition}). */
  public int cameraInputs() {
    return (isRayOnet() && useScale ? 1 : 0) + (useElevation ? CameraCondition.ELEVATION_INPUTS : 0);
  }

  public ModelConfig withAblation(boolean scale, boolean global, boolean local) {
    return new ModelConfig(arch, imageSize, baseWidth, latentDim, localDim, hidden, mixerBlocks, decoderBlocks, m, dmin, dmax, scale, global, local, alignedFeatures, useElevation && scale);
  }

  public ModelConfig withDepths(int newM) {
    return new ModelConfig(arch, imageSize, baseWidth, latentDim, localDim, hidden, mixerBlocks, decoderBlocks, newM, dmin, dmax, useScale, useGlobal, useLocal, alignedFeatures, useElevation);
  }

  /** The same design with other widths (encoder base width, z, C, and J and D's hidden width). */
  public ModelConfig withWidths(int base, int latent, int local, int hiddenWidth) {
    return new ModelConfig(arch, imageSize, base, latent, local, hiddenWidth, mixerBlocks, decoderBlocks, m, dmin, dmax, useScale, useGlobal, useLocal, alignedFeatures, useElevation);
  }

  /**
   * The same network read at another input size: every parameter keeps its shape (the encoder is
   * convolutional and pooled), so trained weights load as they are, though they learnt the scale of
   * their own input and need training at the new one.
   */
  public ModelConfig withImageSize(int size) {
    return new ModelConfig(arch, size, baseWidth, latentDim, localDim, hidden, mixerBlocks, decoderBlocks, m, dmin, dmax, useScale, useGlobal, useLocal, alignedFeatures, useElevation);
  }

  public ModelConfig withAlignedFeatures(boolean aligned) {
    return new ModelConfig(arch, imageSize, baseWidth, latentDim, localDim, hidden, mixerBlocks, decoderBlocks, m, dmin, dmax, useScale, useGlobal, useLocal, aligned, useElevation);
  }

  /** The same network with the decoder conditioned on the camera's elevation too, or not. */
  public ModelConfig withElevation(boolean elevation) {
    return new ModelConfig(arch, imageSize, baseWidth, latentDim, localDim, hidden, mixerBlocks, decoderBlocks, m, dmin, dmax, useScale, useGlobal, useLocal, alignedFeatures, elevation);
  }
}
