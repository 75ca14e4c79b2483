# The rayform images: the launcher (serve, migrate, keys) on a JRE 17, in two targets.
#   gateway: the launcher alone (gateway, webhooks, migrate, keys): no DJL, no libtorch, no devstack.
#   worker:  the launcher with the workers, recon, DJL and libtorch, and the shipped model.
# Neither carries the embedded default (devstack): give --kafka, --pg and --store (the Helm chart does).
# Nothing is built here: package first, then build the images from the repository root.
#
#   mvn -B -DskipTests package -pl launcher,workers -am                # CPU worker
#   docker build --target gateway -t REGISTRY/rayform-gateway:0.1.0 .
#   docker build --target worker  -t REGISTRY/rayform-worker:0.1.0 .
#
#   mvn -B -Pcuda -DskipTests package -pl launcher,workers -am         # GPU worker (CUDA 12.4 libtorch, ~2.4 GB more)
#   docker build --target worker -t REGISTRY/rayform-worker:0.1.0-cuda .
#
# The GPU image needs the NVIDIA driver and container toolkit on the node (a pod with an
# nvidia.com/gpu limit gets both from the NVIDIA device plugin), and `--device gpu` or auto.
FROM eclipse-temurin:17-jre AS base

RUN groupadd --system --gid 10001 rayform \
 && useradd --system --uid 10001 --gid rayform --home-dir /data --no-create-home rayform \
 && mkdir -p /data && chown rayform:rayform /data

COPY launcher/target/lib/ /opt/rayform/lib/
COPY launcher/target/rayform-launcher.jar /opt/rayform/
COPY scripts/container-entrypoint /usr/local/bin/rayform

# Everything the process writes goes under /data (data dir, worker scratch, DJL's extracted
# libtorch) and /tmp, so the root filesystem can be mounted read-only.
ENV RAYFORM_HOME=/data \
    DJL_CACHE_DIR=/data/djl \
    ENGINE_CACHE_DIR=/data/djl \
    MALLOC_ARENA_MAX=2
WORKDIR /data
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["rayform"]
CMD ["--help"]

FROM base AS gateway

FROM base AS worker
COPY workers/target/lib/ /opt/rayform/lib/
COPY workers/target/rayform-workers.jar /opt/rayform/lib/
COPY models/default/ /opt/rayform/models/default/
