/**
 * Platform: cross-cutting plumbing only, no business rules. The JAX-RS application, the one error
 * family and its mappers, JSON-B naming, the datasource and Flyway migrator, the clock,
 * configuration checks at startup; the OpenAPI document and its {@code /docs} page ({@code
 * openapi}); the chat page at {@code /} and its files ({@code web}); and operations: MicroProfile
 * Health checks ({@code health}), Prometheus metrics ({@code metrics}: one Micrometer registry, fed
 * once per request or finished stream, never per token), request ids and the JSON access log
 * ({@code logging}).
 */
package dev.parley.platform;
