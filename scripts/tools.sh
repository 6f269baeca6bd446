#!/usr/bin/env bash
# Installs, when missing, every tool that building, serving and testing Nixpen
# needs. Idempotent: a second run only checks versions. Pinned versions live here.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.108   # must equal the wasm-bindgen crate in Cargo.lock
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[tools] %s\n' "$*" >&2; }

need_apt=()
apt_missing() { dpkg -s "$1" >/dev/null 2>&1 || need_apt+=("$1"); }

install_rust_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

install_cargo_tool() { # name version binary [--locked]
  local crate=$1 version=$2 bin=$3 locked=${4:-}
  if command -v "$bin" >/dev/null 2>&1 && "$bin" --version 2>/dev/null | grep -q "$version"; then
    return
  fi
  log "cargo install $crate $version (slow on first run)"
  cargo install $locked "$crate" --version "$version"
}

install_apt() {
  [ -x /usr/bin/chromium ] || apt_missing chromium
  command -v nix-instantiate >/dev/null 2>&1 || apt_missing nix-bin
  if [ ${#need_apt[@]} -gt 0 ]; then
    log "apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
}

install_npm() {
  if [ ! -x "$ROOT/web/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/web/node_modules/playwright-core" ]; then
    log "npm ci in web/ (binaryen, playwright-core)"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

case "${1:-all}" in
  web)  install_rust_target; install_npm
        install_cargo_tool trunk "$TRUNK_VERSION" trunk --locked
        install_cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen ;;
  all)  install_rust_target; install_apt; install_npm
        install_cargo_tool trunk "$TRUNK_VERSION" trunk --locked
        install_cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen ;;
  *) echo "usage: tools.sh [all|web]" >&2; exit 2 ;;
esac
