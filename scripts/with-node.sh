#!/usr/bin/env bash
# Runs a command with a Node.js 22+ first on PATH (see node-env.sh) and the
# workspace installed, e.g. `bash scripts/with-node.sh node script.js`.
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
ensure_installed
cd "$REPO_ROOT"
exec "$@"
