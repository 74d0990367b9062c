#!/bin/sh
# cmake/BtcTracer.cmake in a small project (tests/cmake/project), with Ninja and with Unix
# Makefiles: the tools are built, answer --help, and a second build does nothing; a changed
# script rebuilds its tool only.
# Usage: check.sh BTC BTC_SOURCE_DIR
set -u
btc=$(realpath "$1")
source_dir=$(realpath "$2")
project=$source_dir/tests/cmake/project
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cmake-XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { echo "ok cmake/$1"; passed=$((passed + 1)); }
fail() { echo "FAIL cmake/$1"; shift; for line in "$@"; do echo "  $line"; done; failed=$((failed + 1)); }

# FILE:NAME: each tool's --help starts with NAME, from its script's leading comment.
tools="tracers/pidsys:pidsys tools/hello-tool:hello sub/tracers/ticks:ticks"

check_generator() { # LABEL GENERATOR PROGRAM CONFIGURE-ARGS...
  label=$1 generator=$2 program=$3
  shift 3
  if ! command -v "$program" > /dev/null; then
    fail "$label" "$program is not installed"
    return
  fi
  # The project is copied so that touching a script leaves the source tree alone.
  src=$work/$label-src build=$work/$label-build
  cp -r "$project" "$src"
  if ! cmake -S "$src" -B "$build" -G "$generator" -DBTC_SOURCE_DIR="$source_dir" "$@" \
    > "$work/$label-configure.log" 2>&1; then
    fail "$label/configure" "$(tail -n 20 "$work/$label-configure.log")"
    return
  fi
  ok "$label/configure"
  if ! cmake --build "$build" > "$work/$label-build.log" 2>&1; then
    fail "$label/build" "$(tail -n 20 "$work/$label-build.log")"
    return
  fi
  ok "$label/build"
  for entry in $tools; do
    file=${entry%%:*} name=${entry#*:}
    if "$build/$file" --help 2> /dev/null | grep -q "^$name:"; then
      ok "$label/tool/$name"
    else
      fail "$label/tool/$name" "$build/$file missing or its --help does not start with $name:"
    fi
  done

  # A second build has nothing to do, by the build tool's own account: its dry run would not
  # run btc (CMake's Makefiles always rerun their own bookkeeping, so `make -q` cannot tell).
  if would_run_btc "$program" "$build"; then
    fail "$label/up_to_date" "$dry"
  else
    ok "$label/up_to_date"
  fi
  again=$(cmake --build "$build" 2>&1)
  case $again in
    *"btc: compiling"*) fail "$label/second_build_quiet" "$again" ;;
    *) ok "$label/second_build_quiet" ;;
  esac

  # A changed script rebuilds its tool, and only that one.
  sleep 1
  touch "$src/scripts/hello.bt"
  if would_run_btc "$program" "$build"; then
    ok "$label/dry_run_sees_change"
  else
    fail "$label/dry_run_sees_change" "$dry"
  fi
  again=$(cmake --build "$build" 2>&1)
  compiled=$(printf '%s\n' "$again" | grep -c "btc: compiling")
  if [ "$compiled" = 1 ] && printf '%s\n' "$again" | grep -q "hello.bt"; then
    ok "$label/rebuilds_changed_script"
  else
    fail "$label/rebuilds_changed_script" "$again"
  fi
}

would_run_btc() { # PROGRAM BUILD-DIR: whether a dry run of the build would run btc
  if [ "$1" = ninja ]; then
    dry=$(ninja -C "$2" -n 2>&1)
  else
    dry=$(make -C "$2" -n all 2>&1)
  fi
  case $dry in
    *"btc: compiling"*) return 0 ;;
    *) return 1 ;;
  esac
}

# An output named like its target in the binary directory is refused when configuring.
if cmake -S "$project" -B "$work/clash" -DBTC_SOURCE_DIR="$source_dir" -DBTC_EXECUTABLE="$btc" \
  -DBTC_TEST_CLASH=ON > "$work/clash.log" 2>&1; then
  fail clash_refused "configuring succeeded"
elif grep -q "btc_add_tracer(clash): OUTPUT .*/clash/clash has the" "$work/clash.log"; then
  ok clash_refused
else
  fail clash_refused "$(tail -n 20 "$work/clash.log")"
fi

# btc given explicitly with Ninja, found on PATH with Make.
check_generator ninja Ninja ninja -DBTC_EXECUTABLE="$btc"
PATH=$(dirname "$btc"):$PATH check_generator make "Unix Makefiles" make

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
