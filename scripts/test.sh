#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine as root: installs the packages, builds, tests.
# Set KIOSK_KILL_ROUNDS to raise the number of SIGKILLs in the crash test (at least 200 always run).
cd "$(dirname "$0")/.."
source scripts/common.sh
source scripts/postgres.sh
kiosk_install_packages "${KIOSK_TEST_PACKAGES[@]}"
kiosk_find_swift
echo "==> swift build --build-tests"
swift build --build-tests
# The release build of the Debian packages, before the tests and not during them: PackagingTests runs the same script,
# which then finds .build-deb built and only packages.
echo "==> bash scripts/package-deb.sh (release build for PackagingTests)"
time KIOSK_DEB_COMPRESSION=gzip bash scripts/package-deb.sh >/dev/null
kiosk_postgres_start
# The card reader tests start and restart a pcscd of their own, and pcscd's socket path is fixed: a pcscd the
# package started (socket activation on a systemd machine) must not hold it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet pcscd.socket 2>/dev/null; then
    echo "==> systemctl stop pcscd.socket pcscd (the card reader tests run their own)"
    systemctl stop pcscd.socket pcscd.service
fi
echo "==> swift test (central store on SQLite)"
# PackagingTests waits minutes on dpkg, lintian and apt; it runs on its own afterwards so that its waits never
# starve the other suites' time limits.
swift test --skip-build --skip PackagingTests
echo "==> swift test --filter PackagingTests (build, lintian, apt install, upgrade, purge)"
swift test --skip-build --filter PackagingTests
echo "==> swift test --filter KioskCentralTests (the same central store suite on PostgreSQL, and two instances in a browser)"
KIOSK_TEST_CENTRAL_BACKEND=postgres swift test --skip-build --filter "KioskCentralTests|BrowserTests"
