#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine as root: installs the packages, builds, tests.
# Set KIOSK_KILL_ROUNDS to raise the number of SIGKILLs in the crash test (at least 200 always run).
cd "$(dirname "$0")/.."
source scripts/common.sh
kiosk_install_packages "${KIOSK_TEST_PACKAGES[@]}"
kiosk_find_swift
echo "==> swift build --build-tests"
swift build --build-tests
echo "==> swift test"
swift test --skip-build
