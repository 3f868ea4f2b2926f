# Shared by the benchmark scripts. Sourced, never executed.
# shellcheck shell=bash

# start_nginx DIR: nginx-light with one worker on a free loopback port, serving a 1 KiB file
# from DIR/www (config, pid and logs in DIR). Sets URL. stop_nginx DIR stops it.
start_nginx() {
    local dir=$1 port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    mkdir -p "$dir/www" "$dir/logs"
    chmod 755 "$dir" "$dir/www"  # nginx workers may run as another user
    head -c 1024 /dev/zero | tr '\0' 'x' > "$dir/www/index.html"
    cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        location / { index index.html; }
    }
}
CONF
    "${NGINX:-/usr/sbin/nginx}" -p "$dir" -c "$dir/nginx.conf"
    sleep 0.3
    URL="http://127.0.0.1:$port/index.html"
    curl -fsS "$URL" -o /dev/null
}

stop_nginx() {
    [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
}
