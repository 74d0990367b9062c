#!/usr/bin/env bash
# Runs the whole test suite: unit tests, end-to-end tests on the real kernel, differential
# tests against bpftrace 0.17, bad-input tests and the qemu kernel matrix (5.10, 6.1, 6.12);
# then, in build-san, the ASan+UBSan build's tests and half a minute of fuzzing
# (scripts/test-sanitize.sh). Arguments are passed to ctest (e.g. -L kernel, -R diff/, -LE vm)
# and select from the first part only: the sanitizer part runs when none are given.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBTC_WERROR=ON \
  -DBUILD_TESTING=ON > /dev/null
cmake --build build -j2
# Three at a time on two cores: most tests spend half their time waiting for a tool to attach,
# a workload to run or a signal to be due. The qemu tests run alone (RUN_SERIAL).
ctest --test-dir build -j3 --output-on-failure "$@"
[[ $# -gt 0 ]] || scripts/test-sanitize.sh
