#!/usr/bin/env bash
# The sanitizer part of the test suite (scripts/test.sh runs it last): btc, runtime-lib and the
# unit tests built with clang under ASan+UBSan (-O1, halting on the first report) in
# build-san, with the front-end fuzzer; runs the ctest tests labelled `sanitize` there: the unit
# tests, the errors cases, an e2e subset and half a minute of fuzzing (tests/CMakeLists.txt).
# Arguments are passed to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build-san -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang-19 \
  -DCMAKE_CXX_COMPILER=clang++-19 -DBTC_FUZZ=ON -DBUILD_TESTING=ON > /dev/null
cmake --build build-san -j2 --target btc btc_unit_tests btc_frontend_fuzz
ctest --test-dir build-san -j2 --output-on-failure -L sanitize "$@"
