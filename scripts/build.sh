#!/usr/bin/env bash
# Builds btc and its runtime library, then does the main job: compiles examples/syscalls.bt
# into one standalone static executable and runs it for two seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBTC_WERROR=ON > /dev/null
cmake --build build -j2

build/bin/btc examples/syscalls.bt -o build/syscalls
echo
file build/syscalls | sed 's/, BuildID[^,]*//'
ls -l build/syscalls
echo
echo "$ build/syscalls 2"
build/syscalls 2
