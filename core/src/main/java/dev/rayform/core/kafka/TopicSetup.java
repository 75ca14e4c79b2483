package dev.rayform.core.kafka;

import dev.rayform.core.PlatformException;
import dev.rayform.core.job.JobType;
import dev.rayform.core.job.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the platform's topics when missing: one per job type, the dead-letter topic, the events. */
public final class TopicSetup {
  private TopicSetup() {}

  /** Every topic the platform uses. */
  public static List<String> topics() {
    List<String> t = new ArrayList<>();
    for (JobType type : JobType.values()) {
      t.add(type.topic());
    }
    t.add(Topics.DEAD_LETTER);
    t.add(Topics.EVENTS);
    return t;
  }

  /** Blocking: call from a worker thread or at start-up. */
  public static void ensure(String bootstrapServers, int partitions, short replication) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
      Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
      List<NewTopic> missing = topics().stream().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, partitions, replication)).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("kafka_unavailable", "interrupted while creating topics");
    } catch (ExecutionException | TimeoutException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
        return; // another process created them meanwhile
      }
      throw new PlatformException("kafka_unavailable", "cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }
}
