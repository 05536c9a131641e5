/**
 * Parley: a Jakarta EE chat gateway. One authenticated API for applications to stream answers from
 * LLM providers, keep per-user chat history, switch models mid-conversation, ground chats in
 * uploaded PDFs and manage prompt templates, with rate limits per subscription tier.
 *
 * <p>Features (one package each, boundary → control → entity inside): {@code platform}
 * (cross-cutting: application, errors, persistence, configuration), {@code security} (MP-JWT
 * callers, development mode), {@code provider} (model catalogue, OpenAI-compatible REST client,
 * simulator), {@code chat} (streaming, sessions, history, context window), {@code prompts} (prompt
 * library, system templates, previews), {@code ratelimit} (tier limits, usage accounting), {@code
 * files} (PDF uploads as chat context; {@code chat} calls its control for the documents and when
 * deleting a session, {@code files} reads {@code chat}'s session entity to check ownership).
 *
 * <p>Cross-feature rules:
 *
 * <ol>
 *   <li>Every error body is {@code {"detail": "..."}}; bad input is never a 500.
 *   <li>Every data access is scoped by the caller's user and application; another owner's resource
 *       is a 404.
 *   <li>Flyway owns the schema; entities map it with explicit names; standard JPA only.
 *   <li>Configuration comes from MicroProfile Config; secrets only from the environment.
 * </ol>
 */
package dev.parley;
