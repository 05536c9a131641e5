/**
 * Prompts: a prompt library per user and application, plus system templates everyone can use.
 *
 * <p>Endpoints ({@code /api/chat/prompts}):
 *
 * <ul>
 *   <li>{@code POST /api/chat/prompts}: create; 201 with {@code Location} and the prompt.
 *   <li>{@code GET /api/chat/prompts}: list, with {@code scenario}, {@code include_templates} (default true),
 *       {@code search}, {@code page} (default 1), {@code page_size} (default 20, 1..100); answers
 *       {@code {items, total, page, page_size}}.
 *   <li>{@code GET /api/chat/prompts/{prompt_id}}: one prompt (where {@code Location} points).
 *   <li>{@code PUT /api/chat/prompts/{prompt_id}}: partial update, answers like create (200).
 *   <li>{@code DELETE /api/chat/prompts/{prompt_id}}: {@code {"message": "Prompt deleted successfully"}}.
 *   <li>{@code POST /api/chat/prompts/preview}: render and ask the model; {@code {preview, tokens_used, model_used}}.
 * </ul>
 *
 * <p>Rules:
 *
 * <ol>
 *   <li>A prompt belongs to the caller's user <em>and</em> application. Another owner's prompt is 404 for every
 *       operation, never 403.
 *   <li>System templates ({@code is_template: true}) have no owner and are visible to every user of every
 *       application; a useful set ships with the schema (Flyway). Only callers in the JWT group {@code admin}
 *       create (by sending {@code "is_template": true}), update or delete them; others get 403. Anyone may
 *       preview them. {@code is_template} cannot change after creation (422 when an update tries).
 *   <li>{@code title} and {@code content} are required and not blank (≤ 200 and ≤ 20,000 characters);
 *       {@code scenario} ≤ 100, {@code description} ≤ 2,000; {@code metadata} is any JSON object of at most
 *       10,240 characters serialized. Violations are 422; {@code metadata} that is not an object is 422; text
 *       fields of another JSON type are 400.
 *   <li>Responses carry every spec field plus {@code variables}: the content's placeholder names, each once, in
 *       order of first appearance. {@code metadata} is {@code {}} when none was set; timestamps are UTC
 *       ISO-8601 with milliseconds and {@code Z}.
 *   <li>Placeholders are {@code {name}} with {@code name} matching {@code [A-Za-z_][A-Za-z0-9_]*}; {@code {{}
 *       and {@code }}} are literal braces; any other brace is literal text (a lone {@code {}, {@code {bad name}},
 *       JSON). See {@link dev.parley.prompts.control.TemplateRenderer}.
 *   <li>List: filters and paging run in the database; {@code scenario} is an exact match; {@code search} is a
 *       case-insensitive substring match over title, content and description ({@code %} and {@code _} match
 *       literally, at most 200 characters). Order: most recently updated first, then highest id. Bad paging or
 *       flags are 400.
 *   <li>Update: absent fields stay, {@code null} clears {@code scenario}, {@code description} or
 *       {@code metadata}; {@code title} and {@code content} cannot be cleared (422); {@code metadata} is replaced
 *       as a whole when sent; {@code updated_at} always moves forward. Unknown fields are ignored. A concurrent
 *       update of the same prompt is 409.
 *   <li>Preview: exactly one of {@code prompt_id} or {@code content} (else 422). {@code variables} is an
 *       object whose values are strings, numbers or booleans (used as their JSON text, e.g. {@code 3},
 *       {@code true}); other values or a non-object are 422. Missing variables are 422, naming them; extra ones
 *       are ignored. The rendered text goes to {@code model} (400 if unknown; default
 *       {@code PARLEY_PROMPTS_PREVIEW_MODEL}, {@code gpt-3.5-turbo}) as one user message through the chat
 *       provider path; {@code tokens_used} is the provider's reported total, else counted with the tokenizer.
 *       Provider failures are 502/504. A successful preview of a stored prompt adds one to its
 *       {@code usage_count} with an atomic database update (no lost counts under concurrency). Previews create
 *       no chat history.
 * </ol>
 *
 * <p>Out of scope: sharing prompts between users, versions/history of a prompt, using a prompt directly in
 * {@code /v1/chat/stream}, streaming previews, per-preview temperature or token limits, and previews counting
 * against stream admission (a preview is a short request-thread call, like any JSON request).
 */
package dev.parley.prompts;
