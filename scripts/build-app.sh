#!/usr/bin/env bash
# Builds the demo app for production (packages/app/dist) when what goes into
# it changed since the last build: its sources, the frontend plugin's, the
# app config it embeds, or the installed packages.
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
cd "$REPO_ROOT"

inputs_hash() {
  find packages/app/src packages/app/public packages/app/package.json \
    plugins/integration-health/src plugins/integration-health/package.json \
    plugins/integration-health-common/src app-config.yaml package-lock.json \
    -type f -not -name '*.test.*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

stamp=packages/app/dist/.inputs-sha256
wanted="$(inputs_hash)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  echo "The app's production build is up to date." >&2
  exit 0
fi
echo "Building the app for production (once, and again only when its sources change)…" >&2
start=$SECONDS
(cd packages/app && npx backstage-cli package build >/dev/null)
echo "$wanted" >"$stamp"
echo "Built the app in $((SECONDS - start)) s." >&2
