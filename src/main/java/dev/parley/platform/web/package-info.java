/**
 * The chat page: {@code src/main/webapp} (plain HTML, CSS and JavaScript modules, no build step)
 * served at the context root by {@link dev.parley.platform.web.PageServlet}.
 *
 * <ol>
 *   <li>The JAX-RS application is mapped to {@code /*} (the spec's paths start at the root), which
 *       hides the container's default servlet on Payara and WildFly alike: without this servlet
 *       neither {@code index.html} nor a WebJar's {@code META-INF/resources} would be reachable.
 *   <li>Served: {@code /} and {@code /index.html} (the page), {@code /app/*} (its modules, styles
 *       and icon), {@code /webjars/<name>/<file>} for the three WebJars the page uses (marked,
 *       DOMPurify, highlight.js). WebJar URLs carry no version: the WAR's own {@code
 *       pom.properties} names it, so the pom alone decides the version. Nothing else: no directory
 *       listings, no {@code WEB-INF}, no path with a segment starting with a dot, only known file
 *       types.
 *   <li>The page carries a strict Content-Security-Policy as a response header ({@link
 *       dev.parley.platform.web.PageServlet#CONTENT_SECURITY_POLICY}): scripts, styles, images and
 *       connections from this origin only, no inline script or style attribute, no plugins, no
 *       {@code <base>}, no framing. Every file is sent with {@code nosniff}.
 *   <li>The files are read once, kept in memory with a gzip copy and an ETag ({@code Cache-Control:
 *       no-cache}: revalidated, 304 when unchanged). They are public: the page holds no data, the
 *       API behind it needs the token.
 * </ol>
 */
package dev.parley.platform.web;
