/**
 * Platform: cross-cutting plumbing only, no business rules. The JAX-RS application, the one error
 * family and its mappers, JSON-B naming, the datasource and Flyway migrator, the clock,
 * configuration checks at startup, the OpenAPI document and its {@code /docs} page.
 */
package dev.parley.platform;
