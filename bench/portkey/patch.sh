#!/usr/bin/env bash
# Makes Portkey's streaming work with @hono/node-server 1.13.5 (pinned by "overrides" in package.json), exactly as
# Portkey's own repository does with patch-package, which its npm tarball does not ship: without the `await`, the
# Response shim keeps the upstream fetch response's immutable Headers, Portkey appends to them and every streamed
# request answers 500 ("tryTargetsRecursively error: immutable"). Idempotent: run by npm as postinstall and again
# by bench/run.sh before Portkey starts; fails loudly when the file no longer has either form of the line.
set -euo pipefail
cd "$(dirname "$0")"
file=node_modules/@hono/node-server/dist/index.mjs
[ -f "$file" ] || { echo "patch.sh: $file missing (run npm ci in bench/portkey)" >&2; exit 1; }
sed -i 's/      return responseViaResponseObject(res, outgoing, options);/      return await responseViaResponseObject(res, outgoing, options);/' "$file"
grep -q '      return await responseViaResponseObject(res, outgoing, options);' "$file" \
  || { echo "patch.sh: the expected line is not in $file (another @hono/node-server version?)" >&2; exit 1; }
