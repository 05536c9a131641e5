/**
 * Rate limits per subscription tier and usage accounting.
 *
 * <ol>
 *   <li>The tier comes from the JWT {@code tier} claim ({@code free}, {@code pro}, {@code
 *       enterprise}; missing or unknown = free); limits are configured per tier ({@code
 *       parley.tiers.<tier>.*}).
 *   <li>Request rate: every authenticated endpoint, per user, Bucket4j buckets kept in the server's
 *       JCache (Payara: the Hazelcast data grid, so the limit holds across a cluster; per instance
 *       without JCache). Every response carries {@code RateLimit-Limit/-Remaining/-Reset}; over the
 *       limit: 429 + {@code Retry-After}.
 *   <li>Concurrent model calls and tokens per UTC day: enforced from the usage records, under a
 *       lock on the user's row, before the provider is called (estimate: prompt tokens + {@code
 *       max_tokens} or a default), settled with the provider's real usage afterwards.
 *   <li>{@code GET /v1/usage}: the caller's totals per day and model; admins may ask for any user
 *       or application.
 * </ol>
 *
 * <p>Out of scope here: the per-instance capacity limit (503), which is the chat feature's
 * admission control.
 */
package dev.parley.ratelimit;
