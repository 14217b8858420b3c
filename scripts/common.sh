# Shared set-up for the demo and test scripts: Debian packages and the Swift toolchain on PATH.
# Sourced, not run. Installs only what is missing, so a second run starts at once.
set -euo pipefail

# Debian packages the build and the tests need (C libraries come from their -dev packages).
# FreeType, HarfBuzz, libdrm and the fonts are for the pixel renderer (fbdev, DRM and PNG screenshots); PC/SC and OpenPACE
# for the card readers.
KIOSK_APT_PACKAGES=(libsqlite3-dev zlib1g-dev tzdata tmux procps espeak-ng libcups2-dev libusb-1.0-0-dev libpcsclite-dev
    libeac-dev libfreetype-dev libharfbuzz-dev libdrm-dev fonts-dejavu-core fonts-noto-core)
# scripts/package-deb.sh: dpkg-shlibdeps (dpkg-dev) computes Depends, strip (binutils) makes the binaries lean.
KIOSK_DEB_PACKAGES=(dpkg-dev binutils)
# The printing tests and benchmark start a private cupsd (cups brings the socket backend, cups-client lpadmin and lp).
KIOSK_PRINT_PACKAGES=(cups cups-daemon cups-client)
# Only the test suite needs these: a real browser for the console and display pages, and its driver's library;
# PostgreSQL for the central store's second backend; zbar to read printed QR codes and barcodes back;
# umockdev to run the USB scanner driver against scripted USB traffic; pcscd with vsmartcard's vpcd reader driver
# for the card reader tests (the tests start pcscd themselves), pcsc-tools for its smartcard_list.txt and pcsc_scan;
# AusweisApp2, run headless, for the eID hand-off tests; qemu, a kernel and busybox to run the pixel renderer on a
# real Linux framebuffer (scripts/qemu-framebuffer.sh); lintian, the packaging tools and the packages' own
# maintainer scripts' tools (adduser, init-system-helpers) for the Debian package test (PackagingTests).
KIOSK_TEST_PACKAGES=(chromium python3-websocket postgresql zbar-tools umockdev pcscd vsmartcard-vpcd pcsc-tools
    ausweisapp2 "${KIOSK_PRINT_PACKAGES[@]}" qemu-system-x86 busybox-static linux-image-amd64 lintian
    "${KIOSK_DEB_PACKAGES[@]}" adduser init-system-helpers)

kiosk_install_packages() {
    local missing=()
    for package in "${KIOSK_APT_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "==> apt-get install ${missing[*]}"
        if [ "$(id -u)" -ne 0 ]; then
            echo "Bitte als root ausführen / please run as root (apt-get needs it)" >&2
            exit 1
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

kiosk_find_swift() {
    if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    fi
    if ! command -v swift >/dev/null 2>&1; then
        echo "Swift 6 fehlt: bitte die Swift-Toolchain nach /opt/swift installieren / Swift 6 is missing: install the toolchain to /opt/swift" >&2
        exit 1
    fi
}
