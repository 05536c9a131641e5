package dev.parley.platform.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Which component schemas the document refers to, directly or through other schemas. */
final class SchemaReferences {

  private final Map<String, Schema> all;
  private final Map<String, Schema> reachable = new TreeMap<>();
  private final Deque<Schema> pending = new ArrayDeque<>();

  private SchemaReferences(Map<String, Schema> all) {
    this.all = all;
  }

  static Map<String, Schema> reachable(OpenAPI openAPI, Map<String, Schema> schemas) {
    SchemaReferences refs = new SchemaReferences(schemas);
    if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
      openAPI.getPaths().getPathItems().values().stream()
          .flatMap(item -> item.getOperations().values().stream())
          .forEach(refs::operation);
    }
    Components components = openAPI.getComponents();
    if (components.getResponses() != null) {
      components.getResponses().values().forEach(refs::response);
    }
    if (components.getParameters() != null) {
      components.getParameters().values().forEach(refs::parameter);
    }
    refs.drain();
    return refs.reachable;
  }

  private void operation(Operation operation) {
    if (operation.getParameters() != null) {
      operation.getParameters().forEach(this::parameter);
    }
    if (operation.getRequestBody() != null) {
      content(operation.getRequestBody().getContent());
    }
    if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
      operation.getResponses().getAPIResponses().values().forEach(this::response);
    }
  }

  private void response(APIResponse response) {
    content(response.getContent());
    if (response.getHeaders() != null) {
      response.getHeaders().values().stream().map(Header::getSchema).forEach(this::schema);
    }
  }

  private void parameter(Parameter parameter) {
    schema(parameter.getSchema());
    content(parameter.getContent());
  }

  private void content(Content content) {
    if (content != null && content.getMediaTypes() != null) {
      content.getMediaTypes().values().stream().map(MediaType::getSchema).forEach(this::schema);
    }
  }

  private void schema(Schema schema) {
    if (schema != null) {
      pending.add(schema);
    }
  }

  private void drain() {
    while (!pending.isEmpty()) {
      Schema schema = pending.poll();
      String ref = schema.getRef();
      if (ref != null && ref.startsWith(RecordSchemas.PREFIX)) {
        String name = ref.substring(RecordSchemas.PREFIX.length());
        Schema target = all.get(name);
        if (target != null && reachable.putIfAbsent(name, target) == null) {
          pending.add(target);
        }
      }
      Stream.of(
              schema.getProperties() == null
                  ? Stream.<Schema>empty()
                  : schema.getProperties().values().stream(),
              Stream.of(schema.getItems(), schema.getNot(), schema.getAdditionalPropertiesSchema()),
              schema.getAllOf() == null ? Stream.<Schema>empty() : schema.getAllOf().stream(),
              schema.getAnyOf() == null ? Stream.<Schema>empty() : schema.getAnyOf().stream(),
              schema.getOneOf() == null ? Stream.<Schema>empty() : schema.getOneOf().stream())
          .flatMap(s -> s)
          .filter(Objects::nonNull)
          .forEach(pending::add);
    }
  }
}
