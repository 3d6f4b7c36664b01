#!/usr/bin/env bash
# Runs the whole test suite: type check, lint, unit and integration tests
# (stores on SQLite and on a throwaway PostgreSQL 15 cluster), and the browser
# test of the demo portal in Chromium. Installs dependencies first if needed.
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
source "$REPO_ROOT/scripts/postgres-env.sh"
ensure_installed
cd "$REPO_ROOT"

if ! start_test_postgres; then
  if [ -n "${CI:-}" ]; then
    echo "CI needs PostgreSQL 15 for the store tests; install postgresql-15." >&2
    exit 1
  fi
fi

echo "== Type check" >&2
npx tsc --noEmit

echo "== Lint" >&2
npx backstage-cli repo lint

echo "== API reports" >&2
# Each published package's public API is committed as report*.api.md (and
# cli-report.md for the CLI); this fails when an export changed without its
# report. `npm run api-reports` regenerates them: commit the changed files.
npm run --silent api-reports:check

echo "== Unit and integration tests" >&2
# Without CI set, the Backstage CLI would start jest in watch mode.
CI=true npx backstage-cli repo test

if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "== Browser tests (Chromium)" >&2
  npx playwright test
elif [ -n "${CI:-}" ]; then
  echo "CI needs Chromium for the browser tests: apt-get install chromium" >&2
  exit 1
else
  echo "== Browser tests skipped: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)" >&2
fi
