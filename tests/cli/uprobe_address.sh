#!/bin/sh
# uprobe:BINARY:ADDRESS (the address comes from nm, so this is a shell test): the probe fires at
# the function's address and at an instruction inside it, `func` names the function that holds
# the address (bpftrace names it from the hit's address), and an address inside an instruction
# is a located compile error.
# Usage: uprobe_address.sh BTC TARGETS_DIR   (status 77: skipped, not root)
set -u
btc=$(realpath "$1")
targets=$(realpath "$2")
[ "$(id -u)" -eq 0 ] || { echo "skip: running a tool needs root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
bin=$targets/uprobe_target
addr=$(nm "$bin" | awk '$3 == "target_work" { print $1 }')
[ -n "$addr" ] || { echo "FAIL: no target_work in $bin"; exit 1; }
# The second and third instructions of target_work, from the disassembly.
insn() {
  objdump -d --no-show-raw-insn "$bin" --start-address=0x"$addr" |
    awk -v want="$1" '/^ +[0-9a-f]+:/ { n++; if (n == want) { sub(":", "", $1); print $1; exit } }'
}
second=$(insn 2)
third=$(insn 3)
failed=0
printf 'uprobe:%s:0x%s { @[func] = count(); }\nuprobe:%s:0x%s { @in[func] = count(); }\n' \
  "$bin" "$addr" "$bin" "$second" > a.bt
if "$btc" a.bt -o tool 2> err.txt &&
  timeout 20 ./tool -q -c "$bin 3 1" > out.txt 2>> err.txt &&
  grep -qx '@\[target_work\]: 3' out.txt && grep -qx '@in\[target_work\]: 3' out.txt; then
  echo "ok cli/uprobe_address/func"
else
  echo "FAIL cli/uprobe_address/func"; cat out.txt err.txt; failed=1
fi
# A byte inside the first instruction longer than one byte.
if [ $((0x$second - 0x$addr)) -gt 1 ]; then
  inside=$(printf '%x' $((0x$addr + 1)))
else
  inside=$(printf '%x' $((0x$second + 1)))
  [ $((0x$third - 0x$second)) -gt 1 ] || { echo "FAIL: no long instruction"; exit 1; }
fi
printf 'uprobe:%s:0x%s { exit(); }\n' "$bin" "$inside" > b.bt
"$btc" b.bt -o tool2 2> err.txt
status=$?
if [ "$status" = 1 ] && grep -q '^b.bt:1:1: error: cannot probe target_work+[0-9]*: the offset is inside an instruction' err.txt; then
  echo "ok cli/uprobe_address/inside_instruction"
else
  echo "FAIL cli/uprobe_address/inside_instruction (status $status)"; cat err.txt; failed=1
fi
exit $failed
