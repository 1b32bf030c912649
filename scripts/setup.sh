#!/usr/bin/env bash
# Everything Video Rooms needs on a fresh Debian 12 machine, in order, each step skipped when it is
# already done (a second run takes a few seconds):
#   1. Debian packages the tests and media use (ffmpeg; chromium for the browser tests; redis-server,
#      which the tests of the Redis ports start privately on a free port: never the machine's 6379)
#   2. the mediasoup worker binary (before npm: with it in place, mediasoup's postinstall does not compile)
#   3. npm packages, from package-lock.json
#   4. libsrtp built on OpenSSL for the worker (needs the source that ships in node_modules)
#   5. the browser SDK and web apps (client/dist), rebuilt when a client source is newer
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '%-56s %s\n' "$1" "$2"; }

SYSTEM_PACKAGES=(ffmpeg chromium redis-server)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
    echo "setup: run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  step "Debian packages: ${missing[*]}" "installing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
step "Debian packages (${SYSTEM_PACKAGES[*]})" "done"

bash scripts/setup-media.sh worker

export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$ROOT/.media/mediasoup-worker}"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.video-rooms-lock-hash
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  step "npm packages" "already done"
else
  step "npm packages" "installing (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
  step "npm packages" "done"
fi

bash scripts/setup-media.sh libsrtp

if [ ! -f client/dist/.built ] || [ -n "$(find client scripts/build-client.mjs -newer client/dist/.built -not -path 'client/dist/*' -type f 2>/dev/null | head -1)" ]; then
  step "browser SDK and web apps (client/dist)" "building"
  node scripts/build-client.mjs
  touch client/dist/.built
fi
step "browser SDK and web apps (client/dist)" "done"
