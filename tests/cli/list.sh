#!/bin/sh
# btc -l / -lv: probe listings, byte for byte bpftrace 0.17's where it prints the same thing
# (tracepoints with their fields, a binary's uprobes with DWARF arguments, USDT probes), btc's
# own expectations where 0.17 has none or a bug (docs/differences.md), the same without root
# where it can be, and one-line errors.
# Usage: list.sh BTC TARGETS_DIR   (status 77: skipped, not root)
set -u
btc=$(realpath "$1")
targets=$(realpath "$2")
[ "$(id -u)" -eq 0 ] || { echo "skip: tracefs is readable by root only"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0
ok() { echo "ok cli/list/$1"; passed=$((passed + 1)); }
fail() {
  echo "FAIL cli/list/$1"
  shift
  for f in "$@"; do [ -f "$f" ] && head -20 "$f" | sed 's/^/  | /'; done
  failed=$((failed + 1))
}

# same_as_bpftrace NAME ARGS...: stdout and stderr of `btc ARGS` and `bpftrace ARGS` agree, but for
# the warning prefix (bpftrace's "WARNING: No", btc's "btc: warning: no").
same_as_bpftrace() {
  name=$1
  shift
  "$btc" "$@" > btc.txt 2> btc.err || { fail "$name" btc.err; return; }
  if [ -z "$bpftrace" ]; then
    [ -s btc.txt ] && ok "$name" || fail "$name" btc.txt btc.err
    return
  fi
  "$bpftrace" "$@" > bt.txt 2> bt.err
  sed 's/^btc: warning: no /WARNING: No /' btc.err > btc.err2
  if cmp -s bt.txt btc.txt && cmp -s bt.err btc.err2; then
    ok "$name"
  else
    diff bt.txt btc.txt > diff.txt
    diff bt.err btc.err2 >> diff.txt
    fail "$name" diff.txt
  fi
}
bpftrace=$(command -v bpftrace || true)
[ -n "$bpftrace" ] || echo "note: no bpftrace: listings checked for being non-empty only"

same_as_bpftrace tracepoint_wildcard -l 'tracepoint:syscalls:sys_enter_open*'
same_as_bpftrace tracepoint_fields -lv 'tracepoint:syscalls:sys_enter_openat'
same_as_bpftrace tracepoint_alias_fields -lv 't:sched:sched_switch'
same_as_bpftrace tracepoint_category -lv 'tracepoint:sched:*'
same_as_bpftrace uprobe_functions -l "uprobe:$targets/uprobe_target:*"
same_as_bpftrace uprobe_cpp -l "uprobe:$targets/uprobe_cpp:*"
same_as_bpftrace uprobe_stripped -l "uprobe:$targets/uprobe_target_stripped:*"
same_as_bpftrace uprobe_library -l "uprobe:$targets/libbtctarget.so:*"
same_as_bpftrace uprobe_dwarf_args -lv "uprobe:$targets/dwarf_target:dw_*"
same_as_bpftrace uprobe_no_dwarf -lv "uprobe:/bin/bash:read_history*"
same_as_bpftrace usdt_probes -l "usdt:$targets/uprobe_target:*"
same_as_bpftrace usdt_library -l "usdt:$targets/libbtctarget.so:*"
# Kernel types from BTF: names, and definitions as btf_dump writes them (bitfields, padding,
# anonymous members), the type alone.
same_as_bpftrace struct_names -l 'struct pat*'
same_as_bpftrace struct_definition -lv 'struct path'
same_as_bpftrace struct_bitfields -lv 'struct task_struct'
same_as_bpftrace union_definition -lv 'union bpf_attr'
same_as_bpftrace enum_definition -lv 'enum pid_type'
# 64-bit enums (BTF_KIND_ENUM64), which bpftrace 0.17 does not know.
"$btc" -lv 'enum blake2b_iv' > btc.txt 2> btc.err
if head -1 btc.txt | grep -qx 'enum blake2b_iv {' && grep -q '^	BLAKE2B_IV0 = ' btc.txt; then
  ok enum64
else
  fail enum64 btc.txt btc.err
fi

# Every tracepoint, as in bpftrace's full listing.
"$btc" -l | grep '^tracepoint:' > btc.txt
if [ -n "$bpftrace" ]; then
  "$bpftrace" -l 2> /dev/null | grep '^tracepoint:' > bt.txt
  cmp -s bt.txt btc.txt && ok all_tracepoints || { diff bt.txt btc.txt > diff.txt; fail all_tracepoints diff.txt; }
fi

# Software events: bpftrace 0.17 prints the pattern back ("software:*:"); btc lists the events
# and their aliases as later bpftrace versions do.
"$btc" -l 'software:*' > btc.txt
cat > want.txt <<'END'
software:alignment-faults:
software:bpf-output:
software:context-switches:
software:cpu-clock:
software:cpu-migrations:
software:cpu:
software:cs:
software:dummy:
software:emulation-faults:
software:faults:
software:major-faults:
software:minor-faults:
software:page-faults:
software:task-clock:
END
cmp -s want.txt btc.txt && ok software || fail software btc.txt
"$btc" -l 'h:*cycles*' > btc.txt
printf 'hardware:bus-cycles:\nhardware:cpu-cycles:\nhardware:cycles:\nhardware:ref-cycles:\n' > want.txt
cmp -s want.txt btc.txt && ok hardware || fail hardware btc.txt
# btc run -l is btc -l.
"$btc" run -l 's:c*' > run.txt
"$btc" -l 's:c*' > btc.txt
cmp -s run.txt btc.txt && [ -s btc.txt ] && ok run_l || fail run_l run.txt btc.txt
# A search without a type matches every kernel probe type, in bpftrace's order of types.
"$btc" -l '*sched_switch' > btc.txt
grep -qx 'tracepoint:sched:sched_switch' btc.txt && grep -qx 'rawtracepoint:sched_switch' btc.txt &&
  [ "$(cut -d: -f1 btc.txt | uniq | tr '\n' ' ')" = "$(cut -d: -f1 btc.txt | sort -u | tr '\n' ' ')" ] &&
  ok untyped_search || fail untyped_search btc.txt

# From the kernel's BTF (bpftrace 0.17 has no raw tracepoints and refuses kfunc here).
if [ -r /sys/kernel/btf/vmlinux ]; then
  "$btc" -lv 'rawtracepoint:sched_process_exec' > btc.txt
  printf 'rawtracepoint:sched_process_exec\n    struct task_struct * arg0\n    pid_t arg1\n    struct linux_binprm * arg2\n' > want.txt
  cmp -s want.txt btc.txt && ok rawtracepoint_args || fail rawtracepoint_args btc.txt
  "$btc" -lv 'kfunc:vfs_read' > btc.txt
  printf 'kfunc:vfs_read\n    struct file * file\n    char * buf\n    size_t count\n    loff_t * pos\n    ssize_t retval\n' > want.txt
  cmp -s want.txt btc.txt && ok kfunc_args || fail kfunc_args btc.txt
  "$btc" -l 'iter:task*' > btc.txt
  grep -qx 'iter:task' btc.txt && grep -qx 'iter:task_file' btc.txt && ok iter || fail iter btc.txt
fi

# Without root (tracefs is root-only): syscall records from btc's table, the same text.
if command -v setpriv > /dev/null; then
  chmod 755 "$work"
  for spec in 'tracepoint:syscalls:sys_enter_openat' 'tracepoint:syscalls:sys_exit_read*'; do
    "$btc" -lv "$spec" > root.txt
    setpriv --reuid=65534 --regid=65534 --clear-groups "$btc" -lv "$spec" > user.txt 2> user.err
    cmp -s root.txt user.txt && [ ! -s user.err ] && ok "unprivileged $spec" ||
      fail "unprivileged $spec" user.txt user.err
  done
fi

# -p PID: the executable's uprobes and the USDT probes of every file it maps, under
# /proc/PID/root (bpftrace -l -p); a search filters them; btc run -l takes -p too.
# Listed once it printed its first line: by then it has mapped its library (a fixed sleep was too
# short for that on a loaded machine).
"$targets/uprobe_target" 0 1000 > target.out &
target_pid=$!
n=0
while [ ! -s target.out ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
same_as_bpftrace process_probes -l -p "$target_pid"
same_as_bpftrace process_usdt -l 'usdt:*' -p "$target_pid"
"$btc" run -l 'usdt:*' -p "$target_pid" > run.txt 2>&1
"$btc" -l 'usdt:*' -p "$target_pid" > l.txt 2>&1
cmp -s run.txt l.txt && grep -q ":target:tick\$" l.txt && ok run_process_probes ||
  fail run_process_probes run.txt l.txt
kill "$target_pid"

# With a program (-e, or a script file): the probes it would attach, resolved by the compiler
# (tracepoint wildcards expanded; what the tool resolves where it runs stays as written).
"$btc" -l -e 'tracepoint:syscalls:sys_enter_openat*, interval:s:1 { exit(); } BEGIN { } uprobe:$1:main { }' > btc.txt 2>&1
printf 'BEGIN\ninterval:s:1\ntracepoint:syscalls:sys_enter_openat\ntracepoint:syscalls:sys_enter_openat2\nuprobe:$1:main\n' > want.txt
cmp -s want.txt btc.txt && ok program_probes || fail program_probes btc.txt
printf 'tracepoint:sched:sched_process_e*\n{ }\n' > script.bt
"$btc" -l script.bt > btc.txt 2>&1
printf 'tracepoint:sched:sched_process_exec\ntracepoint:sched:sched_process_exit\n' > want.txt
cmp -s want.txt btc.txt && ok script_probes || fail script_probes btc.txt
"$btc" run -l -e 'tracepoint:sched:sched_process_e* { }' > run.txt 2>&1
cmp -s want.txt run.txt && ok run_program_probes || fail run_program_probes run.txt
printf 'BEGIN { @x = 1; @x = "a"; }\n' > bad.bt
"$btc" -l bad.bt > out.txt 2> err.txt
[ $? = 1 ] && grep -q '^bad.bt:1:17: error: ' err.txt && [ ! -s out.txt ] && ok script_error ||
  fail script_error err.txt out.txt

# Mistakes: one line, status 1.
expect_error() {
  name=$1 want=$2
  shift 2
  "$btc" "$@" > out.txt 2> err.txt
  [ $? = 1 ] && [ "$(cat err.txt)" = "$want" ] && [ ! -s out.txt ] && ok "$name" ||
    fail "$name" err.txt out.txt
}
expect_error missing_binary "btc: error: /nonexistent/x does not exist or is not a file" \
  -l 'uprobe:/nonexistent/x:*'
expect_error unknown_type "btc: error: no probe type matches 'bogus' (tracepoint, rawtracepoint, kprobe, kfunc, software, hardware, iter, uprobe, usdt)" \
  -l 'bogus:*'
expect_error no_process "btc: error: -p 999999999: no such process" -l -p 999999999
expect_error unknown_struct "btc: error: the kernel's BTF has no struct btc_no_such" -lv 'struct btc_no_such'
expect_error uprobe_without_binary "btc: error: listing uprobe probes needs a binary: uprobe:BIN:FUNCTION" \
  -l 'uprobe:*'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
