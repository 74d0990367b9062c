#!/bin/sh
# iter:NAME:PIN: the tool pins the iterator, says where and ends; every read of the pin file runs
# the program, whose printf() the kernel formats into the file (long after the tool ended, its
# stop flag set). A private BPF file system keeps /sys/fs/bpf untouched.
# Usage: iter_pin.sh BTC   (status 77: skipped, not root)
set -u
btc=$(realpath "$1")
[ "$(id -u)" -eq 0 ] || { echo "skip: running a tool needs root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
mkdir "$work/bpffs"
trap 'umount "$work/bpffs" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1
mount -t bpf bpf "$work/bpffs" || { echo "FAIL: cannot mount a BPF file system"; exit 1; }
fail=0

cat > s.bt <<'BT'
iter:task:PIN {
  $t = ctx->task;
  if ($t->tgid == $1) {
    printf("task %s pid %d %5d|%-3d|%x|%%\n", $t->comm, $t->pid, $t->pid, -3, -1);
  }
}
BT
sed "s|PIN|$work/bpffs/tasks|" s.bt > abs.bt
"$btc" abs.bt -o tool || { echo "FAIL: compiling"; exit 1; }

./tool $$ > out.txt 2> err.txt
status=$?
printf 'Attaching 1 probe...\nProgram pinned to %s/bpffs/tasks\n\n\n' "$work" > want.txt
if [ $status -ne 0 ] || ! cmp -s out.txt want.txt || [ -s err.txt ]; then
  echo "FAIL: pinning: status $status"; cat out.txt err.txt; fail=1
fi
want=$(printf 'task sh pid %d %5d|-3 |ffffffffffffffff|%%' $$ $$)
for read in 1 2; do
  got=$(cat "$work/bpffs/tasks")
  if [ "$got" != "$want" ]; then
    echo "FAIL: read $read of the pin file: '$got', expected '$want'"; fail=1
  fi
done
[ $fail -eq 0 ] && echo "ok: pinned, read twice"

# The pin file exists already: one line, status 1.
./tool $$ > out.txt 2> err.txt
status=$?
if [ $status -ne 1 ] || ! grep -qx "tool: error: cannot pin iter:task:$work/bpffs/tasks at $work/bpffs/tasks: File exists" err.txt; then
  echo "FAIL: pinning twice: status $status"; cat err.txt; fail=1
fi
rm "$work/bpffs/tasks"

# JSON: the pin is a line of its own.
./tool -f json $$ > out.txt 2> err.txt
if ! grep -qx "{\"type\": \"pinned\", \"data\": \"$work/bpffs/tasks\"}" out.txt; then
  echo "FAIL: JSON"; cat out.txt err.txt; fail=1
fi
rm -f "$work/bpffs/tasks"

# --dry-run pins to check that it can, then removes the pin: nothing stays behind.
./tool --dry-run $$ > out.txt 2> err.txt
status=$?
if [ $status -ne 0 ] || [ -e "$work/bpffs/tasks" ] || grep -q "Program pinned" out.txt; then
  echo "FAIL: --dry-run: status $status, pin file left: $([ -e "$work/bpffs/tasks" ] && echo yes)"
  cat out.txt err.txt; fail=1
fi

# Not on a BPF file system.
mkdir plain
sed "s|PIN|$work/plain/tasks|" s.bt > plain.bt
"$btc" plain.bt -o plain_tool || { echo "FAIL: compiling"; exit 1; }
./plain_tool $$ > out.txt 2> err.txt
status=$?
if [ $status -ne 1 ] || ! grep -qx "plain_tool: error: cannot pin iter:task:$work/plain/tasks at $work/plain/tasks: $work/plain is not a BPF file system (mount -t bpf bpf $work/plain)" err.txt; then
  echo "FAIL: a plain directory: status $status"; cat err.txt; fail=1
fi

# A relative pin file is under /sys/fs/bpf.
sed "s|PIN|btc_cli_iter_pin_$$|" s.bt > rel.bt
"$btc" rel.bt -o rel_tool || { echo "FAIL: compiling"; exit 1; }
./rel_tool $$ > out.txt 2> err.txt
if grep -qx "Program pinned to /sys/fs/bpf/btc_cli_iter_pin_$$" out.txt; then
  rm -f "/sys/fs/bpf/btc_cli_iter_pin_$$"
elif ! grep -q "^rel_tool: error: cannot pin iter:task:btc_cli_iter_pin_$$ at /sys/fs/bpf/btc_cli_iter_pin_$$: " err.txt; then
  echo "FAIL: a relative pin file"; cat out.txt err.txt; fail=1
fi
[ $fail -eq 0 ] && echo "ok: errors and JSON"
exit $fail
