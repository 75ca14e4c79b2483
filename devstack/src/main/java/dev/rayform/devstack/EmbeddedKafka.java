package dev.rayform.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft: broker and controller in one process) running inside this JVM.
 *
 * <p>Ports are fixed at construction (free loopback ports unless given), so {@link #stop()}
 * followed by {@link #start()} brings the broker back on the same address with the same data:
 * clients configured once keep working across a simulated outage.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  /** A broker whose data lives under {@code dataDir}, on free loopback ports. */
  public EmbeddedKafka(Path dataDir) {
    this(dataDir, 0, 0);
  }

  /** A broker on the given ports; 0 picks a free one. */
  public EmbeddedKafka(Path dataDir, int brokerPort, int controllerPort) {
    this.dataDir = dataDir.toAbsolutePath();
    this.brokerPort = FreePorts.orFree(brokerPort);
    this.controllerPort = FreePorts.orFree(controllerPort);
  }

  /** Formats the log directory on first use, starts the server and waits until it answers. */
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    try {
      Files.createDirectories(logDir());
      Properties props = serverProperties();
      formatIfNeeded(props);
      server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
      server.startup();
      awaitBrokerReady();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Kafka failed to start in " + dataDir, e);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  /** Clean shutdown; returns once every server thread has ended. Data stays on disk. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** {@code 127.0.0.1:port}, valid before start and across restarts. */
  public String bootstrapServers() {
    return FreePorts.LOOPBACK + ":" + brokerPort;
  }

  public int brokerPort() {
    return brokerPort;
  }

  public int controllerPort() {
    return controllerPort;
  }

  /** Where partitions and the KRaft metadata log live. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  private Properties serverProperties() {
    String loopback = FreePorts.LOOPBACK;
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@" + loopback + ":" + controllerPort);
    p.setProperty("listeners",
        "PLAINTEXT://" + loopback + ":" + brokerPort + ",CONTROLLER://" + loopback + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + loopback + ":" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir().toString());
    // One node: every replicated internal topic must accept a single replica.
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // Few partitions for internal topics: creating 50 of them costs seconds on a small machine.
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // The platform declares its own topics; a typo must fail instead of creating a topic.
    p.setProperty("auto.create.topics.enable", "false");
    // Sized for a laptop: the log cleaner's default 128 MiB dedupe buffer dominates the heap.
    p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8L << 20));
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("num.recovery.threads.per.data.dir", "1");
    return p;
  }

  /** Formatting an already formatted directory fails ("Invalid cluster.id"), so only do it once. */
  private void formatIfNeeded(Properties props) throws IOException {
    if (Files.exists(logDir().resolve("meta.properties"))) {
      return;
    }
    Path propsFile = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(propsFile)) {
      props.store(out, "Rayform embedded Kafka (written for kafka-storage format)");
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(),
          "--ignore-formatted"};
      rc = StorageTool.execute(args, out);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "kafka-storage format failed (" + rc + "): " + buffer.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitBrokerReady() {
    Map<String, Object> conf = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(conf)) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers(), e);
    }
  }
}
