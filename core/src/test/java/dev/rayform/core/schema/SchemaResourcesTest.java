package dev.rayform.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rayform.schema.SchemaResources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contracts in rayform-schema parse and say what DESIGN.md promises. */
class SchemaResourcesTest {
  /** Every path and method of DESIGN.md's HTTP API (v1). */
  private static final Map<String, List<String>> DESIGN_API = Map.ofEntries(
      Map.entry("/v1/uploads", List.of("post")),
      Map.entry("/v1/jobs", List.of("post", "get")),
      Map.entry("/v1/jobs/{id}", List.of("get")),
      Map.entry("/v1/jobs/{id}/cancel", List.of("post")),
      Map.entry("/v1/jobs/{id}/items", List.of("get")),
      Map.entry("/v1/jobs/{id}/artifacts", List.of("get")),
      Map.entry("/v1/jobs/{id}/artifacts/{name}", List.of("get")),
      Map.entry("/v1/events", List.of("get")),
      Map.entry("/v1/models", List.of("get")),
      Map.entry("/v1/models/{id}", List.of("get")),
      Map.entry("/v1/webhooks", List.of("post")),
      Map.entry("/v1/webhooks/{id}/deliveries", List.of("get")),
      Map.entry("/v1/webhooks/{id}/deliveries/{delivery}/redeliver", List.of("post")),
      Map.entry("/health", List.of("get")),
      Map.entry("/ready", List.of("get")),
      Map.entry("/metrics", List.of("get")),
      Map.entry("/openapi.yaml", List.of("get")),
      Map.entry("/", List.of("get")));
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private static JsonNode openapi;

  @BeforeAll
  static void parseOpenApi() throws Exception {
    openapi = new ObjectMapper(new YAMLFactory()).readTree(SchemaResources.read(SchemaResources.OPENAPI));
  }

  @Test
  void messageSchemasAreDraft2020ObjectsWithTheirFields() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<String>> required = Map.of(
        SchemaResources.JOB_MESSAGE_SCHEMA, List.of("jobId", "tenantId", "type", "attempt", "enqueuedAt"),
        SchemaResources.JOB_EVENT_SCHEMA, List.of("jobId", "seq", "type", "status", "progress", "at"),
        SchemaResources.JOB_DEAD_LETTER_SCHEMA, List.of("jobId", "tenantId", "errorCode", "errorMessage"));
    for (String resource : SchemaResources.MESSAGE_SCHEMAS) {
      JsonNode schema = json.readTree(SchemaResources.read(resource));
      assertThat(schema.path("$schema").asText()).as(resource).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("$id").asText()).as(resource).isNotEmpty();
      assertThat(schema.path("type").asText()).as(resource).isEqualTo("object");
      assertThat(texts(schema.path("required"))).as(resource).containsAll(required.get(resource));
      for (String field : texts(schema.path("required"))) {
        assertThat(schema.path("properties").has(field)).as(resource + " defines " + field).isTrue();
      }
    }
    JsonNode event = json.readTree(SchemaResources.read(SchemaResources.JOB_EVENT_SCHEMA));
    assertThat(event.path("properties").fieldNames()).toIterable()
        .contains("jobId", "seq", "type", "status", "progress", "stage", "message", "data", "at");
  }

  @Test
  void openApiIsVersion31WithBearerAuth() {
    assertThat(openapi.path("openapi").asText()).startsWith("3.1.");
    assertThat(openapi.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    assertThat(openapi.at("/components/schemas/Error/required").toString()).contains("error");
    assertThat(texts(openapi.at("/components/schemas/Error/properties/error/required"))).containsExactly("code", "message");
  }

  @Test
  void openApiHasEveryPathOfTheDesign() {
    JsonNode paths = openapi.path("paths");
    DESIGN_API.forEach((path, methods) -> {
      assertThat(paths.has(path)).as("path " + path).isTrue();
      for (String method : methods) {
        assertThat(paths.path(path).has(method)).as(method + " " + path).isTrue();
      }
    });
  }

  @Test
  void everyOperationIsComplete() {
    Set<String> operationIds = new HashSet<>();
    Pattern template = Pattern.compile("\\{([^}]+)}");
    openapi.path("paths").fields().forEachRemaining(path -> {
      Set<String> pathParams = declaredPathParams(path.getValue().path("parameters"));
      path.getValue().fields().forEachRemaining(op -> {
        if (!METHODS.contains(op.getKey())) {
          return;
        }
        String where = op.getKey() + " " + path.getKey();
        assertThat(operationIds.add(op.getValue().path("operationId").asText())).as(where + " operationId unique").isTrue();
        assertThat(op.getValue().path("responses").size()).as(where + " responses").isPositive();
        Set<String> params = new HashSet<>(pathParams);
        params.addAll(declaredPathParams(op.getValue().path("parameters")));
        Matcher m = template.matcher(path.getKey());
        while (m.find()) {
          assertThat(params).as(where + " declares {" + m.group(1) + "}").contains(m.group(1));
        }
      });
    });
  }

  @Test
  void listsPaginateWithLimitAndCursor() {
    for (String path : List.of("/v1/jobs", "/v1/jobs/{id}/items", "/v1/models", "/v1/webhooks/{id}/deliveries")) {
      String params = openapi.at(JsonPointer.compile("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/parameters")).toString();
      assertThat(params).as(path).contains("#/components/parameters/Limit", "#/components/parameters/Cursor");
    }
    String create = openapi.at("/paths/~1v1~1jobs/post/parameters").toString();
    assertThat(create).contains("#/components/parameters/IdempotencyKey");
    assertThat(openapi.at("/components/parameters/IdempotencyKey/name").asText()).isEqualTo("Idempotency-Key");
    String events = openapi.at("/paths/~1v1~1events/get/parameters").toString();
    assertThat(events).contains("\"since\"", "\"job\"");
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(openapi, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).as("local reference").startsWith("#/");
      assertThat(openapi.at(JsonPointer.compile(ref.substring(1))).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void everyPropertyIsASchema() {
    // Catches YAML slips such as an unquoted comma splitting a flow-mapping description.
    List<String> broken = new ArrayList<>();
    collectBrokenProperties(openapi, "", broken);
    assertThat(broken).isEmpty();
  }

  @Test
  void migrationsAreWhereFlywayLooks() {
    assertThat(SchemaResources.MIGRATIONS).isEqualTo("classpath:" + SchemaResources.MIGRATIONS_DIR);
    String sql = new String(SchemaResources.read(SchemaResources.MIGRATIONS_DIR + "/V1__platform.sql"));
    assertThat(sql).contains("create table jobs", "create table outbox");
  }

  private static Set<String> declaredPathParams(JsonNode parameters) {
    Set<String> names = new HashSet<>();
    for (JsonNode p : parameters) {
      JsonNode resolved = p.has("$ref") ? openapi.at(JsonPointer.compile(p.get("$ref").asText().substring(1))) : p;
      if ("path".equals(resolved.path("in").asText())) {
        names.add(resolved.path("name").asText());
      }
    }
    return names;
  }

  private static void collectBrokenProperties(JsonNode node, String where, List<String> broken) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String here = where + "/" + e.getKey();
        if (e.getKey().equals("properties") && e.getValue().isObject()) {
          e.getValue().fields().forEachRemaining(p -> {
            if (!p.getValue().isObject()) {
              broken.add(here + "/" + p.getKey());
            }
          });
        }
        if (e.getKey().equals("description") && !e.getValue().isTextual()) {
          broken.add(here);
        }
        collectBrokenProperties(e.getValue(), here, broken);
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectBrokenProperties(child, where + "[]", broken));
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }
}
