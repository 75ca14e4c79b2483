# The rayform image: the packaged CLI on a JRE 17. One image runs every role: `serve --role
# gateway|worker`, `migrate`, `keys` (the Helm chart in helm/rayform uses it for all of them).
# It does not build anything: package the CLI first, then build the image from the repository root.
#
#   mvn -B -DskipTests package -pl cli -am           # CPU image
#   docker build -t REGISTRY/rayform:0.1.0 .
#
#   mvn -B -Pcuda -DskipTests package -pl cli -am    # GPU image (CUDA 12.4 libtorch, ~2.4 GB more)
#   docker build -t REGISTRY/rayform:0.1.0-cuda .
#
# The GPU image needs the NVIDIA driver and container toolkit on the node (a pod with an
# nvidia.com/gpu limit gets both from the NVIDIA device plugin), and `--device gpu` or auto.
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 rayform \
 && useradd --system --uid 10001 --gid rayform --home-dir /data --no-create-home rayform \
 && mkdir -p /data && chown rayform:rayform /data

COPY cli/target/lib/ /opt/rayform/lib/
COPY cli/target/rayform-cli.jar /opt/rayform/
COPY models/default/ /opt/rayform/models/default/
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
