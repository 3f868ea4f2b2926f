#!/usr/bin/env bash
# One command: install what is missing, build, and start Stampede Studio.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$STAMPEDE_ROOT/.ci/deps.sh"
stampede_build
log "starting $STAMPEDE_BUILD/bin/stampede-studio"
exec "$STAMPEDE_BUILD/bin/stampede-studio" "$@"
