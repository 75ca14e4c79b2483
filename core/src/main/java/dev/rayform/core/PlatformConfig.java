package dev.rayform.core;

/**
 * Where the platform's services are: Kafka, PostgreSQL and the object store (a {@code file://} or
 * {@code s3://} address, see {@code ObjectStores.open}), and this process's worker id.
 */
public record PlatformConfig(
    String kafkaBootstrapServers,
    String pgHost,
    int pgPort,
    String pgDatabase,
    String pgUser,
    String pgPassword,
    String store,
    String storeAccessKey,
    String storeSecretKey,
    String workerId) {

  public String jdbcUrl() {
    return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + pgDatabase;
  }

  @Override
  public String toString() {
    return "PlatformConfig[kafka=" + kafkaBootstrapServers + ", pg=" + pgHost + ":" + pgPort + "/" + pgDatabase + ", store=" + store
        + ", worker=" + workerId + "]";
  }
}
