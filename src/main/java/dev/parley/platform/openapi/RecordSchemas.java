package dev.parley.platform.openapi;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The JSON schemas of payload records, read from the records themselves: JSON-B's wire names, JSON
 * types from the Java types, {@code required} and limits from the Bean Validation constraints, and
 * description, example, default, allowed values or a type override from a component's
 * {@code @Schema}. So the document cannot drift from what JSON-B writes and Bean Validation checks.
 */
final class RecordSchemas {

  static final String PREFIX = "#/components/schemas/";

  private final Map<String, Schema> schemas = new TreeMap<>();

  /** The schemas of the given records and of every record they contain, by schema name. */
  static Map<String, Schema> of(List<Class<?>> records) {
    RecordSchemas generated = new RecordSchemas();
    records.forEach(generated::add);
    return generated.schemas;
  }

  static String nameOf(Class<?> type) {
    org.eclipse.microprofile.openapi.annotations.media.Schema named =
        type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    return named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName();
  }

  private String add(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    String name = nameOf(type);
    if (schemas.containsKey(name)) {
      return name;
    }
    Schema schema = OASFactory.createSchema().type(SchemaType.OBJECT);
    schemas.put(name, schema);
    described(schema, type.getAnnotation(docs()));
    List<String> required = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Field field = field(type, component.getName());
      JsonbProperty renamed = field.getAnnotation(JsonbProperty.class);
      String property =
          renamed != null ? renamed.value() : OpenApiFilter.wireName(component.getName());
      Schema propertySchema = property(field);
      schema.addProperty(property, propertySchema);
      if (field.isAnnotationPresent(NotNull.class)
          || field.isAnnotationPresent(NotBlank.class)
          || field.isAnnotationPresent(NotEmpty.class)) {
        required.add(property);
      } else if (field.getType() == String.class) {
        propertySchema.setNullable(true); // JSON-B writes an absent text as null
      }
    }
    if (!required.isEmpty()) {
      schema.setRequired(required);
    }
    return name;
  }

  private Schema property(Field field) {
    Schema schema = typed(field.getGenericType());
    // every response timestamp is written by Timestamps.format, into a component named ...At
    if (field.getType() == String.class && field.getName().endsWith("At")) {
      schema.setFormat("date-time");
    }
    org.eclipse.microprofile.openapi.annotations.media.Schema docs = field.getAnnotation(docs());
    described(schema, docs);
    if (docs != null
        && docs.type() != org.eclipse.microprofile.openapi.annotations.enums.SchemaType.DEFAULT) {
      schema.setType(SchemaType.valueOf(docs.type().name()));
    }
    if (schema.getDefaultValue() instanceof String text && schema.getType() != null) {
      schema.setDefaultValue(OpenApiFilter.typed(text, schema.getType()));
    }
    constrained(schema, field);
    return schema;
  }

  private Schema typed(Type type) {
    Class<?> raw = raw(type);
    if (raw == String.class) {
      return OASFactory.createSchema().type(SchemaType.STRING);
    }
    if (raw == int.class || raw == Integer.class) {
      return OASFactory.createSchema().type(SchemaType.INTEGER).format("int32");
    }
    if (raw == long.class || raw == Long.class) {
      return OASFactory.createSchema().type(SchemaType.INTEGER).format("int64");
    }
    if (raw == double.class || raw == Double.class) {
      return OASFactory.createSchema().type(SchemaType.NUMBER).format("double");
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return OASFactory.createSchema().type(SchemaType.BOOLEAN);
    }
    if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType generic) {
      return OASFactory.createSchema()
          .type(SchemaType.ARRAY)
          .items(typed(generic.getActualTypeArguments()[0]));
    }
    if (raw.isRecord()) {
      return OASFactory.createSchema().ref(PREFIX + add(raw));
    }
    if (JsonObject.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
      return OASFactory.createSchema().type(SchemaType.OBJECT);
    }
    // any JSON value (e.g. jakarta.json.JsonValue): the component's @Schema says more
    return OASFactory.createSchema();
  }

  private static void described(
      Schema schema, org.eclipse.microprofile.openapi.annotations.media.Schema docs) {
    if (docs == null) {
      return;
    }
    if (!docs.description().isEmpty()) {
      schema.setDescription(docs.description());
    }
    if (!docs.example().isEmpty()) {
      schema.setExample(docs.example());
    }
    if (!docs.defaultValue().isEmpty()) {
      schema.setDefaultValue(docs.defaultValue());
    }
    if (docs.enumeration().length > 0) {
      schema.setEnumeration(List.of((Object[]) docs.enumeration()));
    }
    if (docs.nullable()) {
      schema.setNullable(true);
    }
  }

  /** The Bean Validation constraints of a component as JSON Schema limits. */
  private static void constrained(Schema schema, Field field) {
    boolean array = schema.getType() == SchemaType.ARRAY;
    if (field.isAnnotationPresent(NotEmpty.class) && array) {
      schema.setMinItems(1);
    }
    if (field.isAnnotationPresent(NotBlank.class)) {
      schema.setPattern("\\S");
    }
    Positive positive = field.getAnnotation(Positive.class);
    if (positive != null) {
      schema.setMinimum(BigDecimal.ONE);
    }
    DecimalMin min = field.getAnnotation(DecimalMin.class);
    if (min != null) {
      schema.setMinimum(new BigDecimal(min.value()));
    }
    DecimalMax max = field.getAnnotation(DecimalMax.class);
    if (max != null) {
      schema.setMaximum(new BigDecimal(max.value()));
    }
    Size size = field.getAnnotation(Size.class);
    if (size != null && size.max() != Integer.MAX_VALUE) {
      if (array) {
        schema.setMaxItems(size.max());
      } else {
        schema.setMaxLength(size.max());
      }
    }
    Pattern pattern = field.getAnnotation(Pattern.class);
    if (pattern != null) {
      schema.setPattern("^(" + pattern.regexp() + ")$");
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType generic) {
      return (Class<?>) generic.getRawType();
    }
    return Object.class;
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("a record component without its field: " + name, e);
    }
  }

  private static Class<org.eclipse.microprofile.openapi.annotations.media.Schema> docs() {
    return org.eclipse.microprofile.openapi.annotations.media.Schema.class;
  }
}
