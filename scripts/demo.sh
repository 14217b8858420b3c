#!/usr/bin/env bash
# Runs the kiosk demo in this terminal: the example Bürgerbüro, synced to a local central service
# (kiosk-central on 127.0.0.1:8480, its database in .demo-state/central.sqlite). Tickets go as raw jobs through a
# real cupsd of the demo's own (127.0.0.1:8631) to an emulated network ESC/POS printer (127.0.0.1:9111), which
# writes what it prints to .demo-state/printer.bin; `echo paper-end > .demo-state/printer-state` takes its paper
# away (`ok` gives it back). Without root or cups the emulated printer writes the file itself.
# Keys: 1-9 draw a ticket, T/W/A check in, find a polling place, ask for an ID document, G pays a fee (the emulated
# signature pad signs a sample signature by itself on the SEPA mandate's confirmation; `echo unplug >
# .demo-state/signature-pad` pulls it mid-signature, `cancel`/`absent`/`sign` likewise); L switches
# German/English, Esc goes back, Ctrl-C quits. The emulated scanner reads one scan per line from a pipe:
#   echo 'T:123456:ab12' > .demo-state/scanner                                   (today's appointment: check in)
#   echo ']Q1https://wahlschein.example.de/antrag?wbz=1302&wvz=4711' > .demo-state/scanner   (Wahlbenachrichtigung)
# Outside opening hours (evenings, weekends) the demo pretends it is 09:00 on a weekday;
# set KIOSK_DEMO_TIME=real to use the real clock, or KIOSK_DEMO_TIME=2026-11-23T10:30 for a given time.
# KIOSK_DISPLAY=offscreen runs the pixel renderer writing .demo-state/screen.png (offscreen-landscape: 1920×1080;
# framebuffer: /dev/fb0 or KIOSK_FRAMEBUFFER; drm: /dev/dri/card0 or KIOSK_FRAMEBUFFER); the terminal renderer is
# the default.
cd "$(dirname "$0")/.."
source scripts/common.sh
kiosk_install_packages "${KIOSK_PRINT_PACKAGES[@]}"
kiosk_find_swift
echo "==> swift build"
swift build --product kioskd
swift build --product kioskctl
swift build --product kiosk-central
swift build --product printer-emulator
mkdir -p .demo-state
state="$(pwd)/.demo-state"
[ -f "$state/signature-pad" ] || echo sign > "$state/signature-pad"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
demo_time="${KIOSK_DEMO_TIME:-}"
if [ -z "$demo_time" ]; then
    weekday=$(TZ=Europe/Berlin date +%u)
    if [ "$weekday" -le 5 ]; then day=$(TZ=Europe/Berlin date +%F); else day=$(TZ=Europe/Berlin date -d "next monday" +%F); fi
    demo_time="${day}T09:00"
fi
# Central and terminal share the demo's clock: central hands out the appointments of its "today".
central_clock=()
[ "$demo_time" != "real" ] && central_clock=(--demo-time "$demo_time")
demo_day="${demo_time%%T*}"
[ "$demo_time" = "real" ] && demo_day=$(TZ=Europe/Berlin date +%F)
# Today's appointment the demo checks in (process number 123456, key ab12), and the town's polling places.
.build/debug/kiosk-central appointment add --database .demo-state/central.sqlite --id "demo-${demo_day}" \
    --site example-buergerbuero --service meldebescheinigung --start "${demo_day}T09:10" --process 123456 --key ab12 >/dev/null
.build/debug/kiosk-central --database .demo-state/central.sqlite --catalog Kiosk/example/services.yaml \
    --port 8480 "${central_clock[@]}" 2>> .demo-state/central.log &
pids+=($!)
kiosk_wait_for_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
kiosk_wait_for_port 8480
# The example terminal with its paths made to work from .demo-state/; the sections below adjust it.
config="$state/terminal.yaml"
sed -e "s|^  catalog: services.yaml|  catalog: ../Kiosk/example/services.yaml\n  texts: ../Kiosk/texts|" \
    -e "s|^  codes: codes.yaml|  codes: ../Kiosk/example/codes.yaml|" \
    -e "s|\.\./\.\./\.demo-state/|./|" -e "s|devices: \.\./\.\./Devices|devices: ../Devices|" \
    Kiosk/example/terminal.yaml > "$config"
