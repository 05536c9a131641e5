/**
 * API documentation: the MicroProfile OpenAPI document at {@code /openapi} and a page that renders
 * it at {@code /docs}.
 *
 * <ol>
 *   <li>The document has three sources: the annotations on the resources (operations, parameters,
 *       status codes, tags), {@code META-INF/openapi.yaml} (description, the bearer scheme every
 *       operation requires, the {@code {"detail"}} error body and the named responses and
 *       parameters the annotations refer to), and {@link
 *       dev.parley.platform.openapi.OpenApiFilter}.
 *   <li>Payload schemas are made from the records ({@link
 *       dev.parley.platform.openapi.RecordSchemas}): snake_case names as JSON-B writes them, JSON
 *       types, {@code required} and limits from Bean Validation, descriptions from {@code @Schema}
 *       on components. They replace the scanner's, which on Payara 6 have camelCase names, {@code
 *       number} for {@code long} and every annotation default written out. Annotations refer to
 *       schemas by name, never inline.
 *   <li>Every operation gets 401, 429 and 500 from the filter. Only portable MicroProfile OpenAPI
 *       features are used. Bean Validation scanning is off ({@code
 *       mp.openapi.scan.beanvalidation}): Payara 6 fails on constraints of record components.
 *   <li>The development-only simulator is not in the document.
 *   <li>{@code /docs} is Swagger UI from the {@code org.webjars:swagger-ui} jar, served by Parley
 *       itself (works offline); neither the page nor the document needs a token.
 *   <li>{@code OpenApiTests} (HTTP suite) compares the served document with the product spec {@code
 *       docs/chat-api.md}.
 * </ol>
 */
package dev.parley.platform.openapi;
