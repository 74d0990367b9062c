#!/usr/bin/env bash
# Builds every tests/vm/cases/*.bt with btc on this host, once, and runs the produced static
# tools unchanged under each kernel of the matrix (5.10, 6.1, 6.12) in qemu.
#
# usage: e2e-matrix.sh BTC [KERNEL...]
# A case's leading comments hold its directives: `// VM-BTC-FLAGS: ...` (btc options, e.g.
# --unsafe; `{btf:SERIES}` there is that kernel's BTF file (kernel-btf.sh), `{module:SERIES:NAME}`
# its module NAME.ko, so a tool can be built against a matrix kernel's types and module BTF),
# `// VM-ARGS: ...` (tool arguments),
# `// VM-RUN: ...` (a shell workload run once the tool has attached; cases/NAME.c are built
# into /payload/NAME for it), `// VM-READY: regex` (the output line after which the workload
# starts, default ^Attaching, printed before attaching; then guest-e2e.sh also waits until the
# tool blocks waiting for events), `// VM-MODULES: MODULE [PARAM=VALUE...]`
# (a kernel module of the matrix's, see fetch-kernels.sh, loaded in the guest before the tool
# starts and unloaded after it; one line per module), any number of
# `// VM-EXPECT: regex` (extended regexes some output line must match), `// VM-STATUS: N`
# (the tool's exit status, default 0), and per kernel series (5.10, 6.1, 6.12)
# `// VM-EXPECT-<series>: regex` and `// VM-STATUS-<series>: N`, which replace the general
# ones on that series. Each tests/vm/targets/NAME.c is built static into /payload/NAME for the
# cases to trace (uprobes, usdt).
set -euo pipefail

btc=${1:?usage: e2e-matrix.sh BTC [KERNEL...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
payload=$(mktemp -d /tmp/btc-vm-payload.XXXXXX)
trap 'rm -rf "$payload"' EXIT

directive() { # directive NAME FILE: the values of `// NAME: value` lines
  sed -n "s|^// $1: ||p" "$2"
}

# The programs the uprobe cases trace (tests/vm/targets), static: the guest has no libc.
for target in "$here"/targets/*.c; do
  cc -static -O2 -g -fno-omit-frame-pointer "$target" -o "$payload/$(basename "$target" .c)"
done

# btc_flags FILE: the case's VM-BTC-FLAGS with its placeholders replaced by paths.
btc_flags() {
  local flags placeholder series name path
  flags=$(directive VM-BTC-FLAGS "$1")
  while [[ $flags =~ \{(btf|module):([0-9.]+)(:([A-Za-z0-9_-]+))?\} ]]; do
    placeholder=${BASH_REMATCH[0]} series=${BASH_REMATCH[2]} name=${BASH_REMATCH[4]}
    if [[ ${BASH_REMATCH[1]} == btf ]]; then
      path=$("$here/kernel-btf.sh" "$series")
    else
      path=$(dirname "$("$here/fetch-kernels.sh" "$series")")/modules/$name.ko
      [[ -f $path ]] || { echo "e2e-matrix: $1: no module $name for $series" >&2; exit 2; }
    fi
    flags=${flags//"$placeholder"/$path}
  done
  echo "$flags"
}

for case in "$here"/cases/*.bt; do
  name=$(basename "$case" .bt)
  # BTC_VM_ONLY: an extended regex of the case names to run (all when unset), for quick runs.
  if [ -n "${BTC_VM_ONLY:-}" ] && ! echo "$name" | grep -Eqx "$BTC_VM_ONLY"; then continue; fi
  flags=$(btc_flags "$case")
  # shellcheck disable=SC2086
  "$btc" $flags "$case" -o "$payload/$name"
  directive VM-EXPECT "$case" > "$payload/$name.expect"
  directive VM-ARGS "$case" > "$payload/$name.args"
  directive VM-RUN "$case" > "$payload/$name.run"
  directive VM-READY "$case" > "$payload/$name.ready"
  directive VM-STATUS "$case" > "$payload/$name.status"
  directive VM-MODULES "$case" > "$payload/$name.modules"
  for series in 5.10 6.1 6.12; do
    if grep -q "^// VM-EXPECT-$series: " "$case"; then
      directive "VM-EXPECT-$series" "$case" > "$payload/$name.expect-$series"
    fi
    if grep -q "^// VM-STATUS-$series: " "$case"; then
      directive "VM-STATUS-$series" "$case" > "$payload/$name.status-$series"
    fi
  done
done
# Workloads the cases run (the guest has no compiler and no libc): static programs, built with
# the `// VM-CFLAGS: ...` of their leading comments.
for src in "$here"/cases/*.c; do
  # shellcheck disable=SC2046
  cc -static -O1 $(directive VM-CFLAGS "$src") "$src" -o "$payload/$(basename "$src" .c)"
done
cp "$here/guest-e2e.sh" "$payload/guest-test.sh"
exec "$here/run-matrix.sh" "$payload" "$@"
