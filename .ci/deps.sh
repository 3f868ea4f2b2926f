#!/usr/bin/env bash
# Installs or prepares everything Stampede needs to build and test. Idempotent:
# on a machine that has it all, it only checks and returns within seconds.
#   - Debian packages (Qt 6, libcurl/OpenSSL/nghttp2, SQLite, test servers, ...)
#   - libnode (V8 10.2 API) unpacked from its .debs into the build tree
#     (apt-get install conflicts with the preinstalled nodejs)
#   - KSyntaxHighlighting 5.116 built for Qt 6 into the build tree
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APT_PACKAGES=(
    # build
    cmake ninja-build ccache g++ pkg-config xz-utils curl ca-certificates file dpkg-dev
    # Qt 6.4
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-websockets-dev qt6-declarative-dev
    qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libgl-dev libvulkan-dev libxkbcommon-dev
    # KSyntaxHighlighting build
    extra-cmake-modules perl
    # load engine
    libcurl4-openssl-dev libnghttp2-dev libssl-dev libsqlite3-dev nlohmann-json3-dev
    zlib1g-dev libbrotli-dev libzstd-dev
    # k6/html (HTML parser)
    libxml2-dev
    # libnode runtime libraries
    libuv1 libc-ares2 libnghttp2-14 libbrotli1 libicu72 libssl3 zlib1g
    # headless GUI checks and test servers
    xvfb xauth fonts-dejavu-core nginx-light openssl
    # bench/http_throughput.sh (wrk as the baseline; /usr/bin/time for CPU and RSS)
    wrk time
)

KSH_VERSION=5.116.0
KSH_TARBALL=ksyntax-highlighting_${KSH_VERSION}.orig.tar.xz
KSH_SHA256=6f8ccacebd0dc9ce050b2b23b715750c97938b3336fbbb80967920cb8c1dfaa7
KSH_PREFIX=$STAMPEDE_DEPS/ksyntaxhighlighting
LIBNODE_PREFIX=$STAMPEDE_DEPS/libnode

install_packages() {
    local missing=() p
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        log "Debian packages: all ${#APT_PACKAGES[@]} present"
        return
    fi
    log "Debian packages: installing ${missing[*]}"
    as_root apt-get update -q >/dev/null \
        || die "apt-get update failed: no network or the Debian mirror is unreachable. Check connectivity and /etc/apt/sources.list*, then re-run."
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}" \
        || die "apt-get install failed for: ${missing[*]}. Fix the apt error above, then re-run."
}

unpack_libnode() {
    local lib=$LIBNODE_PREFIX/usr/lib/x86_64-linux-gnu/libnode.so.108
    if [ -f "$LIBNODE_PREFIX/usr/include/node/v8.h" ] && [ -f "$lib" ]; then
        log "libnode (V8): present in $LIBNODE_PREFIX"
        return
    fi
    log "libnode (V8): downloading libnode108 + libnode-dev .debs"
    local tmp; tmp=$(mktemp -d)
    chmod 755 "$tmp"
    ( cd "$tmp" && apt-get download libnode108 libnode-dev >/dev/null 2>&1 ) || {
        as_root apt-get update -q >/dev/null 2>&1 || true
        ( cd "$tmp" && apt-get download libnode108 libnode-dev ) \
            || die "could not download libnode108/libnode-dev with 'apt-get download': check the network and apt sources, then re-run."
    }
    rm -rf "$LIBNODE_PREFIX"; mkdir -p "$LIBNODE_PREFIX"
    local deb
    for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$LIBNODE_PREFIX" || die "dpkg -x failed on $deb"; done
    rm -rf "$tmp"
    [ -f "$lib" ] || die "libnode unpacked, but $lib is missing: the package layout changed"
}

# The Debian mirror this machine's apt is configured with (never hard-coded).
debian_mirror() {
    apt-get indextargets --format '$(REPO_URI) $(ORIGIN) $(SUITE)' 2>/dev/null \
        | awk '$2 == "Debian" && $3 !~ /security/ { print $1; exit }'
}

build_ksyntaxhighlighting() {
    if [ -f "$KSH_PREFIX/.stamp-$KSH_VERSION" ]; then
        log "KSyntaxHighlighting $KSH_VERSION (Qt 6): present in $KSH_PREFIX"
        return
    fi
    local src=$STAMPEDE_DEPS/src tarball
    tarball=$src/$KSH_TARBALL
    mkdir -p "$src"
    if [ ! -f "$tarball" ] || ! echo "$KSH_SHA256  $tarball" | sha256sum -c --status; then
        local mirror; mirror=$(debian_mirror)
        [ -n "$mirror" ] || die "no Debian mirror found in apt's configuration (apt-get indextargets). Run 'apt-get update' and re-run."
        local url=${mirror%/}/pool/main/k/ksyntax-highlighting/$KSH_TARBALL
        log "KSyntaxHighlighting: downloading $url"
        curl -fsSL --retry 3 -o "$tarball.part" "$url" \
            || die "download failed: $url (no network, or the mirror lacks the file). Re-run when the mirror is reachable."
        echo "$KSH_SHA256  $tarball.part" | sha256sum -c --status \
            || die "checksum mismatch for $KSH_TARBALL (expected $KSH_SHA256); refusing to build it"
        mv "$tarball.part" "$tarball"
    fi
    local work=$src/ksh-work
    rm -rf "$work"; mkdir -p "$work"
    tar -C "$work" -xf "$tarball" || die "could not unpack $tarball"
    local dir; dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
    # Debian bookworm ships ECM 5.103; 5.116 needs nothing newer for this build.
    sed -i 's/find_package(ECM 5\.116\.0/find_package(ECM 5.103/' "$dir/CMakeLists.txt"
    log "KSyntaxHighlighting: building for Qt 6 (about a minute)"
    cmake -S "$dir" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DBUILD_WITH_QT6=ON -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
        -DBUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX="$KSH_PREFIX" >"$work/configure.log" 2>&1 \
        || { tail -n 30 "$work/configure.log" >&2; die "KSyntaxHighlighting configure failed (log: $work/configure.log)"; }
    cmake --build "$work/build" --parallel "$(nproc)" >"$work/build.log" 2>&1 \
        || { tail -n 30 "$work/build.log" >&2; die "KSyntaxHighlighting build failed (log: $work/build.log)"; }
    cmake --install "$work/build" >/dev/null || die "KSyntaxHighlighting install failed"
    touch "$KSH_PREFIX/.stamp-$KSH_VERSION"
    rm -rf "$work"
}

mkdir -p "$STAMPEDE_DEPS"
install_packages
unpack_libnode
build_ksyntaxhighlighting
log "dependencies ready"
