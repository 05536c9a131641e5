package dev.parley.platform.openapi;

import dev.parley.chat.entity.CompletionView;
import dev.parley.chat.entity.HistoryPage;
import dev.parley.chat.entity.StopView;
import dev.parley.chat.entity.StreamRequest;
import dev.parley.chat.entity.SwitchModelRequest;
import dev.parley.chat.entity.SwitchedSession;
import dev.parley.files.entity.FileList;
import dev.parley.files.entity.Uploaded;
import dev.parley.prompts.entity.PreviewRequest;
import dev.parley.prompts.entity.PreviewView;
import dev.parley.prompts.entity.PromptPage;
import dev.parley.prompts.entity.PromptRequest;
import dev.parley.prompts.entity.PromptView;
import dev.parley.provider.entity.ModelList;
import dev.parley.ratelimit.entity.UsageReport;
import dev.parley.security.boundary.MeResource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * The last step of building the document ({@code mp.openapi.filter}): what holds for every
 * operation and every schema, said once instead of on each resource and record.
 */
public class OpenApiFilter implements OASFilter {

  private static final Logger LOG = Logger.getLogger(OpenApiFilter.class.getName());

  /**
   * Set once this server's OpenAPI model turned out not to be the one this filter is written for.
   */
  private static volatile boolean modelApiMismatch;

  /** What the resources send and receive (records they contain are found from these). */
  static final List<Class<?>> PAYLOADS =
      List.of(
          StreamRequest.class,
          CompletionView.class,
          SwitchModelRequest.class,
          SwitchedSession.class,
          StopView.class,
          HistoryPage.class,
          dev.parley.platform.boundary.Deleted.class,
          Uploaded.class,
          FileList.class,
          PromptRequest.class,
          PromptView.class,
          PromptPage.class,
          PreviewRequest.class,
          PreviewView.class,
          ModelList.class,
          MeResource.Me.class,
          UsageReport.class);

  /** Every operation needs a token and counts against the tier's limits; anything may fail. */
  static final Map<String, String> SHARED_RESPONSES =
      Map.of(
          "401", OpenApiRefs.UNAUTHORIZED,
          "429", OpenApiRefs.TOO_MANY_REQUESTS,
          "500", OpenApiRefs.INTERNAL_ERROR);

  @Override
  public Operation filterOperation(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    for (Map.Entry<String, String> shared : SHARED_RESPONSES.entrySet()) {
      if (!responses.hasAPIResponse(shared.getKey())) {
        responses.addAPIResponse(
            shared.getKey(), OASFactory.createAPIResponse().ref(shared.getValue()));
      }
    }
    // an operation with documented responses has no undocumented "default" one
    if (responses.getAPIResponses().size() > 1 && responses.hasAPIResponse(APIResponses.DEFAULT)) {
      responses.removeAPIResponse(APIResponses.DEFAULT);
    }
    // Payara adds a wildcard body for form parameters beside the documented multipart one
    if (operation.getRequestBody() != null
        && operation.getRequestBody().getContent() != null
        && operation.getRequestBody().getContent().getMediaTypes().size() > 1) {
      operation.getRequestBody().getContent().removeMediaType("*/*");
    }
    return operation;
  }

  /**
   * Payara 6 writes every attribute of an inline {@code @Schema}, defaults included ({@code
   * minLength: 0}, {@code minItems: 2147483647}...), and may leave another schema's properties on a
   * non-object one: drop those, so that only what the annotation says remains.
   */
  @Override
  public Schema filterSchema(Schema schema) {
    if (modelApiMismatch) {
      return schema;
    }
    try {
      clean(schema);
    } catch (LinkageError newerModelApi) {
      mismatch(newerModelApi);
    }
    return schema;
  }

