#!/usr/bin/env bash
# Builds release binaries and runs the benchmarks; figures are printed with their same-run baselines.
cd "$(dirname "$0")/.."
source scripts/common.sh
source scripts/postgres.sh
kiosk_install_packages postgresql "${KIOSK_PRINT_PACKAGES[@]}"
kiosk_find_swift
swift build -c release --product kioskd
swift build -c release --product kioskctl
swift build -c release --product kiosk-central
swift build -c release --product kiosk-benchmarks
swift build -c release --product printer-emulator
swift build -c release --product scan-decoding-benchmark
swift build -c release --product signature-benchmark
kiosk_postgres_start
.build/release/kiosk-benchmarks "$@"
.build/release/scan-decoding-benchmark
.build/release/signature-benchmark
