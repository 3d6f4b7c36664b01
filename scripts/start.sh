#!/usr/bin/env bash
# Installs what is needed and starts the demo portal: the app's production
# build on :3000 (rebuilt only when its sources changed), the backend on
# :7007 with the demo catalog on the embedded SQLite database.
# For live reloading while developing, use `npm run dev` instead.
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
ensure_installed
cd "$REPO_ROOT"
bash scripts/build-app.sh

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

(cd packages/backend && exec npx backstage-cli package start) &
pids+=($!)
node scripts/serve-app.js 3000 &
pids+=($!)

# Ready when the backend answers its readiness check.
for _ in $(seq 1 300); do
  if node -e "fetch('http://localhost:7007/.backstage/health/v1/readiness').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    echo "Integration Health is ready on http://localhost:3000 (sign in as guest)." >&2
    break
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "The portal stopped while starting." >&2; exit 1; }
  done
  sleep 1
done
wait -n "${pids[@]}"
