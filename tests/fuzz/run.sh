#!/usr/bin/env bash
# Runs the front-end fuzzer (built with BTC_FUZZ=ON) for SECONDS, seeded with every script of the
# test corpora and the examples; exits non-zero on a finding (crash, sanitizer report, internal
# error, timeout), whose input libFuzzer writes to BUILD/fuzz/crash-*.
#   tests/fuzz/run.sh BUILD SECONDS [libFuzzer options...]
# BUILD/fuzz/corpus keeps what a run found for the next; -jobs=N -workers=N run N fuzzers.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
seconds=$2
shift 2

fuzzer=$build/bin/btc_frontend_fuzz
work=$build/fuzz
mkdir -p "$work/corpus" "$work/seeds"

# Only the scripts: the .err, .c and expected files beside them are no input.
for dir in tests/e2e/cases tests/errors tests/diff tests/lower examples; do
  [[ -d $root/$dir ]] || continue
  for f in "$root/$dir"/*.bt; do
    [[ -e $f ]] && cp "$f" "$work/seeds/${dir//\//_}_$(basename "$f")"
  done
done

# The words of the language, so mutations put whole tokens in: keywords and operators, and
# every builtin, function and probe type of sema's registries.
{
  printf '"%s"\n' BEGIN END if else while unroll return break continue let config \
    sizeof offsetof '->' '&&' '||' '<<=' '>>=' '++' '--' '==' '!=' '$1' '$#' '@' '@x' \
    '#define ' '#include ' 'struct ' 'union ' 'enum ' 'typedef ' '/*' '*/' '//' '\"%s\"'
  sed -n 's/^\(PLANNED_\)\?\(BUILTIN\|FUNCTION\|PROBE_TYPE\)([^"]*\("[^"]*"\).*/\3/p' \
    "$root"/compiler/sema/builtins.def "$root"/compiler/sema/functions.def \
    "$root"/compiler/sema/probe_types.def | grep -v '^""$'
} | sort -u > "$work/btc.dict"

exec "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=8192 \
  -dict="$work/btc.dict" -artifact_prefix="$work/" -print_final_stats=1 "$@" \
  "$work/corpus" "$work/seeds"
