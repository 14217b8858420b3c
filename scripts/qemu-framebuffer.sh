#!/usr/bin/env bash
# Shows the pixel renderer on a real Linux framebuffer: a Debian kernel in qemu-system (TCG, no KVM needed) with
# emulated VGA in a VESA mode, so the kernel offers /dev/fb0 ("VESA VGA", 1024x768, 24 bit; the console cursor is
# switched off, else it blinks into the frame); framebuffer-probe runs from an initramfs, draws a screen and then
# a partial update into /dev/fb0, and the host takes qemu's screendump.
# The same final frame is rendered off screen beside it for comparison (EndToEndTests/QemuFramebufferTests).
#
# With KIOSK_QEMU_DISPLAY=drm the VM loads the bochs DRM driver (and its helpers) from the kernel's modules instead,
# and the probe shows the frames through DRM/KMS: a dumb buffer on the first connected output.
# Usage: [KIOSK_QEMU_DISPLAY=fbdev|drm] scripts/qemu-framebuffer.sh OUTPUT_DIR [PROBE]
#   PROBE defaults to .build/debug/framebuffer-probe (swift build --product framebuffer-probe).
# Writes OUTPUT_DIR/screen.ppm (screendump, P6), OUTPUT_DIR/offscreen.png, OUTPUT_DIR/console.log.
# Needs: qemu-system-x86 busybox-static linux-image-amd64 (apt-get install --no-install-recommends).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "$1")
probe=$(realpath "${2:-.build/debug/framebuffer-probe}")
kernel=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
mode="${KIOSK_QEMU_DISPLAY:-fbdev}"
if [ -z "$kernel" ] || ! command -v qemu-system-x86_64 >/dev/null || [ ! -x /bin/busybox ]; then
    echo "qemu-framebuffer: qemu-system-x86, busybox-static und linux-image-amd64 fehlen / are missing" >&2
    exit 69  # EX_UNAVAILABLE
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp} "$out"
rm -f "$out/screen.ppm" "$out/offscreen.png"

# The initramfs: busybox for the init script, the probe with every shared library ldd names (and the loader),
# and the fonts at their Debian paths.
cp /bin/busybox "$root/bin/busybox"
for tool in sh mount poweroff sleep; do ln -s busybox "$root/bin/$tool"; done
cp "$probe" "$root/bin/framebuffer-probe"
for library in $(ldd "$probe" | grep -o '/[^ ]*'); do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
done
mkdir -p "$root/usr/share/fonts/truetype/dejavu"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
    /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf "$root/usr/share/fonts/truetype/dejavu/"
if [ "$mode" = drm ]; then
    # bochs-drm drives qemu's standard VGA; the helpers it needs, in the order they depend on each other.
    release=${kernel#/boot/vmlinuz-}
    mkdir -p "$root/modules"
    for module in drm ttm drm_kms_helper drm_ttm_helper drm_vram_helper bochs; do
        cp "$(modinfo -k "$release" -n "$module")" "$root/modules/$module.ko"
    done
    ln -s busybox "$root/bin/insmod"
    cat > "$root/init" <<'INIT'
#!/bin/sh
mount -t devtmpfs devtmpfs /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
for module in drm ttm drm_kms_helper drm_ttm_helper drm_vram_helper bochs; do insmod /modules/$module.ko; done
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e /dev/dri/card0 ] && break; sleep 1; done
# A DRM frame stays up only while its owner holds the device: the probe holds it while the host takes the dump.
/bin/framebuffer-probe --drm /dev/dri/card0 --hold 120
echo "probe-exit $?"
poweroff -f
INIT
else
    cat > "$root/init" <<'INIT'
#!/bin/sh
mount -t devtmpfs devtmpfs /dev
mount -t proc proc /proc
mount -t sysfs sysfs /sys
/bin/framebuffer-probe --device /dev/fb0
echo "probe-exit $?"
# Keep the frame on screen until the host has taken the screendump and quits qemu.
sleep 120
poweroff -f
INIT
fi
chmod +x "$root/init"
(cd "$root" && find . -path ./mon.sock -prune -o -print | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$root/initrd.gz"

qemu-system-x86_64 -m 1024 -nographic -vga std -kernel "$kernel" -initrd "$root/initrd.gz" \
    -append "console=ttyS0 $([ "$mode" = drm ] || echo vga=0x318) quiet vt.global_cursor_default=0" -monitor "unix:$root/mon.sock,server,nowait" -no-reboot \
    > "$out/console.log" 2>&1 &
qemu=$!
ready="probe-exit"
[ "$mode" = drm ] && ready="presented partial update"
for _ in $(seq 1 180); do
    grep -q "$ready" "$out/console.log" 2>/dev/null && break
    grep -q "probe-exit" "$out/console.log" 2>/dev/null && break
    kill -0 "$qemu" 2>/dev/null || break
    sleep 1
done
python3 - "$root/mon.sock" "$out/screen.ppm" <<'PY'
import socket, sys, time
monitor = socket.socket(socket.AF_UNIX)
monitor.connect(sys.argv[1])
time.sleep(0.5)
monitor.recv(65536)
monitor.sendall(f"screendump {sys.argv[2]}\n".encode())
time.sleep(2)
monitor.sendall(b"quit\n")
time.sleep(0.5)
PY
wait "$qemu" || true
grep -q "presented partial update" "$out/console.log" || { echo "qemu-framebuffer: probe failed, see $out/console.log" >&2; exit 1; }

size=$(grep -o '\(framebuffer\|drm\) .* \([0-9]*\)x\([0-9]*\)' "$out/console.log" | grep -o '[0-9]*x[0-9]*' | tail -1)
"$probe" --png "$out/offscreen.png" --width "${size%x*}" --height "${size#*x}"
echo "qemu-framebuffer: $(grep -o 'framebuffer .*\|drm .*\|presented .*' "$out/console.log" | tr -d '\r' | tr '\n' ' ')"
