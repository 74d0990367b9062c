#!/bin/sh
# Where btc writes: an output path or a work file it cannot write is reported as the user's
# error, one line on stderr and status 1, never as an internal error.
# Usage: output_paths.sh BTC
set -u
btc=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
printf 'BEGIN { printf("hi\\n"); exit(); }\n' > x.bt
passed=0
failed=0

# expect NAME STATUS STDERR -- COMMAND...: COMMAND exits with STATUS, prints exactly STDERR on
# stderr and nothing on stdout.
expect() {
  name=$1 status=$2 want=$3
  shift 4
  "$@" > out.txt 2> err.txt
  got=$?
  if [ "$got" = "$status" ] && [ "$(cat err.txt)" = "$want" ] && [ ! -s out.txt ]; then
    echo "ok cli/$name"
    passed=$((passed + 1))
  else
    echo "FAIL cli/$name: status $got (want $status)"
    echo "  stderr: $(cat err.txt)"
    echo "  want:   $want"
    [ -s out.txt ] && echo "  stdout: $(head -c 200 out.txt)"
    failed=$((failed + 1))
  fi
}

expect missing_dir 1 "btc: error: cannot write the tool to 'missing-dir/x': no such directory" \
  -- "$btc" x.bt -o missing-dir/x
expect empty_output 1 "btc: error: -o needs a non-empty path
(see btc --help)" -- "$btc" x.bt -o ''
expect empty_keep_temps 1 "btc: error: --keep-temps needs a non-empty path
(see btc --help)" -- "$btc" x.bt --keep-temps ''
mkdir existing-dir
expect output_is_dir 1 "btc: error: cannot write the tool to 'existing-dir': is a directory" \
  -- "$btc" x.bt -o existing-dir
mkdir x
expect default_output_is_dir 1 "btc: error: cannot write the tool to 'x': is a directory" \
  -- "$btc" x.bt
touch plain
expect parent_is_file 1 "btc: error: cannot write the tool to 'plain/x': not a directory" \
  -- "$btc" x.bt -o plain/x

# Permissions do not stop root: check them as an unprivileged user.
mkdir locked
chmod 555 locked
as_user=
if [ "$(id -u)" = 0 ]; then
  command -v setpriv > /dev/null && as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
  chmod 755 "$work"
  expect permission_denied 1 "btc: error: cannot write the tool to 'locked/x': permission denied" \
    -- $as_user "$btc" x.bt -o locked/x
else
  echo "skip cli/permission_denied (root without setpriv)"
fi

# The output is checked before the script is read: nothing else is reported.
expect output_checked_first 1 \
  "btc: error: cannot write the tool to 'missing-dir/x': no such directory" \
  -- "$btc" no-such-script.bt -o missing-dir/x

expect keep_temps_is_file 1 \
  "btc: error: cannot keep the intermediate files in 'plain': not a directory" \
  -- "$btc" x.bt --keep-temps plain -o tool

# Each work file in turn cannot be written: a directory stands where it goes.
for file in btc_tool.bpf.c script.lines btc_tool.skel.h driver.cpp; do
  rm -rf kept
  mkdir -p "kept/$file"
  expect "work_file_$file" 1 "btc: error: cannot write 'kept/$file': is a directory" \
    -- "$btc" x.bt --keep-temps kept -o tool
done
[ -e tool ] && { echo "FAIL cli/no_tool_after_failure: a tool was written"; failed=$((failed + 1)); }

if [ -w /dev/full ]; then
  expect emit_c_stdout_full 1 \
    "btc: error: cannot write the C to standard output: no space left on device" \
    -- sh -c '"$1" --emit-c x.bt > /dev/full' sh "$btc"
fi

# And a path that works still does.
expect builds 0 "" -- "$btc" x.bt -o existing-dir/x
[ -x existing-dir/x ] || { echo "FAIL cli/builds: no tool"; failed=$((failed + 1)); }

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
