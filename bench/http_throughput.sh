#!/usr/bin/env bash
# HTTP throughput and memory benchmark: wrk vs Stampede on the same loopback nginx.
#
#   bench/http_throughput.sh [STAMPEDE_BIN] [DURATION_SECONDS] [CURL_FLOOR_BIN]
#
# nginx-light (one worker, 127.0.0.1, 1 KiB static body, config in a temp dir) is the target.
# Runs, one after the other: wrk (2 threads, 50 connections); libcurl alone (bench_curl_floor:
# 50 keep-alive connections on one multi handle, no JS: the floor for a libcurl engine, when
# built); Stampede with 50 VUs looping http.get (fibers, its default at this VU count), the
# same plus a check(), the plain loop with a thread per VU (STAMPEDE_VU_MODE=threads); then
# 1,000 VUs each doing sleep(1) and a GET for the memory figure (threads, as Stampede runs that
# many VUs; the 10-VU baseline is forced to threads too, so the difference is per VU). Prints requests/s, CPU seconds (user+sys from /usr/bin/time), requests per
# CPU-second and the ratio to wrk. k6 itself is not in Debian; it is used if it is on PATH.
set -euo pipefail

STAMPEDE=${1:-$(dirname "$0")/../build/bin/stampede}
DUR=${2:-10}
FLOOR=${3:-$(dirname "$STAMPEDE")/bench_curl_floor}
NGINX=${NGINX:-/usr/sbin/nginx}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -x "$NGINX" ] || { echo "nginx not found at $NGINX (apt-get install nginx-light)"; exit 1; }
[ -x "$STAMPEDE" ] || { echo "stampede not found at $STAMPEDE"; exit 1; }

source "$(dirname "$0")/lib.sh"
TMP=$(mktemp -d)
cleanup() { stop_nginx "$TMP"; rm -rf "$TMP"; }
trap cleanup EXIT
start_nginx "$TMP"

# time_cmd LABEL CMD...: runs CMD under /usr/bin/time; sets CPU (user+sys s) and RSS_KB.
time_cmd() {
    local out="$TMP/$1.out"
    shift
    /usr/bin/time -f "TIME %U %S %M" "$@" > "$out" 2>&1 || true
    local line
    line=$(grep '^TIME ' "$out" | tail -1)
    CPU=$(echo "$line" | awk '{printf "%.2f", $2 + $3}')
    RSS_KB=$(echo "$line" | awk '{print $4}')
    OUT="$out"
}

printf '%-28s %12s %10s %14s %9s %s\n' "tool" "requests/s" "CPU-s" "req/CPU-s" "p95 ms" "vs wrk"

# wrk prints p50/p75/p90/p99 only; a done() hook gives its p95.
cat > "$TMP/p95.lua" <<'LUA'
done = function(summary, latency, requests)
    io.write(string.format("P95_US %d\n", latency:percentile(95)))
end
LUA
time_cmd wrk wrk -t2 -c50 -d"${DUR}s" -s "$TMP/p95.lua" "$URL"
WRK_RPS=$(grep 'Requests/sec' "$OUT" | awk '{print $2}')
WRK_REQS=$(grep 'requests in' "$OUT" | awk '{print $1}')
WRK_P95=$(grep '^P95_US' "$OUT" | awk '{printf "%.3f", $2 / 1000}')
WRK_CPU=$CPU
WRK_EFF=$(python3 -c "print(round($WRK_REQS/max($WRK_CPU,0.01)))")
printf '%-28s %12.0f %10s %14s %9s %s\n' "wrk -t2 -c50" "$WRK_RPS" "$WRK_CPU" "$WRK_EFF" "$WRK_P95" "1.00"

