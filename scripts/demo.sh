#!/usr/bin/env bash
# Runs the kiosk demo in this terminal: the example Bürgerbüro with an emulated ticket printer, synced to a
# local central service (kiosk-central on 127.0.0.1:8480, its database in .demo-state/central.sqlite).
# Keys: 1-9 draw a ticket, L switches German/English, Esc goes back, Ctrl-C quits.
# Outside opening hours (evenings, weekends) the demo pretends it is 09:00 on a weekday;
# set KIOSK_DEMO_TIME=real to use the real clock, or KIOSK_DEMO_TIME=2026-11-23T10:30 for a given time.
cd "$(dirname "$0")/.."
source scripts/common.sh
kiosk_install_packages
kiosk_find_swift
echo "==> swift build"
swift build --product kioskd
swift build --product kioskctl
swift build --product kiosk-central
mkdir -p .demo-state
.build/debug/kiosk-central --database .demo-state/central.sqlite --catalog Kiosk/example/services.yaml \
    --port 8480 2>> .demo-state/central.log &
central_pid=$!
trap 'kill $central_pid 2>/dev/null' EXIT
for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/8480) 2>/dev/null && break
    sleep 0.1
done
arguments=(--config Kiosk/example/terminal.yaml)
demo_time="${KIOSK_DEMO_TIME:-}"
if [ -z "$demo_time" ]; then
    weekday=$(TZ=Europe/Berlin date +%u)
    if [ "$weekday" -le 5 ]; then day=$(TZ=Europe/Berlin date +%F); else day=$(TZ=Europe/Berlin date -d "next monday" +%F); fi
    demo_time="${day}T09:00"
fi
[ "$demo_time" != "real" ] && arguments+=(--demo-time "$demo_time")
.build/debug/kioskd "${arguments[@]}"
