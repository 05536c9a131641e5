package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.ResourceMethods;
import dev.parley.testing.SpecDocument;
import dev.parley.testing.SpecDocument.Endpoint;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} against the served endpoints, their status codes and the product spec {@code
 * docs/chat-api.md}, and the {@code /docs} page. Neither needs a token.
 */
abstract class OpenApiTests extends DeployedApi {

  static final Path BASE = Path.of(System.getProperty("basedir", "."));
  static final SpecDocument SPEC = SpecDocument.read(BASE.resolve("docs/chat-api.md"));

  static JsonObject document() {
    Api.Reply reply =
        Api.send(Api.request("/openapi", null).header("Accept", "application/json").GET().build());
    assertEquals(200, reply.status(), reply::toString);
    return reply.json();
  }

  /** Every operation of the document by {@link SpecDocument#key}. */
  static Map<String, JsonObject> operations(JsonObject document) {
    Map<String, JsonObject> operations = new TreeMap<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject()
                    .forEach(
                        (method, operation) ->
                            operations.put(
                                SpecDocument.key(method, path), operation.asJsonObject())));
    return operations;
  }

  @Test
  void servesTheDocumentAsYamlByDefaultAndAsJson() {
    Api.Reply yaml = Api.get("/openapi", null);
    assertEquals(200, yaml.status(), yaml::toString);
    assertTrue(yaml.body().startsWith("openapi: 3."), yaml::body);

    JsonObject document = document();
    assertTrue(document.getString("openapi").startsWith("3."), document::toString);
    assertEquals("Parley", document.getJsonObject("info").getString("title"));
    assertEquals("/", document.getJsonArray("servers").getJsonObject(0).getString("url"));
    JsonObject bearer =
        document
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .getJsonObject("bearer");
    assertEquals("http", bearer.getString("type"));
    assertEquals("bearer", bearer.getString("scheme"));
    assertTrue(document.getJsonArray("security").getJsonObject(0).containsKey("bearer"));
  }

  /**
   * The development simulator stands in for a provider (development mode only, loopback only): not
   * part of the API.
   */
  static final Set<String> NOT_API = Set.of("POST /simulator/v1/chat/completions");

  @Test
  void documentsEveryServedEndpointAndTheSpecsAndNothingElse() {
    Set<String> documented = operations(document()).keySet();
    Set<String> served = new TreeSet<>(ResourceMethods.endpoints(BASE.resolve("target/classes")));
    served.removeAll(NOT_API);
    Set<String> spec = new TreeSet<>();
    SPEC.endpoints().forEach(endpoint -> spec.add(endpoint.key()));
    assertTrue(served.containsAll(spec), () -> "served " + served + " lacks spec " + spec);
    assertEquals(served, documented, "the resources' endpoints vs the document's operations");
  }

  /**
   * The status codes the server actually answers are documented: for every operation, with a token,
   * a malformed body (400), an oversized body (413), and an id nobody has (404).
   */
  @Test
  void theStatusCodesTheServerAnswersAreDocumented() {
    String token = Users.token();
    operations(document())
        .forEach(
            (key, operation) -> {
              String method = key.substring(0, key.indexOf(' '));
              boolean hasId = key.contains("{}");
              String path = key.substring(key.indexOf(' ') + 1).replace("{}", "987654321");
              Set<String> documented = operation.getJsonObject("responses").keySet();
              List<HttpRequest> probes = new ArrayList<>();
              if (isJsonBody(operation)) {
                for (String body :
                    List.of("{\"a\":[", "{\"x\":\"" + "y".repeat(1_100_000) + "\"}")) {
                  probes.add(
                      Api.request(path, token)
                          .header("Content-Type", "application/json")
                          .method(method, HttpRequest.BodyPublishers.ofString(body))
                          .build());
                }
              }
              if (hasId && !isJsonBody(operation)) {
                probes.add(
                    Api.request(path, token)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build());
              }
              for (HttpRequest probe : probes) {
                Api.Reply reply = Api.send(probe);
                assertTrue(
                    documented.contains(Integer.toString(reply.status())),
                    key + " answered " + reply.status() + ", documented " + documented);
              }
            });
  }

  private static boolean isJsonBody(JsonObject operation) {
    return operation.containsKey("requestBody")
        && operation
            .getJsonObject("requestBody")
            .getJsonObject("content")
            .containsKey("application/json");
  }

  /** Each documented operation exists: without a token it answers 401, not 404 or 405. */
  @Test
  void everyDocumentedOperationIsServedAndNeedsAToken() {
    operations(document())
        .forEach(
            (key, operation) -> {
              String method = key.substring(0, key.indexOf(' '));
              String path = key.substring(key.indexOf(' ') + 1).replace("{}", "1");
              HttpRequest.Builder request = Api.request(path, null);
              if (operation.containsKey("requestBody")) {
                boolean multipart =
                    operation
                        .getJsonObject("requestBody")
                        .getJsonObject("content")
                        .containsKey("multipart/form-data");
                request.header(
                    "Content-Type",
                    multipart ? "multipart/form-data; boundary=x" : "application/json");
                request.method(
                    method, HttpRequest.BodyPublishers.ofString(multipart ? "--x--" : "{}"));
              } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
              }
              Api.Reply reply = Api.send(request.build());
              assertEquals(401, reply.status(), key + ": " + reply);
            });
  }

  @Test
  void everyOperationDocumentsTheSpecsStatusCodes() {
    JsonObject document = document();
    Map<String, JsonObject> operations = operations(document);
    Set<Integer> documentedAnywhere = new TreeSet<>();
    operations.forEach(
        (key, operation) -> {
          Set<String> codes = operation.getJsonObject("responses").keySet();
          codes.stream()
              .filter(c -> c.matches("\\d{3}"))
              .map(Integer::valueOf)
              .forEach(documentedAnywhere::add);
          assertTrue(
              codes.stream().anyMatch(c -> c.startsWith("2")), key + " has no success response");
          assertTrue(codes.contains("401"), key + " needs a token, so it can answer 401");
        });
    for (Endpoint endpoint : SPEC.endpoints()) {
      Set<String> codes = operations.get(endpoint.key()).getJsonObject("responses").keySet();
      for (int status : endpoint.errors()) {
        assertTrue(
            codes.contains(Integer.toString(status)),
            endpoint.key() + " lacks " + status + ": " + codes);
      }
    }
    // "all endpoints may return" these: each is documented where it can happen
    assertTrue(documentedAnywhere.containsAll(SPEC.commonErrors()), documentedAnywhere::toString);
  }

  @Test
  void errorResponsesHaveTheSpecsErrorBody() {
    JsonObject document = document();
    Set<String> errorFields = SPEC.errorExamples().get(0).keySet();
    operations(document)
        .forEach(
            (key, operation) ->
                operation
                    .getJsonObject("responses")
                    .forEach(
                        (status, response) -> {
                          if (status.startsWith("4") || status.startsWith("5")) {
                            JsonObject schema =
                                resolve(
                                    document,
                                    resolve(document, response.asJsonObject())
                                        .getJsonObject("content")
                                        .getJsonObject("application/json")
                                        .getJsonObject("schema"));
                            assertEquals(
                                errorFields,
                                schema.getJsonObject("properties").keySet(),
                                key + " " + status);
                          }
                        }));
  }

  /**
   * The spec's request and response examples fit the documented schemas: every field name is a
   * property (recursively, except inside free-form objects such as {@code metadata}), of a matching
   * JSON type; every parameter the spec lists is a parameter or a body field.
   */
  @Test
  void specFieldsAndParametersAppearInTheSchemas() {
    JsonObject document = document();
    Map<String, JsonObject> operations = operations(document);
    List<String> problems = new ArrayList<>();
    for (Endpoint endpoint : SPEC.endpoints()) {
      JsonObject operation = operations.get(endpoint.key());
      JsonObject request = requestSchema(document, operation);
      for (JsonObject example : endpoint.requestExamples()) {
        fits(document, example, request, endpoint.key() + " request", problems);
      }
      JsonObject response = successSchema(document, operation);
      for (JsonObject example : endpoint.responseExamples()) {
        fits(document, example, response, endpoint.key() + " response", problems);
      }
      Set<String> names = new TreeSet<>();
      if (operation.containsKey("parameters")) {
        operation
            .getJsonArray("parameters")
            .forEach(p -> names.add(resolve(document, p.asJsonObject()).getString("name")));
      }
      if (request != null && request.containsKey("properties")) {
        names.addAll(request.getJsonObject("properties").keySet());
      }
      endpoint.parameters().stream()
          .filter(name -> !names.contains(name))
          .forEach(
              name -> problems.add(endpoint.key() + ": parameter " + name + " not in " + names));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void everyReferenceResolves() {
    JsonObject document = document();
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertTrue(refs.size() > 20, refs::toString);
    refs.forEach(ref -> pointer(document, ref));
  }

  @Test
  void docsPageRendersTheDocumentWithSwaggerUi() {
    Api.Reply redirect = Api.get("/docs", null);
    assertEquals(302, redirect.status(), redirect::toString);
    assertTrue(redirect.header("Location").orElseThrow().endsWith("/docs/"), redirect::toString);

    Api.Reply page = Api.get("/docs/", null);
    assertEquals(200, page.status(), page::toString);
    assertTrue(page.header("Content-Type").orElseThrow().startsWith("text/html"), page::toString);
    assertTrue(page.body().contains("swagger-ui-bundle.js"), page::body);
    assertTrue(page.body().contains("data-openapi=\"/openapi?format=JSON\""), page::body);

    Api.Reply script = Api.get("/docs/parley-docs.js", null);
    assertEquals(200, script.status(), script::toString);
    assertTrue(script.body().contains("SwaggerUIBundle("), script::body);
    Api.Reply bundle = Api.get("/docs/swagger-ui-bundle.js", null);
    assertEquals(200, bundle.status());
    assertTrue(bundle.body().length() > 100_000, "the Swagger UI bundle from the webjar");
    assertEquals(200, Api.get("/docs/swagger-ui.css", null).status());

    Api.Reply missing = Api.get("/docs/..%2FWEB-INF%2Fweb.xml", null);
    assertEquals(404, missing.status(), missing::toString);
    assertTrue(missing.json().containsKey("detail"), missing::toString);
  }

  private static JsonObject requestSchema(JsonObject document, JsonObject operation) {
    if (!operation.containsKey("requestBody")) {
      return null;
    }
    JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
    JsonObject media =
        content.containsKey("application/json")
            ? content.getJsonObject("application/json")
            : content.getJsonObject("multipart/form-data");
    return resolve(document, media.getJsonObject("schema"));
  }

  private static JsonObject successSchema(JsonObject document, JsonObject operation) {
    JsonObject responses = operation.getJsonObject("responses");
    String success =
        responses.keySet().stream().filter(c -> c.startsWith("2")).findFirst().orElseThrow();
    JsonObject content =
        resolve(document, responses.getJsonObject(success)).getJsonObject("content");
    return resolve(document, content.getJsonObject("application/json").getJsonObject("schema"));
  }

  private static void fits(
      JsonObject document,
      JsonValue example,
      JsonObject schema,
      String where,
      List<String> problems) {
    if (schema == null) {
      problems.add(where + ": no schema");
      return;
    }
    JsonObject resolved = resolve(document, schema);
    String type = resolved.getString("type", null);
    switch (example.getValueType()) {
      case OBJECT -> {
        if (!resolved.containsKey("properties")) {
          return; // a free-form object: its keys are the client's
        }
        JsonObject properties = resolved.getJsonObject("properties");
        example
            .asJsonObject()
            .forEach(
                (name, value) -> {
                  if (properties.containsKey(name)) {
                    fits(
                        document,
                        value,
                        properties.getJsonObject(name),
                        where + "." + name,
                        problems);
                  } else {
                    problems.add(where + ": no property " + name + " in " + properties.keySet());
                  }
                });
      }
      case ARRAY -> {
        for (JsonValue item : example.asJsonArray()) {
          fits(document, item, resolved.getJsonObject("items"), where + "[]", problems);
        }
      }
      case STRING -> expectType(type, Set.of("string"), where, problems);
      case NUMBER ->
          expectType(
              type,
              ((JsonNumber) example).isIntegral() ? Set.of("integer", "number") : Set.of("number"),
              where,
              problems);
      case TRUE, FALSE -> expectType(type, Set.of("boolean"), where, problems);
      default -> {} // null: the spec wrote a type name, not a value
    }
  }

  private static void expectType(
      String type, Set<String> allowed, String where, List<String> problems) {
    if (type != null && !allowed.contains(type)) {
      problems.add(where + ": documented as " + type + ", the spec's example is " + allowed);
    }
  }

  private static JsonObject resolve(JsonObject document, JsonObject maybeRef) {
    JsonObject current = maybeRef;
    while (current != null && current.containsKey("$ref")) {
      current = pointer(document, current.getString("$ref")).asJsonObject();
    }
    return current;
  }

  private static JsonValue pointer(JsonObject document, String ref) {
    assertTrue(ref.startsWith("#/"), ref);
    JsonValue current = document;
    for (String part : ref.substring(2).split("/")) {
      assertTrue(
          current.getValueType() == JsonValue.ValueType.OBJECT
              && current.asJsonObject().containsKey(part),
          "unresolved " + ref);
      current = current.asJsonObject().get(part);
    }
    return current;
  }

  private static void collectRefs(JsonValue value, List<String> refs) {
    if (value instanceof JsonObject object) {
      object.forEach(
          (key, member) -> {
            if (key.equals("$ref") && member instanceof JsonString ref) {
              refs.add(ref.getString());
            } else {
              collectRefs(member, refs);
            }
          });
    } else if (value instanceof JsonArray array) {
      array.forEach(item -> collectRefs(item, refs));
    }
  }
}
