#!/usr/bin/env bash
# Installs what is needed and starts the portal: frontend on :3000, backend on :7007,
# demo catalog on the embedded SQLite database.
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
ensure_installed
cd "$REPO_ROOT"
exec npx backstage-cli repo start "$@"
