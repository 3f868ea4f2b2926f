#!/usr/bin/env bash
# Memory over a long run versus a short one: the same constant-vus load for SHORT and
# LONG seconds (default 60 and 600) against a loopback nginx; prints the peak RSS of
# each and their ratio, which must stay within 10 % (trend metrics use constant-memory
# histograms; k6 keeps every value and grows).
#   bench/memory_duration.sh [stampede-binary] [short-seconds] [long-seconds]
set -euo pipefail
BIN=${1:-build/bin/stampede}
SHORT=${2:-60}
LONG=${3:-600}
work=$(mktemp -d)
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
head -c 1024 /dev/zero | tr '\0' 'x' > "$work/1k.txt"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$port; root $work; location / { try_files /1k.txt =404; } } }
CONF
nginx -c "$work/nginx.conf"
cat > "$work/load.js" <<JS
import http from 'k6/http';
import { check, sleep } from 'k6';
export const options = { vus: 20, duration: __ENV.DUR };
export default function () {
  const r = http.get('http://127.0.0.1:$port/x?i=' + (__ITER % 1000));
  check(r, { ok: (x) => x.status === 200 });
  sleep(0.01);
}
JS
peak() { # seconds -> "peak_rss_kb requests"
    /usr/bin/time -f '%M' -o "$work/time.txt" "$BIN" run -q --no-history -e DUR="$1s" "$work/load.js" > "$work/out.txt" 2>&1
    echo "$(cat "$work/time.txt") $(grep -Eo 'http_reqs\.+: [0-9]+' "$work/out.txt" | grep -Eo '[0-9]+$')"
}
read -r short_kb short_reqs < <(peak "$SHORT")
read -r long_kb long_reqs < <(peak "$LONG")
echo "short run: ${SHORT}s, ${short_reqs} requests, peak RSS ${short_kb} KiB"
echo "long run:  ${LONG}s, ${long_reqs} requests, peak RSS ${long_kb} KiB"
awk -v a="$short_kb" -v b="$long_kb" 'BEGIN { r = b / a; printf "ratio long/short: %.3f (%s)\n", r, (r <= 1.10 ? "within 10 %" : "MORE THAN 10 %") }'
