#!/bin/sh
# The same script compiled by the same btc gives the same bytes whatever the working directory,
# the script's path, TMPDIR or the time: the --emit-c text, the tool, and the tool with symbols.
# Usage: repro.sh BTC SCRIPT
set -u
btc=$(realpath "$1")
script=$(realpath "$2")
name=$(basename "$script" .bt)
base=$(basename "$script")
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-repro-XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { # NAME COMMAND...: the command must succeed
  label=$1
  shift
  if "$@"; then
    echo "ok repro/$name/$label"
    passed=$((passed + 1))
  else
    echo "FAIL repro/$name/$label"
    failed=$((failed + 1))
  fi
}

# Two builds that share nothing but the script's bytes: one from the script's own directory by
# its file name, one from elsewhere by its absolute path, each with its own TMPDIR, a second
# apart so that a timestamp would show.
mkdir -p "$work/one/tmp" "$work/two/deeper/tmp" "$work/two/deeper/cwd"
cp "$script" "$work/one/$base"
build() { # DIR TMPDIR SCRIPT-ARG [BTC OPTIONS]: builds DIR/tool, DIR/tool-syms, DIR/emitted.c
  dir=$1 tmp=$2 arg=$3
  shift 3
  (cd "$dir" && TMPDIR="$tmp" "$btc" "$arg" -o tool "$@" &&
    TMPDIR="$tmp" "$btc" "$arg" -o tool-syms --no-strip &&
    TMPDIR="$tmp" "$btc" --emit-c "$arg" > emitted.c)
}
check build_one build "$work/one" "$work/one/tmp" "$base"
sleep 1
check build_two build "$work/two/deeper/cwd" "$work/two/deeper/tmp" "$script" --keep-temps ../kept

one=$work/one two=$work/two/deeper/cwd
check emit_c_identical cmp "$one/emitted.c" "$two/emitted.c"
check tool_identical cmp "$one/tool" "$two/tool"
check tool_with_symbols_identical cmp "$one/tool-syms" "$two/tool-syms"

# No directory of either build is named anywhere: not in the C, the BPF object, the tool.
no_paths() {
  ! grep -a -l -e "$work" "$one/emitted.c" "$one/tool" "$one/tool-syms" \
    "$two/tool" "$work/two/deeper/kept/btc_tool.bpf.o" "$work/two/deeper/kept/driver.cpp"
}
check no_build_paths no_paths
# The line file is named relatively (BTF line info carries it into the object).
check relative_line_file grep -q '^#line [0-9]* "script.lines"$' "$one/emitted.c"
check line_info_in_object grep -a -q '@btc:' "$work/two/deeper/kept/btc_tool.bpf.o"

# --version names the script by its file name only.
version_names_file() {
  "$two/tool" --version | grep -q "script $base [0-9a-f]*)$"
}
check version_names_script_file version_names_file

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