  /**
   * This filter is written against the MicroProfile OpenAPI 3.1 model (MicroProfile 6.1, Payara 6).
   * A server with the 4.x model (WildFly 38: OpenAPI 3.1 documents, {@code type} as a list) has
   * other method signatures: there the document is served as the server builds it, unrefined.
   */
  private static void mismatch(LinkageError error) {
    if (!modelApiMismatch) {
      modelApiMismatch = true;
      LOG.warning(
          "this server's MicroProfile OpenAPI model is not the 3.1 one Parley refines: /openapi is"
              + " served as the server builds it ("
              + error
              + ")");
    }
  }

  private static void clean(Schema schema) {
    if (schema.getType() != null && schema.getType() != Schema.SchemaType.OBJECT) {
      schema.setProperties(null);
    }
    unset(schema.getExclusiveMaximum(), false, schema::setExclusiveMaximum);
    unset(schema.getExclusiveMinimum(), false, schema::setExclusiveMinimum);
    unset(schema.getUniqueItems(), false, schema::setUniqueItems);
    unset(schema.getNullable(), false, schema::setNullable);
    unset(schema.getReadOnly(), false, schema::setReadOnly);
    unset(schema.getWriteOnly(), false, schema::setWriteOnly);
    unset(schema.getDeprecated(), false, schema::setDeprecated);
    unset(schema.getMinLength(), 0, schema::setMinLength);
    unset(schema.getMinProperties(), 0, schema::setMinProperties);
    unset(schema.getMaxProperties(), 0, schema::setMaxProperties);
    unset(schema.getMaxLength(), Integer.MAX_VALUE, schema::setMaxLength);
    unset(schema.getMinItems(), Integer.MAX_VALUE, schema::setMinItems);
    unset(schema.getMaxItems(), Integer.MIN_VALUE, schema::setMaxItems);
    if (schema.getMultipleOf() != null && schema.getMultipleOf().signum() == 0) {
      schema.setMultipleOf(null);
    }
    if (schema.getDefaultValue() instanceof String text && schema.getType() != null) {
      schema.setDefaultValue(typed(text, schema.getType()));
    }
  }

  /** Annotations give defaults as text; the document shows them as JSON of the schema's type. */
  static Object typed(String text, Schema.SchemaType type) {
    return switch (type) {
      case INTEGER -> Long.valueOf(text);
      case NUMBER -> new BigDecimal(text);
      case BOOLEAN -> Boolean.valueOf(text);
      default -> text;
    };
  }

  private static <T> void unset(T value, T annotationDefault, Consumer<T> setter) {
    if (annotationDefault.equals(value)) {
      setter.accept(null);
    }
  }

  /**
   * The payload schemas come from the records ({@link RecordSchemas}), replacing what the scanner
   * made of them; schemas nothing refers to any more are dropped, and tags named on several
   * resources are listed once.
   */
  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (modelApiMismatch) {
      return;
    }
    try {
      refine(openAPI);
    } catch (LinkageError newerModelApi) {
      mismatch(newerModelApi);
    }
  }

  private static void refine(OpenAPI openAPI) {
    Map<String, Schema> schemas = new TreeMap<>();
    Components components = openAPI.getComponents();
    if (components.getSchemas() != null) {
      schemas.putAll(components.getSchemas());
    }
    schemas.putAll(RecordSchemas.of(PAYLOADS));
    components.setSchemas(SchemaReferences.reachable(openAPI, schemas));
    if (openAPI.getTags() != null) {
      Map<String, Tag> tags = new LinkedHashMap<>();
      openAPI.getTags().forEach(tag -> tags.merge(tag.getName(), tag, OpenApiFilter::described));
      openAPI.setTags(new ArrayList<>(tags.values()));
    }
  }

  private static Tag described(Tag first, Tag second) {
    return first.getDescription() != null ? first : second;
  }

  /** JSON-B's {@code LOWER_CASE_WITH_UNDERSCORES}: {@code sessionId} is {@code session_id}. */
  static String wireName(String javaName) {
    StringBuilder name = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && name.charAt(name.length() - 1) != '_') {
          name.append('_');
        }
        name.append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }
}
