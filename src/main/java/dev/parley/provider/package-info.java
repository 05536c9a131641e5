/**
 * Provider: the models, the providers that serve them, and the one completion API ({@code
 * control/Completions}).
 *
 * <ol>
 *   <li>Providers are named and configured in MicroProfile Config ({@code PARLEY_PROVIDERS}, {@code
 *       PARLEY_PROVIDER_<NAME>_*}; {@code control/ProviderConfig}); the one-provider variables
 *       ({@code PARLEY_OPENAI_BASE_URL}, {@code PARLEY_OPENAI_API_KEY}) define the provider {@code
 *       openai}. API keys come from the environment only. A configuration that cannot work stops
 *       the start-up, each problem naming its variable.
 *   <li>{@code PARLEY_MODELS} maps each public model name to a provider and its upstream id; {@code
 *       GET /v1/models} lists them in OpenAI's list shape with provider, dialect and fallbacks.
 *       Readiness lists each provider and its models.
 *   <li>Two dialects, each a MicroProfile REST client built once per provider: OpenAI-compatible
 *       Chat Completions ({@code ProviderClient}) and Anthropic's Messages API ({@code
 *       AnthropicClient}); both stream, and both produce the same chunks (text, tool call pieces,
 *       finish reason in OpenAI's names, usage), so every feature works the same on either.
 *   <li>Provider errors become 502 (504 for silence) with a detail of Parley's own; the provider's
 *       body never reaches users. Stream parsers are bounded (never Parsson's skip methods).
 *   <li>Fallback before the first token only: when a model's provider refuses to connect, answers
 *       5xx/429/529, reports an overload in its stream or stays silent past its first-token timeout
 *       before any text or tool call came out, the next model of its {@code PARLEY_MODEL_FALLBACKS}
 *       chain is asked; never after the first token. {@code Answer} says who answered and why the
 *       others were skipped.
 *   <li>Development mode without providers: the built-in simulator answers every model, through the
 *       same REST client path.
 * </ol>
 */
package dev.parley.provider;
