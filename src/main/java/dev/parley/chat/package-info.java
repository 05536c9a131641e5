/**
 * Chat: streaming replies, model switching, history and deletion that never lose a message.
 *
 * <p>Endpoints: {@code POST /v1/chat/stream} (SSE, or JSON with {@code "stream": false}), {@code
 * POST /v1/chat/switch-model}, {@code GET /v1/chat/history}, {@code DELETE /v1/chat/sessions/{id}},
 * {@code GET /v1/chat/sessions/{id}/stream} (resume), {@code POST /v1/chat/sessions/{id}/stop}, and
 * the OpenAI-compatible door {@code POST /v1/chat/completions}.
 *
 * <ol>
 *   <li>Without {@code session_id} a turn opens a new session titled from its first user message
 *       (one line, at most 80 characters); with it, the request's messages are appended and the
 *       whole conversation goes upstream, answered by the request's model, which becomes the
 *       session's model.
 *   <li>The user's messages and an {@code in_progress} reply row are committed before the provider
 *       is called; the reply's text is checkpointed in the background (never per token, never in an
 *       open transaction) and stored {@code completed}, {@code cancelled} or {@code failed} with
 *       usage before {@code [DONE]}. Replies left in progress by a stopped instance become {@code
 *       interrupted}. Only completed replies go upstream.
 *   <li>One stream per session at a time (409); per instance, streams beyond capacity are refused
 *       with 503.
 *   <li>Failures before the stream are HTTP errors (502/504); after it started, an {@code error}
 *       event then {@code [DONE]}.
 *   <li>Every token event has the SSE id {@code <reply>.<offset>} (the text's length after it). A
 *       reply can be resumed from any id on any instance, followed by several clients, and stopped
 *       from any instance; what a client assembles across resumes is exactly the stored text. The
 *       live tail crosses instances over Payara's Hazelcast as plain strings (one topic per
 *       instance), only for replies another instance follows; the stored row is the fallback and
 *       the authority on how a reply ended ({@code docs/resumable-replies.md}).
 *   <li>A reply nobody follows any more goes on for the disconnect grace, then its provider call is
 *       cancelled ({@code cancel} policy: at once); stopped or abandoned replies are stored {@code
 *       cancelled} with {@code cancelled_by} in their metadata. Usage is settled once per reply,
 *       however many follow it.
 *   <li>Stream work runs on container-managed threads of its own ({@code StreamPumps}), never the
 *       server's default executor.
 *   <li>History: newest activity first, filters on creation date and current model, one query for
 *       the page's messages. A reply's {@code model} is the model that answered it (a fallback of
 *       the requested one when its provider failed before the first token; its metadata says why).
 *   <li>The OpenAI-compatible door ({@code DoorTurns}): OpenAI's request and answer format, the
 *       same authentication, limits, accounting, capacity, fallback and shutdown as chat; stateless
 *       (only the usage record is stored) unless {@code X-Parley-Session} makes the request a chat
 *       turn, whose SSE events are rewritten as OpenAI chunks ({@code DoorEventSink}).
 * </ol>
 *
 * <p>Out of scope here: documents as context (files feature), tier limits (ratelimit feature).
 */
package dev.parley.chat;
