#!/bin/sh
# btc run: the first run compiles into the cache, the second runs the cached tool without
# compiling; the key follows the script and the compile options; a damaged entry is rebuilt;
# two runs at once share one entry; run-time options reach the tool; mistakes are one line;
# -I headers are in the key; the cache is pruned to its bound; --btf repeats for a module's BTF.
# Usage: run.sh BTC   (status 77: skipped, not root)
set -u
btc=$(realpath "$1")
fixtures=$(cd "$(dirname "$0")/../e2e/cases/btf_files" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export BTC_CACHE_DIR="$work/cache"
passed=0
failed=0
ok() { echo "ok cli/run/$1"; passed=$((passed + 1)); }
fail() {
  echo "FAIL cli/run/$1"
  shift
  for f in "$@"; do [ -f "$f" ] && sed 's/^/  | /' "$f"; done
  failed=$((failed + 1))
}
entries() { find cache -maxdepth 1 -type f | wc -l; }

# Errors: one line on stderr, status 1, nothing run (no root needed).
expect_error() {
  name=$1 want=$2
  shift 2
  "$@" > out.txt 2> err.txt
  got=$?
  if [ "$got" = 1 ] && [ "$(cat err.txt)" = "$want" ] && [ ! -s out.txt ]; then
    ok "$name"
  else
    echo "  status $got, want 1; want stderr: $want"
    fail "$name" err.txt out.txt
  fi
}
expect_error missing_file "btc run: error: cannot read missing.bt: No such file or directory" \
  "$btc" run missing.bt
expect_error bad_option "btc run: error: unknown option -x (see btc run --help)" \
  "$btc" run -x missing.bt
expect_error no_script "btc run: error: no script given (see btc run --help)" "$btc" run
expect_error missing_value "btc run: error: -o needs an argument" "$btc" run x.bt -o
expect_error debug_option \
  "btc run: error: -d is a bpftrace debugging option that btc does not have (see btc --emit-c and --keep-temps)" \
  "$btc" run -d x.bt
[ -d cache ] && fail no_cache_on_error || ok no_cache_on_error

# A script error is reported against the file the user named, and nothing is cached.
printf 'BEGIN { @x = 1; @x = "a"; }\n' > bad.bt
"$btc" run bad.bt > out.txt 2> err.txt
status=$?
if [ "$status" = 1 ] && grep -q '^bad.bt:1:17: error: ' err.txt && [ "$(entries)" = 0 ] &&
  [ -z "$(find cache -name '.*' -type f)" ]; then
  ok compile_error
else
  fail compile_error err.txt
fi

[ "$(id -u)" -eq 0 ] || { echo "skip: running tools needs root ($passed passed)"; exit 77; }

printf 'BEGIN { printf("hello %%d %%s\\n", $1, str($2)); exit(); }\n' > x.bt
BTC_RUN_VERBOSE=1 "$btc" run x.bt 7 seven > out1.txt 2> err1.txt
status=$?
entry=$(find "$work/cache" -maxdepth 1 -type f)
if [ "$status" = 0 ] && grep -qx 'hello 7 seven' out1.txt && grep -q '^Attaching 1 probe' out1.txt &&
  grep -q "^btc run: compiling into $work/cache/[0-9a-f]\{64\}\$" err1.txt && [ -x "$entry" ]; then
  ok first_run
else
  fail first_run out1.txt err1.txt
fi

# The second run uses the entry as it is: no compile, the file untouched.
before=$(stat -c '%Y.%i' "$entry")
sleep 1
BTC_RUN_VERBOSE=1 "$btc" run x.bt 8 eight > out2.txt 2> err2.txt
status=$?
if [ "$status" = 0 ] && grep -qx 'hello 8 eight' out2.txt &&
  [ "$(cat err2.txt)" = "btc run: cached tool $entry" ] &&
  [ "$(stat -c '%Y.%i' "$entry")" = "$before" ] && [ "$(entries)" = 1 ]; then
  ok cached_run
else
  fail cached_run out2.txt err2.txt
fi

# Another script text, another entry; a compile option (--unsafe) is part of the key too.
printf 'BEGIN { printf("other %%d\\n", $1); exit(); }\n' > x.bt
BTC_RUN_VERBOSE=1 "$btc" run x.bt 9 > out3.txt 2> err3.txt
if grep -qx 'other 9' out3.txt && grep -q 'compiling into' err3.txt && [ "$(entries)" = 2 ]; then
  ok key_follows_script
else
  fail key_follows_script out3.txt err3.txt
fi
BTC_RUN_VERBOSE=1 "$btc" run --unsafe x.bt 9 > out4.txt 2> err4.txt
if grep -qx 'other 9' out4.txt && grep -q 'compiling into' err4.txt && [ "$(entries)" = 3 ]; then
  ok key_follows_options
else
  fail key_follows_options out4.txt err4.txt
fi
# Run-time options do not change the key.
BTC_RUN_VERBOSE=1 "$btc" run -q x.bt 10 > out5.txt 2> err5.txt
if [ "$(cat out5.txt)" = "other 10" ] && grep -q 'cached tool' err5.txt; then
  ok runtime_options_not_in_key
else
  fail runtime_options_not_in_key out5.txt err5.txt
fi

# -o and -q reach the tool, wherever they are on the line; -e takes positional parameters.
"$btc" run -e 'BEGIN { printf("e %d\n", $1); exit(); }' 11 -q -o e.txt > out6.txt 2> err6.txt
if [ "$(cat e.txt 2> /dev/null)" = "e 11" ] && [ ! -s out6.txt ]; then
  ok options_to_tool
else
  fail options_to_tool out6.txt err6.txt e.txt
fi
# Named options after `--`, as current bpftrace's manual writes them; parameters on both sides.
"$btc" run -q -e 'BEGIN { printf("n %d %d %s\n", getopt("aa", 1), getopt("bb"), str($1)); exit(); }' \
  p1 -- --aa=20 --bb > out6b.txt 2> err6b.txt
if [ "$(cat out6b.txt)" = "n 20 1 p1" ]; then
  ok named_after_double_dash
else
  fail named_after_double_dash out6b.txt err6b.txt
fi
# A script on stdin.
printf 'BEGIN { printf("stdin\\n"); exit(); }\n' | "$btc" run -q - > out7.txt 2> err7.txt
if [ "$(cat out7.txt)" = "stdin" ]; then ok stdin_script; else fail stdin_script out7.txt err7.txt; fi
# A run-time mistake is the tool's own one-line error.
"$btc" run x.bt -p notapid > out8.txt 2> err8.txt
if [ $? = 1 ] && [ "$(cat err8.txt)" = "x: error: -p needs a process id, got 'notapid'" ]; then
  ok tool_error
else
  fail tool_error out8.txt err8.txt
fi

# A damaged entry (cut short, as after a crash on a file system without ordered writes) is
# rebuilt, not run.
printf 'BEGIN { printf("hello %%d %%s\\n", $1, str($2)); exit(); }\n' > x.bt
head -c 1000 "$entry" > cut && cat cut > "$entry"
BTC_RUN_VERBOSE=1 "$btc" run x.bt 12 twelve > out9.txt 2> err9.txt
if grep -qx 'hello 12 twelve' out9.txt && grep -q 'compiling into' err9.txt &&
  [ "$(stat -c %s "$entry")" -gt 100000 ]; then
  ok damaged_entry_rebuilt
else
  fail damaged_entry_rebuilt out9.txt err9.txt
fi

# Two runs at once with an empty cache: both run, one entry, no temporary file left behind.
rm -rf cache
"$btc" run x.bt 1 a > c1.txt 2> ce1.txt &
"$btc" run x.bt 2 b > c2.txt 2> ce2.txt &
wait
if grep -qx 'hello 1 a' c1.txt && grep -qx 'hello 2 b' c2.txt && [ "$(entries)" = 1 ] &&
  [ -z "$(find cache -name '.*' -type f)" ]; then
  ok concurrent_runs
else
  fail concurrent_runs c1.txt ce1.txt c2.txt ce2.txt
fi

# A header found through -I is part of the key: editing it recompiles.
mkdir -p inc
printf '#define BTC_VALUE 41\n' > inc/h.h
printf '#include "h.h"\nBEGIN { printf("value %%d\\n", BTC_VALUE); exit(); }\n' > h.bt
"$btc" run -q -I inc h.bt > h1.txt 2> he1.txt
sleep 1
printf '#define BTC_VALUE 42\n' > inc/h.h
BTC_RUN_VERBOSE=1 "$btc" run -q -I inc h.bt > h2.txt 2> he2.txt
if [ "$(cat h1.txt)" = "value 41" ] && [ "$(cat h2.txt)" = "value 42" ] &&
  grep -q 'compiling into' he2.txt; then
  ok include_dir_header_in_key
else
  fail include_dir_header_in_key h1.txt he1.txt h2.txt he2.txt
fi

# The cache is bounded (BTC_CACHE_MAX_MB): a new entry prunes those used longest ago, never
# itself. Here the bound is 1 MiB, less than one tool: only the newest entry stays.
[ "$(entries)" -ge 2 ] || "$btc" run -q x.bt 1 a > /dev/null 2>&1
printf 'BEGIN { printf("pruned\\n"); exit(); }\n' > p.bt
BTC_CACHE_MAX_MB=1 BTC_RUN_VERBOSE=1 "$btc" run -q p.bt > p1.txt 2> pe1.txt
if [ "$(cat p1.txt)" = "pruned" ] && [ "$(entries)" = 1 ] && grep -q 'btc run: pruned ' pe1.txt &&
  BTC_RUN_VERBOSE=1 "$btc" run -q p.bt 2>&1 | grep -q 'cached tool'; then
  ok cache_pruned
else
  fail cache_pruned p1.txt pe1.txt
fi

# --btf more than once: the kernel's BTF, then a kernel module's (tests/e2e/cases/btf_files), so
# the module function's arguments are typed; this host has no such module: the tool says so.
printf 'kfunc:btc_mod:btc_mod_fn { printf("%%s\\n", args.dev->name); }\n' > m.bt
"$btc" run --btf "$fixtures/module_base.btf" --btf "$fixtures/btc_mod.ko" m.bt > m.txt 2> me.txt
status=$?
if [ "$status" = 1 ] &&
  grep -q 'error: cannot attach kfunc:btc_mod:btc_mod_fn: kernel module btc_mod is not loaded$' me.txt &&
  [ "$(grep -c error me.txt)" = 1 ]; then
  ok module_btf
else
  echo "  status $status, want 1"
  fail module_btf m.txt me.txt
fi

# --dry-run and --no-feature go to the tool: attached, nothing run; a feature it does not know.
printf 'BEGIN { printf("begin\\n"); exit(); }\n' > dry.bt
"$btc" run --dry-run --no-feature uprobe_multi dry.bt > dry.txt 2> dry.err
status=$?
if [ "$status" = 0 ] && [ "$(cat dry.txt)" = "Attaching 1 probe..." ] && [ ! -s dry.err ]; then
  ok dry_run
else
  fail dry_run dry.txt dry.err
fi
"$btc" run --no-feature=bogus dry.bt > dry.txt 2> dry.err
if [ $? = 1 ] && grep -q "error: --no-feature takes kprobe_multi and uprobe_multi, got 'bogus'$" dry.err; then
  ok no_feature_unknown
else
  fail no_feature_unknown dry.txt dry.err
fi
# --bench goes to the tool: the bench probe's row in the table.
printf 'bench:one { @ = count(); }\n' > bench.bt
"$btc" run --bench bench.bt > bench.txt 2> bench.err
if [ $? = 0 ] && grep -Eq '^\| one       \| [0-9]+ +\|$' bench.txt && [ ! -s bench.err ]; then
  ok bench
else
  fail bench bench.txt bench.err
fi
# --test goes to the tool: the report, status 1 for the failed test.
printf 'test:good { print(1); }\ntest:bad { return 1; }\n' > t.bt
"$btc" run --test t.bt > t.txt 2> t.err
if [ $? = 1 ] && [ "$(tail -n 3 t.txt)" = "PASS test:good
FAIL test:bad
2 tests: 1 passed, 1 failed" ] && [ ! -s t.err ]; then
  ok test_mode
else
  fail test_mode t.txt t.err
fi
[ "$("$btc" -V)" = "$("$btc" --version)" ] && ok btc_V || fail btc_V

# A script made executable with an interpreter line runs as with bpftrace.
printf '#!/usr/bin/env -S btc run\nBEGIN { printf("shebang %%d\\n", $1); exit(); }\n' > sb.bt
chmod +x sb.bt
PATH="$(dirname "$btc"):$PATH" ./sb.bt 5 > sb.txt 2> sb.err
if [ $? = 0 ] && grep -qx 'shebang 5' sb.txt; then ok shebang; else fail shebang sb.txt sb.err; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
