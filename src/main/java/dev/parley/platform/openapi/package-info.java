/**
 * API documentation: the OpenAPI document at {@code /openapi} and a page that renders it at {@code
 * /docs}.
 *
 * <ol>
 *   <li>The document is {@code META-INF/openapi.yaml}, kept by hand with the code and served as it
 *       is by the server's MicroProfile OpenAPI (annotation scanning off: {@code
 *       mp.openapi.scan.disable}), so Payara and WildFly publish the same document. No feature
 *       carries OpenAPI annotations.
 *   <li>{@code OpenApiTests} (HTTP suite) holds it against the code: every endpoint of the JAX-RS
 *       resources is documented and every documented operation is served (and needs a token), the
 *       status codes the server answers to probes are documented, and the product spec's ({@code
 *       docs/chat-api.md}) endpoints, status codes and example fields are in it.
 *   <li>The development-only simulator is not in the document.
 *   <li>{@code /docs} is Swagger UI from the {@code org.webjars:swagger-ui} jar, served by Parley
 *       itself (works offline); neither the page nor the document needs a token.
 * </ol>
 */
package dev.parley.platform.openapi;