if [ "$(id -u)" -eq 0 ] && [ -x /usr/sbin/pcscd ] && [ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ]; then
    # A pcscd with vsmartcard's virtual reader: `.build/debug/id-card-emulator --port 35963` puts the emulated ID
    # card on it (Ctrl-C takes it off) and the kiosk offers the PIN service. pcscd's socket path is fixed, so a
    # system pcscd is stopped first.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet pcscd.socket 2>/dev/null; then
        systemctl stop pcscd.socket pcscd.service
    fi
    pkill -x pcscd 2>/dev/null && sleep 0.5
    mkdir -p "$state/pcsc"
    printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:35963\nLIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID    35963\n' \
        > "$state/pcsc/vpcd"
    swift build --product id-card-emulator
    /usr/sbin/pcscd --foreground -c "$state/pcsc" >> "$state/pcscd.log" 2>&1 &
    pids+=($!)
    printf 'cardReader:\n  kind: pcsc\n' >> "$config"
fi
if [ "$(id -u)" -eq 0 ] && [ -x /usr/sbin/cupsd ]; then
    # A private cupsd: own configuration and spool under .demo-state/cups, loopback only.
    cups="$state/cups"
    mkdir -p "$cups/spool/temp" "$cups/cache" "$cups/state" "$cups/log"
    chmod 755 "$cups" && chmod 1777 "$cups/spool/temp"
    cat > "$cups/cups-files.conf" <<CONF
ServerRoot $cups
StateDir $cups/state
CacheDir $cups/cache
RequestRoot $cups/spool
TempDir $cups/spool/temp
ServerBin /usr/lib/cups
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
AccessLog $cups/log/access_log
ErrorLog $cups/log/error_log
PageLog $cups/log/page_log
Printcap
CONF
    cat > "$cups/cupsd.conf" <<CONF
Listen 127.0.0.1:8631
Browsing Off
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
CONF
    /usr/sbin/cupsd -f -c "$cups/cupsd.conf" -s "$cups/cups-files.conf" 2>> "$state/cupsd.log" &
    pids+=($!)
    [ -f "$state/printer-state" ] || echo ok > "$state/printer-state"
    .build/debug/printer-emulator --port 9111 --record "$state/printer.bin" --control "$state/printer-state" \
        --log "$state/printer.log" 2>> "$state/printer.log" &
    pids+=($!)
    if kiosk_wait_for_port 8631 && kiosk_wait_for_port 9111 \
        && lpadmin -h 127.0.0.1:8631 -p ticket -E -v "socket://127.0.0.1:9111/?contimeout=5" -m raw; then
        # Printing through that cupsd; the printer's raw port answers paper and cover status.
        sed -i -e "/^printer:/,/^[a-z]/s|^  kind: emulated|  kind: cups\n  server: 127.0.0.1:8631\n  queue: ticket\n  status: 127.0.0.1:9111|" \
            -e "/^  output: /d" -e "s|^  profile: generic-58mm|  profile: epson-tm-t20|" "$config"
    else
        echo "cupsd or the printer emulator did not start (see .demo-state/cupsd.log): printing to the emulated file printer" >&2
    fi
fi
.build/debug/kioskctl wahlraum import --config "$config" --election Kiosk/example/election.yaml > "$state/wahlraum-import.txt" \
    || echo "the polling places did not import (see .demo-state/wahlraum-import.txt)" >&2
case "${KIOSK_DISPLAY:-terminal}" in
    terminal) ;;
    offscreen | offscreen-landscape)
        # The pixel renderer without a framebuffer: every frame goes to .demo-state/screen.png (open it in an image
        # viewer that reloads); keys still come from this terminal. `kioskctl screenshot out.png --config
        # .demo-state/terminal.yaml` fetches the current frame.
        orientation=portrait
        [ "$KIOSK_DISPLAY" = offscreen-landscape ] && orientation=landscape
        printf 'display:\n  kind: offscreen\n  orientation: %s\n  output: screen.png\n' "$orientation" >> "$config"
        ;;
    framebuffer)
        printf 'display:\n  kind: framebuffer\n  device: %s\n' "${KIOSK_FRAMEBUFFER:-/dev/fb0}" >> "$config"
        ;;
    drm)
        printf 'display:\n  kind: drm\n  device: %s\n' "${KIOSK_FRAMEBUFFER:-/dev/dri/card0}" >> "$config"
        ;;
    *) echo "KIOSK_DISPLAY: terminal, offscreen, offscreen-landscape, framebuffer or drm" >&2; exit 64 ;;
esac
arguments=(--config "$config")
[ "$demo_time" != "real" ] && arguments+=(--demo-time "$demo_time")
.build/debug/kioskd "${arguments[@]}"
