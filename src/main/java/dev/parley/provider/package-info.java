/**
 * Provider: the models and the OpenAI-compatible upstream.
 *
 * <ol>
 *   <li>{@code GET /v1/models} lists {@code PARLEY_MODELS} in OpenAI's list shape, with the serving
 *       provider.
 *   <li>Calls go through one MicroProfile REST client, streamed ({@code
 *       stream_options.include_usage}), to {@code PARLEY_OPENAI_BASE_URL} or, in development mode
 *       without a provider, to the built-in simulator.
 *   <li>Provider errors become 502 (504 for timeouts); the provider's body never reaches users.
 * </ol>
 */
package dev.parley.provider;
