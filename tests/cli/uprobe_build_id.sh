#!/bin/sh
# uprobe `args` are placed and typed from the debug info of the build host's file: a tool must
# refuse to start where the traced file is another build (another build-id), where the same
# names may sit elsewhere, and start where it is the same build.
# Usage: uprobe_build_id.sh BTC   (status 77: skipped, not root)
set -u
btc=$(realpath "$1")
[ "$(id -u)" -eq 0 ] || { echo "skip: running a tool needs root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

build() { # build VALUE: the traced program, whose code (and so build-id) depends on VALUE
  printf 'int f(int a, long b) { return a + (int)b + %s; }\nint main(void) { return f(1, 2) > 100; }\n' \
    "$1" > t.c
  cc -g -O0 -o t t.c || exit 1
}

build 1
printf 'uprobe:%s/t:f { printf("%%d %%d\\n", args.a, args.b); exit(); }\n' "$work" > s.bt
"$btc" s.bt -o tool || { echo "FAIL: compiling"; exit 1; }

# The same build: the tool attaches (it stops itself once f is called). ./t runs every 0.1 s
# until the tool has ended: a single run after a fixed second could come before a loaded machine
# attached the tool.
timeout 20 ./tool > out.txt 2> err.txt &
tool_pid=$!
n=0
while [ $n -lt 200 ] && [ -e /proc/$tool_pid ] && ! grep -q ') Z' /proc/$tool_pid/stat; do
  ./t
  sleep 0.1
  n=$((n + 1))
done
if ! wait $tool_pid || ! grep -qx '1 2' out.txt; then
  echo "FAIL: the same build was not traced"; cat out.txt err.txt; exit 1
fi

build 2
timeout 20 ./tool > out.txt 2> err.txt
status=$?
want="uprobe:$work/t:f: args were read from the debug info of a build of $work/t with build-id"
if [ "$status" -ne 1 ] || ! grep -q "^tool: error: $want [0-9a-f]*, but this one has build-id [0-9a-f]*; compile the script against this file$" err.txt; then
  echo "FAIL: status $status, stderr:"; cat err.txt; exit 1
fi
echo "ok: another build is refused"
