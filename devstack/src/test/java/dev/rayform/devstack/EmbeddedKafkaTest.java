package dev.rayform.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaTest {

  private EmbeddedKafka kafka;

  @BeforeAll
  void startKafka(@TempDir Path dataDir) {
    long t = System.nanoTime();
    kafka = new EmbeddedKafka(dataDir).start();
    System.out.printf("Kafka cold start (format + start): %d ms%n", (System.nanoTime() - t) / 1_000_000);
  }

  @AfterAll
  void stopKafka() {
    kafka.stop();
  }

  @Test
  void idempotentProducerAndCommittingConsumerGroupRoundTrip() throws Exception {
    createTopic("jobs.roundtrip", 2);
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>("jobs.roundtrip", "job-" + i, "payload-" + i)).get();
      }
    }

    try (KafkaConsumer<String, String> consumer = consumer("workers")) {
      consumer.subscribe(List.of("jobs.roundtrip"));
      List<ConsumerRecord<String, String>> got = pollAtLeast(consumer, 10);
      consumer.commitSync();

      assertThat(got).extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrder(
              "payload-0", "payload-1", "payload-2", "payload-3", "payload-4",
              "payload-5", "payload-6", "payload-7", "payload-8", "payload-9");
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(
          new TopicPartition("jobs.roundtrip", 0), new TopicPartition("jobs.roundtrip", 1)));
      long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
      assertThat(total).isEqualTo(10);
    }
  }

  @Test
  void autoCreationIsOff() throws Exception {
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("typo.topic");
    }
    Properties p = producerProps();
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> producer.send(new ProducerRecord<>("typo.topic", "k", "v")).get())
          .hasMessageContaining("typo.topic");
    }
  }

  @Test
  void restartOnTheSamePortKeepsTopicsAndMessages() throws Exception {
    createTopic("jobs.durable", 1);
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>("jobs.durable", "a", "before-outage")).get();
    }
    String address = kafka.bootstrapServers();

    long t = System.nanoTime();
    kafka.stop();
    long stopMs = (System.nanoTime() - t) / 1_000_000;
    assertThat(kafka.isRunning()).isFalse();
    assertThat(portOpen(kafka.brokerPort())).as("broker port closed while down").isFalse();

    t = System.nanoTime();
    kafka.start();
    System.out.printf("Kafka stop: %d ms, warm restart: %d ms%n", stopMs, (System.nanoTime() - t) / 1_000_000);
    assertThat(kafka.bootstrapServers()).isEqualTo(address);

    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>("jobs.durable", "b", "after-outage")).get();
    }
    try (KafkaConsumer<String, String> consumer = consumer("durable-readers")) {
      consumer.subscribe(List.of("jobs.durable"));
      assertThat(pollAtLeast(consumer, 2)).extracting(ConsumerRecord::value)
          .containsExactly("before-outage", "after-outage");
    }
  }

  private void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private Properties producerProps() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return p;
  }

  private KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(producerProps());
  }

  private KafkaConsumer<String, String> consumer(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  private static List<ConsumerRecord<String, String>> pollAtLeast(
      KafkaConsumer<String, String> consumer, int count) {
    List<ConsumerRecord<String, String>> got = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (got.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(got::add);
    }
    return got;
  }

  private static boolean portOpen(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
