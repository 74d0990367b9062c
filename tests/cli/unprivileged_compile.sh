#!/bin/sh
# Compiling needs no root: as `nobody`, who cannot read /sys/kernel/tracing, btc takes tracepoint
# records from the world-readable kernel BTF and syscall records from its built-in table, and
# writes the same BPF C as for root; the tools it builds run (as root). What truly needs tracefs
# is refused with a message saying so.
# Usage: unprivileged_compile.sh BTC
set -u
btc=$(realpath "$1")
if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null; then
  echo "skipped: needs root and setpriv to compile as nobody"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-nobody-XXXXXX")
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir "$work/nobody"
chown nobody "$work/nobody"
cd "$work" || exit 1
passed=0
failed=0

as_nobody() {
  setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
    env HOME="$work/nobody" TMPDIR="$work/nobody" "$@"
}

ok() {
  echo "ok unprivileged/$1"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL unprivileged/$1: $2"
  failed=$((failed + 1))
}

if ! as_nobody test -x "$btc"; then
  echo "skipped: nobody cannot run $btc (a build directory under a private home?)"
  exit 77
fi
if as_nobody test -r /sys/kernel/tracing/events; then
  echo "note: nobody can read /sys/kernel/tracing here: the table and BTF paths are not exercised"
fi

cat > timer.bt << 'BT'
tracepoint:timer:timer_start { printf("%d %d\n", args->now > 0, args->expires > 0); exit(); }
tracepoint:sched:sched_process_exec /str(args->filename) == "/no/such/file"/ { printf("%s\n", str(args->filename)); }
BT
cat > syscalls.bt << 'BT'
tracepoint:syscalls:sys_enter_openat /args->dfd != 1/ { printf("%s\n", str(args->filename)); }
tracepoint:syscalls:sys_exit_openat { @ret[args->ret < 0] = count(); }
tracepoint:raw_syscalls:sys_enter { @nr[args->id] = count(); }
BT
cat > wildcard_syscalls.bt << 'BT'
tracepoint:syscalls:sys_enter_open* { @[probe] = count(); }
BT
cat > wildcard.bt << 'BT'
tracepoint:sched:sched_proc* { @ = count(); }
BT
cat > unknown.bt << 'BT'
tracepoint:sched:no_such_event { @ = count(); }
BT
cat > ambiguous.bt << 'BT'
tracepoint:sched:sched_waking { @[args->pid] = count(); }
BT
chmod 644 ./*.bt

# The same BPF C as root's, which came from tracefs where root reads it.
for script in timer syscalls wildcard_syscalls; do
  if ! as_nobody "$btc" --emit-c $script.bt > $script.nobody.c 2> $script.err; then
    fail $script "btc failed as nobody: $(cat $script.err)"
  elif ! "$btc" --emit-c $script.bt > $script.root.c 2> /dev/null; then
    fail $script "btc failed as root"
  elif ! cmp -s $script.nobody.c $script.root.c; then
    fail $script "nobody's C differs from root's: $(diff $script.root.c $script.nobody.c | head -5)"
  elif [ -s $script.err ]; then
    fail $script "warnings as nobody: $(cat $script.err)"
  else
    ok $script
  fi
done

# A tool built by nobody reads the record right when root runs it.
if ! as_nobody "$btc" timer.bt -o nobody/timer 2> timer.err; then
  fail timer_tool "btc failed as nobody: $(cat timer.err)"
else
  # uniq: timer_start can fire on both CPUs before exit() takes effect.
  out=$(timeout 20 ./nobody/timer 2>&1 | uniq)
  if [ "$out" = "$(printf 'Attaching 2 probes...\n1 1')" ]; then
    ok timer_tool
  else
    fail timer_tool "output: $out"
  fi
fi

# expect NAME STDERR SCRIPT: btc as nobody exits 1 with exactly STDERR.
expect() {
  as_nobody "$btc" "$3" -o nobody/x > out.txt 2> err.txt
  status=$?
  if [ $status = 1 ] && [ "$(cat err.txt)" = "$2" ] && [ ! -s out.txt ]; then
    ok "$1"
  else
    fail "$1" "status $status, stderr: $(cat err.txt)"
    echo "  want: $2"
  fi
}
expect wildcard "wildcard.bt:1:1: error: tracepoint:sched:sched_proc*: expanding a wildcard needs \
the event list of /sys/kernel/tracing (BTF does not say which category an event belongs to), but \
/sys/kernel/tracing is readable by root only
tracepoint:sched:sched_proc* { @ = count(); }
^~~~~~~~~~~~~~~~~~~~~~~~~~~~" wildcard.bt
expect unknown "unknown.bt:1:1: error: unknown tracepoint: tracepoint:sched:no_such_event
tracepoint:sched:no_such_event { @ = count(); }
^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~" unknown.bt
expect ambiguous "ambiguous.bt:1:35: error: cannot read the args of tracepoint:sched:sched_waking: \
the kernel's BTF does not say which of its record classes it uses \
(trace_event_raw_sched_process_template, trace_event_raw_sched_wakeup_template); its format file \
would tell, but /sys/kernel/tracing is readable by root only
tracepoint:sched:sched_waking { @[args->pid] = count(); }
                                  ^~~~~~~~~" ambiguous.bt

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
