#!/usr/bin/env bash
# One command: install what is missing, build, and run every test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$STAMPEDE_ROOT/.ci/deps.sh"
stampede_build
# GUI tests run on the offscreen platform; nothing here needs a display.
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
log "running tests"
cd "$STAMPEDE_BUILD"
ctest --output-on-failure --timeout 600 --parallel "$(nproc)" "$@"
