#!/usr/bin/env bash
# Installs what the mediasoup worker needs on Debian 12, in two phases:
#
#   scripts/setup-media.sh worker    runtime libraries + the Debian-built mediasoup-worker 3.8.4
#                                    (run BEFORE `npm ci`: with MEDIASOUP_WORKER_BIN set, mediasoup's
#                                    postinstall does not try to compile its own worker)
#   scripts/setup-media.sh libsrtp   libsrtp 2.3.0 built on OpenSSL from the mediasoup npm package
#                                    (run AFTER `npm ci`: the source ships inside node_modules)
#
# Why the second phase exists: the Debian worker links Debian's libsrtp2-1, whose AES goes through
# NSS and costs about three times as much per SRTP packet as an OpenSSL build
# (see bench/fanout and the fan-out baseline). media/worker-runtime.ts puts the folder built here
# first in the worker's LD_LIBRARY_PATH.
#
# Idempotent: a second run only checks and prints "already done". Needs root only when a Debian
# package is missing. Never changes the machine's apt configuration: the experimental suite is
# read through a private sources.list under .cache/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
MEDIA="$ROOT/.media"
STAMPS="$CACHE/stamps"

WORKER_PACKAGE="mediasoup-worker"
WORKER_VERSION="3.8.4~dfsg1-1"
PROJECT_WORKER_BIN="$MEDIA/mediasoup-worker"
SRTP_SOURCE="$ROOT/node_modules/mediasoup/worker/deps/libsrtp/srtp"
SRTP_VERSION="2.3.0"
SRTP_OUT="$MEDIA/libsrtp-openssl"
# Everything that changes the built library goes into its stamp, so changing it forces a rebuild.
SRTP_BUILD_KEY="libsrtp $SRTP_VERSION openssl=on shared=on soversion=1 Release"

step() { printf '%-56s %s\n' "$1" "$2"; }
die() { echo "setup-media: $*" >&2; exit 1; }

mkdir -p "$STAMPS"

# ---------------------------------------------------------------------------------------------
# phase: worker
# ---------------------------------------------------------------------------------------------

package_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ]
}

install_debian_packages() {
  # libuv1 is a runtime dependency of the worker as well; the .deb is extracted, not installed,
  # so apt never sees its Depends and we have to name them ourselves.
  local wanted=(libsrtp2-1 libusrsctp2 libuv1 libssl3 libssl-dev cmake gcc make)
  local missing=()
  for p in "${wanted[@]}"; do package_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then
    step "debian packages (${wanted[*]})" "already done"
    return
  fi
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]} (run this script as root, or apt-get install them)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  step "debian packages (${missing[*]})" "done"
}

# The machine's own Debian mirror (deb822 first, one-line format as fallback): never a fixed host.
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  echo "$uri"
}

debian_keyring() {
  [ -f /etc/apt/sources.list.d/debian.sources ] &&
    awk '/^Signed-By:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources || true
}

fetch_worker_deb() {
  local dir="$CACHE/apt-experimental"
  local deb
  deb=$(ls "$dir"/${WORKER_PACKAGE}_*.deb 2>/dev/null | head -n1 || true)
  if [ -n "$deb" ] && [ "$(dpkg-deb -f "$deb" Version)" = "$WORKER_VERSION" ]; then
    step "fetch $WORKER_PACKAGE=$WORKER_VERSION" "already done"
    echo "$deb" >"$dir/.deb-path"
    return
  fi
  mkdir -p "$dir/lists/partial" "$dir/archives/partial"
  local keyring signed=""
  keyring=$(debian_keyring)
  [ -n "$keyring" ] && signed="[signed-by=$keyring] "
  echo "deb ${signed}$(debian_mirror) experimental main" >"$dir/sources.list"
  local opts=(
    -o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir"
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
  )
  # apt drops to the _apt user for downloads, which cannot write into a root-owned project tree.
  [ "$(id -u)" -eq 0 ] && opts+=(-o APT::Sandbox::User=root)
  apt-get "${opts[@]}" update -q >/dev/null
  rm -f "$dir"/${WORKER_PACKAGE}_*.deb
  (cd "$dir" && apt-get "${opts[@]}" download -q "$WORKER_PACKAGE=$WORKER_VERSION" >/dev/null)
  deb=$(ls "$dir"/${WORKER_PACKAGE}_*.deb | head -n1)
  echo "$deb" >"$dir/.deb-path"
  step "fetch $WORKER_PACKAGE=$WORKER_VERSION" "done"
}

