#!/usr/bin/env bash
# Scale benchmark: 10,000 idle VUs, and memory over a 60 s full-speed run.
#
#   bench/scale.sh [STAMPEDE_BIN] [IDLE_VUS] [FULL_SPEED_SECONDS]
#
# 1. IDLE_VUS (default 10,000) VUs that import k6/http and sleep(1) in a loop for 20 s: the
#    exit code (0 = no VU failed to start, no error), the iterations done against the
#    ideal (VUs x 20), wall time including VU start-up, and max RSS (total and per VU).
# 2. 50 VUs looping http.get against a loopback nginx-light for FULL_SPEED_SECONDS (default
#    60): RSS sampled from /proc every second; prints RSS at 10 s and at the end and their
#    ratio (memory must not grow: within 5 %).
set -euo pipefail

STAMPEDE=${1:-$(dirname "$0")/../build/bin/stampede}
IDLE=${2:-10000}
FULL=${3:-60}
NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$STAMPEDE" ] || { echo "stampede not found at $STAMPEDE"; exit 1; }
[ -x "$NGINX" ] || { echo "nginx not found at $NGINX (apt-get install nginx-light)"; exit 1; }

source "$(dirname "$0")/lib.sh"
TMP=$(mktemp -d)
cleanup() { stop_nginx "$TMP"; rm -rf "$TMP"; }
trap cleanup EXIT

# Each VU is a thread with a few mappings; make sure the limits allow IDLE VUs.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
echo "limits: open files $(ulimit -n), threads-max $(cat /proc/sys/kernel/threads-max)," \
     "max_map_count $(cat /proc/sys/vm/max_map_count)"

cat > "$TMP/idle.js" <<JS
import http from 'k6/http';
import { sleep } from 'k6';
export const options = { vus: $IDLE, duration: '20s' };
export default function () { sleep(1); }
JS
set +e
/usr/bin/time -f "TIME %e %M" "$STAMPEDE" run --no-history --summary-export "$TMP/idle.json" "$TMP/idle.js" \
    > "$TMP/idle.out" 2>&1
rc=$?
set -e
read -r WALL RSS < <(grep '^TIME' "$TMP/idle.out" | awk '{print $2, $3}')
ITER=$(python3 -c "import json; print(int(json.load(open('$TMP/idle.json'))['metrics']['iterations']['count']))" 2>/dev/null || echo 0)
ERRORS=$(grep -c -E 'level=error|ERRO' "$TMP/idle.out" || true)
echo "idle: $IDLE VUs, exit code $rc, $ERRORS error lines, $ITER iterations (ideal $((IDLE * 20)))," \
     "wall ${WALL} s (start-up included), max RSS $((RSS / 1024)) MiB," \
     "$(python3 -c "print(f'{$RSS/$IDLE/1024:.3f}')") MiB per VU (total / VUs)"

# Full speed for FULL seconds; RSS every second.
start_nginx "$TMP"
cat > "$TMP/full.js" <<JS
import http from 'k6/http';
export const options = { vus: 50, duration: '${FULL}s' };
export default function () { http.get('$URL'); }
JS
"$STAMPEDE" run -q --no-history --summary-export "$TMP/full.json" "$TMP/full.js" > "$TMP/full.out" 2>&1 &
PID=$!
: > "$TMP/rss"
for ((s = 1; s <= FULL + 5; s++)); do
    sleep 1
    kill -0 "$PID" 2>/dev/null || break
    echo "$s $(awk '/VmRSS/ {print $2}' /proc/$PID/status 2>/dev/null || echo 0)" >> "$TMP/rss"
done
wait "$PID"
python3 - "$TMP/rss" "$TMP/full.json" "$FULL" <<'PY'
import json, sys
samples = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
full = int(sys.argv[3])
at = lambda t: min(samples, key=lambda s: abs(s[0] - t))[1]
r10, rend = at(10), at(full - 1)
m = json.load(open(sys.argv[2]))['metrics']
print(f"full speed: 50 VUs for {full} s, {int(m['http_reqs']['count'])} requests ({m['http_reqs']['rate']:.0f}/s);"
      f" RSS at 10 s {r10 / 1024:.1f} MiB, at {full - 1} s {rend / 1024:.1f} MiB, ratio {rend / r10:.3f}"
      f" ({'within' if abs(rend / r10 - 1) <= 0.05 else 'NOT within'} 5 %)")
PY
