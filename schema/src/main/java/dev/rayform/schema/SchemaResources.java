package dev.rayform.schema;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;

/** Classpath locations of the platform's contracts: SQL migrations, Kafka message schemas, OpenAPI. */
public final class SchemaResources {

  /** Flyway location of the SQL migrations. */
  public static final String MIGRATIONS = "classpath:db/migration";
  /** Classpath folder of the migrations (without Flyway's prefix). */
  public static final String MIGRATIONS_DIR = "db/migration";
  /** Classpath folder of the JSON Schemas (draft 2020-12) of every Kafka message. */
  public static final String SCHEMAS_DIR = "schemas";
  /** Message on a job topic, published by the outbox relay. */
  public static final String JOB_MESSAGE_SCHEMA = "schemas/job-message.schema.json";
  /** Message on the events topic; also what the websocket and webhooks carry. */
  public static final String JOB_EVENT_SCHEMA = "schemas/job-event.schema.json";
  /** Message on the dead-letter topic. */
  public static final String JOB_DEAD_LETTER_SCHEMA = "schemas/job-dead-letter.schema.json";
  /** OpenAPI 3.1 of the HTTP API; the gateway serves it at GET /openapi.yaml. */
  public static final String OPENAPI = "openapi.yaml";

  /** Every JSON Schema resource. */
  public static final List<String> MESSAGE_SCHEMAS =
      List.of(JOB_MESSAGE_SCHEMA, JOB_EVENT_SCHEMA, JOB_DEAD_LETTER_SCHEMA);

  private SchemaResources() {}

  /** Opens a resource of this module; fails loudly when the jar is incomplete. */
  public static InputStream open(String resource) {
    InputStream in = SchemaResources.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Missing classpath resource " + resource);
    }
    return in;
  }

  /** Reads a resource of this module as bytes. */
  public static byte[] read(String resource) {
    try (InputStream in = open(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