extract_worker() {
  local stamp="$STAMPS/worker"
  if [ -x "$PROJECT_WORKER_BIN" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$WORKER_VERSION" ]; then
    step "extract worker to .media/mediasoup-worker" "already done"
    return
  fi
  fetch_worker_deb
  local deb tree found
  deb=$(cat "$CACHE/apt-experimental/.deb-path")
  tree="$CACHE/worker-deb"
  rm -rf "$tree"
  dpkg-deb -x "$deb" "$tree"
  found=$(find "$tree" -type f -name mediasoup-worker -perm -u+x | head -n1)
  [ -n "$found" ] || die "no mediasoup-worker binary inside $deb"
  mkdir -p "$MEDIA"
  install -m 0755 "$found" "$PROJECT_WORKER_BIN.tmp"
  mv -f "$PROJECT_WORKER_BIN.tmp" "$PROJECT_WORKER_BIN"
  echo "$WORKER_VERSION" >"$stamp"
  step "extract worker to .media/mediasoup-worker" "done"
}

# Which worker binary everything else uses: the documented override, or the project's own.
worker_bin() {
  if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then echo "$MEDIASOUP_WORKER_BIN"; else echo "$PROJECT_WORKER_BIN"; fi
}

check_worker_libraries() {
  local bin missing
  bin=$(worker_bin)
  missing=$(ldd "$bin" 2>&1 | awk '/not found/{print $1}' | tr '\n' ' ')
  [ -z "$missing" ] || die "$bin cannot load: $missing"
  step "worker libraries resolve (ldd)" "done"
}

phase_worker() {
  install_debian_packages
  if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
    [ -x "$MEDIASOUP_WORKER_BIN" ] || die "MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN is not an executable file"
    step "fetch + extract Debian worker" "skipped (MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN)"
  else
    extract_worker
  fi
  check_worker_libraries
  echo "worker: $(worker_bin)   (export MEDIASOUP_WORKER_BIN=$(worker_bin) before npm ci)"
}

# ---------------------------------------------------------------------------------------------
# phase: libsrtp
# ---------------------------------------------------------------------------------------------

srtp_fallback() {
  echo
  echo "libsrtp on OpenSSL was NOT built: $1." \
    "This is not fatal: the server will run, and its mediasoup worker will use Debian's libsrtp2-1" \
    "(NSS backend), which costs about three times as much CPU per encrypted packet, so one worker" \
    "fans out to only about a third as many WebRTC consumers." \
    "Fix the cause and run \"scripts/setup-media.sh libsrtp\" again to get the full capacity."
  exit 0
}

build_libsrtp() {
  local stamp="$STAMPS/libsrtp-openssl"
  if [ -e "$SRTP_OUT/libsrtp2.so.1" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$SRTP_BUILD_KEY" ]; then
    step "build libsrtp $SRTP_VERSION on OpenSSL" "already done"
    return
  fi
  [ -f "$SRTP_SOURCE/CMakeLists.txt" ] || srtp_fallback "its source is missing at ${SRTP_SOURCE#$ROOT/} (run npm ci first)"
  command -v cmake >/dev/null || srtp_fallback "cmake is not installed (run \"scripts/setup-media.sh worker\" as root)"
  command -v cc >/dev/null || srtp_fallback "no C compiler (cc) is installed"
  [ -f /usr/include/openssl/evp.h ] || srtp_fallback "OpenSSL headers are missing (apt-get install libssl-dev)"

  # libsrtp 2.3.0's own CMakeLists gives the library no SONAME version, but the Debian worker asks
  # the loader for libsrtp2.so.1: a two-line wrapper project adds it without touching the source
  # (which lives in node_modules and must stay pristine).
  local work="$CACHE/libsrtp-openssl"
  local log="$work/build.log"
  rm -rf "$work"
  mkdir -p "$work/wrapper"
  cat >"$work/wrapper/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.13)
project(libsrtp_openssl C)
add_subdirectory(${SRTP_SOURCE_DIR} srtp)
set_target_properties(srtp2 PROPERTIES SOVERSION 1 VERSION ${SRTP_VERSION})
EOF
  if ! {
    cmake -S "$work/wrapper" -B "$work/build" -DSRTP_SOURCE_DIR="$SRTP_SOURCE" -DSRTP_VERSION="$SRTP_VERSION" \
      -DENABLE_OPENSSL=ON -DBUILD_SHARED_LIBS=ON -DTEST_APPS=OFF -DCMAKE_BUILD_TYPE=Release &&
      cmake --build "$work/build" -j "$(nproc)"
  } >"$log" 2>&1; then
    srtp_fallback "the build failed (log: ${log#$ROOT/})"
  fi

  local real
  real=$(find "$work/build/srtp" -maxdepth 1 -type f -name 'libsrtp2.so.*' | head -n1)
  [ -n "$real" ] || srtp_fallback "the build produced no libsrtp2.so.* (log: ${log#$ROOT/})"
  # A library that silently fell back to libsrtp's built-in AES would defeat the purpose.
  grep -aq 'aes icm ossl' "$real" || srtp_fallback "the built library does not use OpenSSL's AES (log: ${log#$ROOT/})"

  rm -rf "$SRTP_OUT.tmp"
  mkdir -p "$SRTP_OUT.tmp"
  cp "$real" "$SRTP_OUT.tmp/"
  ln -s "$(basename "$real")" "$SRTP_OUT.tmp/libsrtp2.so.1"
  rm -rf "$SRTP_OUT"
  mv "$SRTP_OUT.tmp" "$SRTP_OUT"
  echo "$SRTP_BUILD_KEY" >"$stamp"
  step "build libsrtp $SRTP_VERSION on OpenSSL" "done"
}

verify_libsrtp() {
  local bin resolved
  bin=$(worker_bin)
  [ -x "$bin" ] || srtp_fallback "there is no worker at $bin to check it against (run \"scripts/setup-media.sh worker\")"
  resolved=$(LD_LIBRARY_PATH="$SRTP_OUT" ldd "$bin" | awk '$1=="libsrtp2.so.1"{print $3}')
  if [ "$resolved" != "$SRTP_OUT/libsrtp2.so.1" ]; then
    # Remove it so nothing believes the worker runs on it.
    rm -rf "$SRTP_OUT" "$STAMPS/libsrtp-openssl"
    srtp_fallback "with LD_LIBRARY_PATH=${SRTP_OUT#$ROOT/} the worker still loads libsrtp2.so.1 from ${resolved:-nowhere}"
  fi
  step "worker resolves libsrtp2.so.1 in .media/libsrtp-openssl" "done"
}

phase_libsrtp() {
  build_libsrtp
  verify_libsrtp
}

case "${1:-}" in
  worker) phase_worker ;;
  libsrtp) phase_libsrtp ;;
  *)
    echo "usage: $0 worker|libsrtp" >&2
    echo "  worker   Debian packages + mediasoup-worker $WORKER_VERSION into .media/ (before npm ci)" >&2
    echo "  libsrtp  libsrtp $SRTP_VERSION on OpenSSL into .media/libsrtp-openssl/ (after npm ci)" >&2
    exit 2
    ;;
esac
