/**
 * API documentation: the MicroProfile OpenAPI document at {@code /openapi} and a page that renders
 * it at {@code /docs}.
 *
 * <ol>
 *   <li>The document is made from three parts: {@code META-INF/openapi.yaml} (description, bearer
 *       scheme required by every operation, the error body and the named error responses), the
 *       annotations on the resources and payload records, and {@link
 *       dev.parley.platform.openapi.OpenApiFilter}, which adds the responses every operation shares
 *       (401, 429, 500) and turns property names into the snake_case JSON-B writes.
 *   <li>Only portable MicroProfile OpenAPI features are used, so Payara and WildFly serve the same
 *       document. Bean Validation scanning is off ({@code mp.openapi.scan.beanvalidation}): Payara
 *       6 fails on constraints of record components; constraints are stated with {@code @Schema}.
 *   <li>The development-only simulator is not in the document.
 *   <li>{@code /docs} is Swagger UI from the {@code org.webjars:swagger-ui} jar, served by Parley
 *       itself (works offline); neither the page nor the document needs a token.
 *   <li>The test {@code OpenApiTests} compares the served document with the product spec {@code
 *       docs/chat-api.md}.
 * </ol>
 */
package dev.parley.platform.openapi;
