package dev.rayform.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class DevStackTest {

  @TempDir
  Path dataDir;

  @Test
  void startsAllThreeInParallelAndStartsAgainOnTheSameData() throws Exception {
    long heapBefore = usedHeapAfterGc();
    DevStack.Config first;
    try (DevStack stack = DevStack.start(dataDir)) {
      System.out.println("DevStack cold start: " + stack.startTimes());
      System.out.printf("DevStack memory: heap used %d MB (+%d MB for the stack), JVM RSS %d MB,"
              + " postgres processes RSS %d MB%n",
          usedHeapAfterGc() >> 20, (usedHeapAfterGc() - heapBefore) >> 20, jvmRssKb() >> 10,
          postgresRssKb(stack.postgres()) >> 10);
      first = stack.config();
      System.out.println("DevStack config: " + first);
      assertReachable(first);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          first.kafkaBootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("jobs.reconstruct", 1, (short) 1))).all()
            .get(30, TimeUnit.SECONDS);
      }
    }
    assertThat(Files.isDirectory(dataDir.resolve("kafka/logs"))).isTrue();
    assertThat(Files.isDirectory(dataDir.resolve("postgres/pgdata"))).isTrue();
    assertThat(Files.isDirectory(dataDir.resolve("s3/rayform"))).isTrue();

    try (DevStack stack = DevStack.start(dataDir)) {
      System.out.println("DevStack warm start (existing data): " + stack.startTimes());
      assertReachable(stack.config());
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          stack.config().kafkaBootstrapServers()))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("jobs.reconstruct");
      }
      long t = System.nanoTime();
      stack.close();
      System.out.printf("DevStack close: %d ms%n", (System.nanoTime() - t) / 1_000_000);
      assertThat(stack.kafka().isRunning()).isFalse();
      assertThat(stack.postgres().isRunning()).isFalse();
      assertThat(stack.s3().isRunning()).isFalse();
    }
  }

  private static void assertReachable(DevStack.Config config) throws Exception {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.pgUser(), config.pgPassword());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT current_database()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(config.pgDatabase());
    }
    try (S3Client s3 = S3Clients.client(config.s3Endpoint(), config.s3AccessKey(), config.s3SecretKey())) {
      assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(config.s3Bucket()));
    }
    assertThat(config.toString()).doesNotContain(config.s3SecretKey());
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long jvmRssKb() throws Exception {
    return rssKb(Path.of("/proc/self/status"));
  }

  /** Sums VmRSS of the postmaster (pg_ctl detaches it, so it is no child of ours) and its workers. */
  private static long postgresRssKb(EmbeddedPostgres pg) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(pg.clusterDir().resolve("postmaster.pid")).get(0).trim());
    return java.util.stream.Stream.concat(ProcessHandle.of(pid).stream(),
            ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants))
        .mapToLong(p -> {
          try {
            return rssKb(Path.of("/proc/" + p.pid() + "/status"));
          } catch (Exception e) {
            return 0; // a worker that just exited
          }
        })
        .sum();
  }

  private static long rssKb(Path status) throws Exception {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
