# Shared helpers for the developer/CI entry points. Sourced, never executed.
# shellcheck shell=bash

STAMPEDE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STAMPEDE_BUILD=${STAMPEDE_BUILD:-$STAMPEDE_ROOT/build}
STAMPEDE_DEPS=${STAMPEDE_DEPS:-$STAMPEDE_BUILD/_deps}

log()  { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root to run '$*' (no sudo found); run this script as root"
    fi
}

# Configure (once) and build the whole tree with Ninja.
stampede_build() {
    local type=${CMAKE_BUILD_TYPE:-RelWithDebInfo}
    if [ ! -f "$STAMPEDE_BUILD/build.ninja" ]; then
        log "configuring ($type) in $STAMPEDE_BUILD"
        cmake -S "$STAMPEDE_ROOT" -B "$STAMPEDE_BUILD" -G Ninja \
            -DCMAKE_BUILD_TYPE="$type" \
            -DSTAMPEDE_DEPS_DIR="$STAMPEDE_DEPS" \
            || die "cmake configure failed (see above)"
    fi
    log "building"
    cmake --build "$STAMPEDE_BUILD" --parallel "$(nproc)" || die "build failed (see above)"
}
