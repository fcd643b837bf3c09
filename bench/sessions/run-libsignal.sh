#!/usr/bin/env bash
# Installs @signalapp/libsignal-client from npm into a cache folder outside the repository (as the tests do,
# tests/Shared/LibsignalPeer.cs) and runs libsignal-bench.mjs against it. Nothing of libsignal is committed.
set -euo pipefail
version=0.103.0
dir="${NOFUTURE_LIBSIGNAL_DIR:-$HOME/.cache/nofuture/libsignal-client-$version}"
if [ ! -d "$dir/node_modules/@signalapp/libsignal-client" ]; then
  mkdir -p "$dir"
  (cd "$dir" && { [ -f package.json ] || echo '{"private":true}' > package.json; } && npm install --no-audit --no-fund "@signalapp/libsignal-client@$version" >/dev/null)
fi
NOFUTURE_LIBSIGNAL_DIR="$dir" exec node "$(dirname "$0")/libsignal-bench.mjs"
