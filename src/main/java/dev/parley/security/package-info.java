/**
 * Security: who is calling.
 *
 * <ol>
 *   <li>MP-JWT verifies bearer tokens (signature, issuer, expiry); every valid token is a user,
 *       whatever its {@code groups}. {@code admin} in groups may manage system data.
 *   <li>Claims: {@code sub} (user), {@code tier} ({@code free|pro|enterprise}, anything else is
 *       free), {@code app} (application key, default {@code default}). Users and applications get
 *       integer ids on first use, race-safe under concurrent first requests.
 *   <li>Data is scoped per user and application.
 *   <li>Development mode ({@code PARLEY_DEV_MODE=true} and no key configured): a development key
 *       pair under the data directory and a printed 30-day token. Never active when a key is
 *       configured.
 * </ol>
 */
package dev.parley.security;
