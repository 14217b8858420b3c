# A private PostgreSQL server on loopback for the test suite. Sourced by test.sh and bench.sh, not run.
# kiosk_postgres_start sets KIOSK_TEST_POSTGRES_URL and stops the server again when the calling script exits.

kiosk_postgres_start() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [ -z "$bin" ]; then
        echo "PostgreSQL fehlt (apt-get install postgresql) / PostgreSQL is missing (apt-get install postgresql)" >&2
        exit 1
    fi
    KIOSK_PG_DIR=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
    local port=25432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    local run=()
    if [ "$(id -u)" -eq 0 ]; then
        # The server refuses to run as root.
        chown postgres "$KIOSK_PG_DIR"
        run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$KIOSK_PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$KIOSK_PG_DIR/data" -l "$KIOSK_PG_DIR/server.log" -w -o \
        "-p $port -k $KIOSK_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    KIOSK_PG_CTL=("${run[@]}" "$bin/pg_ctl" -D "$KIOSK_PG_DIR/data" -m immediate stop)
    trap kiosk_postgres_stop EXIT
    export KIOSK_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
    echo "==> PostgreSQL on 127.0.0.1:$port"
}

kiosk_postgres_stop() {
    "${KIOSK_PG_CTL[@]}" >/dev/null 2>&1 || true
    rm -rf "$KIOSK_PG_DIR"
}
