#!/bin/sh
# BTC_TIMINGS=1: one line on stderr after a compile, the wall and CPU seconds of every stage;
# nothing without it (or with BTC_TIMINGS=0), and the tool is the same either way.
# Usage: timings.sh BTC
set -u
btc=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
printf 'BEGIN { printf("hi\\n"); exit(); }\n' > x.bt
passed=0
failed=0
check() { # check NAME CONDITION-STATUS DETAIL
  if [ "$2" = 0 ]; then
    echo "ok cli/timings/$1"
    passed=$((passed + 1))
  else
    echo "FAIL cli/timings/$1: $3"
    failed=$((failed + 1))
  fi
}

stage='[0-9]+\.[0-9]{2}/[0-9]+\.[0-9]{2} s'
line="^btc: timings \(wall/cpu\): front end $stage, lowering $stage, clang $stage, bpftool skeleton $stage, driver c\+\+ and link $stage, total $stage\$"
mkdir with without
BTC_TIMINGS=1 "$btc" x.bt -o with/x 2> err.txt
status=$?
[ $status = 0 ] && [ "$(wc -l < err.txt)" = 1 ] && grep -Eq "$line" err.txt
check line $? "status $status, stderr: $(cat err.txt)"

"$btc" x.bt -o without/x 2> err.txt && [ ! -s err.txt ]
check unset $? "stderr: $(cat err.txt)"
BTC_TIMINGS=0 "$btc" x.bt -o without0 2> err.txt && [ ! -s err.txt ]
check zero $? "stderr: $(cat err.txt)"
cmp -s with/x without/x
check same_tool $? "the tool built with BTC_TIMINGS differs"

# A failed compile reports its error only.
printf 'BEGIN { nosuch(); }\n' > bad.bt
BTC_TIMINGS=1 "$btc" bad.bt -o bad 2> err.txt
! grep -q timings err.txt
check failed_compile $? "stderr: $(cat err.txt)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
