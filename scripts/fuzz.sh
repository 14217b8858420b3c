#!/bin/sh
# Builds and runs the libFuzzer target for the card answer parsers (Fuzz/CardParsing) with the toolchain's
# -sanitize=fuzzer,address. The target compiles KioskCore's Cards sources directly (they need only the
# standard library), so no sanitized build of the whole package is needed.
#   scripts/fuzz.sh                 # 60 seconds
#   scripts/fuzz.sh -max_total_time=3600 -jobs=2
set -eu
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out/corpus-card-parsing"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name KioskCardFuzz \
    Sources/KioskCore/Cards/*.swift Sources/KioskCore/Language.swift Fuzz/CardParsing/FuzzTarget.swift \
    -o "$out/card-parsing" 2>&1 | grep -v "Cannot export local symbol" || true
# Seeds: a German ID card's ATR and a typical EF.CardAccess.
printf '\073\212\200\001\200\061\370\163\367\101\340\202\220\000\165' >"$out/corpus-card-parsing/atr-id-card"
printf '\061\024\060\022\006\012\004\000\177\000\007\002\002\004\002\002\002\001\002\002\001\015' >"$out/corpus-card-parsing/card-access"
if [ "$#" -eq 0 ]; then set -- -max_total_time=60; fi
exec "$out/card-parsing" "$@" "$out/corpus-card-parsing"