if [ -x "$FLOOR" ]; then
    time_cmd floor "$FLOOR" "$URL" 50 "$DUR"
    FLOOR_REQS=$(grep '^requests' "$OUT" | awk '{print $2}')
    FLOOR_EFF=$(python3 -c "print(round($FLOOR_REQS/max($CPU,0.01)))")
    printf '%-28s %12.0f %10s %14s %9s %s\n' "libcurl alone, 50 handles" "$(python3 -c "print($FLOOR_REQS/$DUR)")" \
        "$CPU" "$FLOOR_EFF" "-" "$(python3 -c "print(f'{$FLOOR_EFF/$WRK_EFF:.2f} req/CPU-s, libcurl alone')")"
fi

run_stampede() {
    local label=$1 script=$2
    shift 2
    time_cmd "$label" env "$@" "$STAMPEDE" run -q --no-history --summary-export "$TMP/$label.json" "$script"
    local reqs rps eff p95
    reqs=$(python3 -c "import json; print(json.load(open('$TMP/$label.json'))['metrics']['http_reqs']['count'])")
    rps=$(python3 -c "import json; print(json.load(open('$TMP/$label.json'))['metrics']['http_reqs']['rate'])")
    p95=$(python3 -c "import json; print(f\"{json.load(open('$TMP/$label.json'))['metrics']['http_req_duration']['p(95)']:.3f}\")")
    eff=$(python3 -c "print(round($reqs/max($CPU,0.01)))")
    printf '%-28s %12.0f %10s %14s %9s %s\n' "$label" "$rps" "$CPU" "$eff" "$p95" \
        "$(python3 -c "print(f'{$rps/$WRK_RPS:.2f} rps, {$eff/$WRK_EFF:.2f} req/CPU-s, p95 {$p95-$WRK_P95:+.3f} ms')")"
}

cat > "$TMP/get.js" <<JS
import http from 'k6/http';
export const options = { vus: 50, duration: '${DUR}s' };
export default function () { http.get('$URL'); }
JS
cat > "$TMP/check.js" <<JS
import http from 'k6/http';
import { check } from 'k6';
export const options = { vus: 50, duration: '${DUR}s' };
export default function () {
    const r = http.get('$URL');
    check(r, { 'status is 200': (x) => x.status === 200 });
}
JS
run_stampede "stampede 50 VUs get" "$TMP/get.js"
run_stampede "stampede 50 VUs get+check" "$TMP/check.js"
run_stampede "stampede 50 threads get" "$TMP/get.js" STAMPEDE_VU_MODE=threads
if command -v k6 >/dev/null; then
    time_cmd k6 k6 run -q "$TMP/get.js"
    echo "k6 run (50 VUs get): CPU-s $CPU (see $OUT)"
else
    echo "k6: not installed (it is not packaged in Debian); no k6 figures"
fi

# Memory: RSS per VU from 1,000 VUs vs 10 VUs, each doing sleep(1) then a GET.
mem_js() {
    cat > "$TMP/mem$1.js" <<JS
import http from 'k6/http';
import { sleep } from 'k6';
export const options = { vus: $1, duration: '15s' };
export default function () { sleep(1); http.get('$URL'); }
JS
}
mem_js 10
mem_js 1000
time_cmd mem10 env STAMPEDE_VU_MODE=threads "$STAMPEDE" run -q --no-history --no-summary "$TMP/mem10.js"
RSS10=$RSS_KB
time_cmd mem1000 "$STAMPEDE" run -q --no-history --no-summary "$TMP/mem1000.js"
RSS1000=$RSS_KB
echo "memory (1,000 VUs: sleep(1) then a GET, 15 s): max RSS 10 VUs $((RSS10 / 1024)) MiB," \
     "1,000 VUs $((RSS1000 / 1024)) MiB, per VU $(python3 -c "print(f'{($RSS1000-$RSS10)/990/1024:.3f}')") MiB" \
     "(total / VUs $(python3 -c "print(f'{$RSS1000/1000/1024:.3f}')") MiB)" \
     "(k6: 0.16-0.23 MiB; target <= 0.25 MiB)"
