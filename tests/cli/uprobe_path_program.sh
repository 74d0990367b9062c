#!/bin/sh
# uprobe:PROGRAM:func with PROGRAM found in $PATH: a wrapper script of that name earlier in
# $PATH (a pyenv shim) is passed over for the ELF program after it, when compiling and where the
# tool runs; with only the script, the error names it.
# Usage: uprobe_path_program.sh BTC TARGETS_DIR   (status 77: skipped, not root)
set -u
btc=$(realpath "$1")
targets=$(realpath "$2")
[ "$(id -u)" -eq 0 ] || { echo "skip: running a tool needs root"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mkdir shims bin
printf '#!/bin/sh\nexec %s/bin/btc_path_target "$@"\n' "$work" > shims/btc_path_target
chmod +x shims/btc_path_target
cp "$targets/uprobe_target" bin/btc_path_target
cp "$targets/libbtctarget.so" bin/
failed=0
printf 'uprobe:btc_path_target:target_leaf { @ = count(); }\n' > s.bt
if PATH="$work/shims:$work/bin:$PATH" "$btc" s.bt -o tool 2> err.txt &&
  PATH="$work/shims:$work/bin:$PATH" timeout 20 ./tool -q -c "$work/bin/btc_path_target 2 1" \
    > out.txt 2>> err.txt && grep -qx '@: 2' out.txt; then
  echo "ok cli/uprobe_path_program/skips_script"
else
  echo "FAIL cli/uprobe_path_program/skips_script"; cat out.txt err.txt; failed=1
fi
PATH="$work/shims:$PATH" "$btc" s.bt -o tool2 2> err.txt
status=$?
if [ "$status" = 1 ] && grep -q "error: $work/shims/btc_path_target is not an ELF file" err.txt; then
  echo "ok cli/uprobe_path_program/only_script"
else
  echo "FAIL cli/uprobe_path_program/only_script (status $status)"; cat err.txt; failed=1
fi
exit $failed
