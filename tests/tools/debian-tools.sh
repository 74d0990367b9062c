#!/usr/bin/env bash
# The tools of Debian's bpftrace package (/usr/sbin/*.bt) that use no USDT: each must compile
# unchanged with btc. Those that need no kernel function probes then run here; with --vm,
# instead, the others run unchanged under the qemu kernel matrix (5.10, 6.1, 6.12), where a tool
# must either attach and end cleanly on SIGINT, or fail with one line naming the function that
# kernel lacks. The activity while a tool runs includes a DNS lookup and an interactive bash
# line, and the uprobe tools must catch them (EXPECT below).
#
# Tools that cannot compile yet are listed in known-failures.txt (`NAME: text of the error`):
# each must fail with that text, so the list stays true as btc grows.
#
# usage: debian-tools.sh BTC [--vm [KERNEL...]]
set -uo pipefail

btc=${1:?usage: debian-tools.sh BTC [--vm [KERNEL...]]}
shift
vm=0
if [ "${1:-}" = --vm ]; then
  vm=1
  shift
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/btc-tools.XXXXXX)
trap 'rm -rf "$work"' EXIT

if ! ls /usr/sbin/*.bt > /dev/null 2>&1; then
  echo "debian-tools: no /usr/sbin/*.bt (Debian's bpftrace package is not installed)" >&2
  exit 77
fi

# Probe types of a script: the words before ':' that start its probe lines.
uses() { grep -Eq "^[[:space:]]*($2):" "$1"; }

failed=0
host_tools=()
vm_tools=()
for script in /usr/sbin/*.bt; do
  name=$(basename "$script" .bt)
  if uses "$script" 'usdt|U'; then
    continue # USDT: issue 7
  fi
  known=$(sed -n "s|^$name: ||p" "$here/known-failures.txt")
  if ! "$btc" "$script" -o "$work/$name" 2> "$work/$name.compile"; then
    if [ -n "$known" ] && grep -qF "$known" "$work/$name.compile"; then
      echo "ok compile $name # known failure: $known"
    else
      echo "not ok compile $name"
      sed "s/^/# /" "$work/$name.compile"
      failed=1
    fi
    continue
  fi
  if [ -n "$known" ]; then
    echo "not ok compile $name (compiles now: remove it from known-failures.txt)"
    failed=1
  fi
  echo "ok compile $name"
  if uses "$script" 'kprobe|kretprobe|kfunc|kretfunc|fentry|fexit|k|kr|f|fr'; then
    vm_tools+=("$name")
  else
    host_tools+=("$name")
  fi
done

# What a tool must have printed, beyond attaching, about the activity run_tool makes (an
# extended regex).
declare -A expect=(
  [bashreadline]='[0-9]+ +echo btc_tools_readline'
  [gethostlatency]='getent +[0-9]+ localhost'
  [naptime]=' 1\.000$' # the one-second nanosleep(2), read from the process's timespec
  [threadsnoop]='[0-9]+ +btc-tools-thre' # the python thread below, through libpthread's stub
)

# run_tool NAME: runs it for two seconds with some activity, then SIGINT; it must attach, end
# with status 0, print what `expect` says and nothing on stderr but warnings about probes
# skipped where they are missing (sslsnoop's functions of other OpenSSL builds), or stop at once
# with one line saying what this kernel lacks (loads.bt: kallsyms without data symbols has no
# `avenrun`).
# waiting PID: whether the process is blocked waiting for events or signals (poll, select,
# pause, nanosleep, ppoll, epoll_wait, ...: the syscalls of tests/run_tests.py's WAIT_SYSCALLS),
# which a tool is once its probes are attached and BEGIN has run. "Attaching N probes..." comes
# before the attach, which can take a while on a loaded machine.
waiting() {
  case $(cut -d' ' -f1 "/proc/$1/syscall" 2> /dev/null) in
    7 | 23 | 34 | 35 | 128 | 130 | 230 | 232 | 270 | 271 | 281 | 441) return 0 ;;
  esac
  return 1
}

run_tool() {
  local name=$1
  "$work/$name" > "$work/$name.out" 2> "$work/$name.err" &
  local pid=$! i=0
  while ! waiting $pid && kill -0 $pid 2> /dev/null && [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  ls / > /dev/null
  cat /proc/version > /dev/null
  getent ahosts localhost > /dev/null
  printf 'echo btc_tools_readline\nexit\n' | script -qc 'bash --norc -i' /dev/null > /dev/null
  # One second in nanosleep(2) itself (sleep(1) calls clock_nanosleep).
  python3 -c 'import ctypes; ctypes.CDLL(None).syscall(35, (ctypes.c_long * 2)(1, 0), None)' &
  local nap=$!
  python3 -c 'import threading, ctypes
ctypes.CDLL(None).prctl(15, b"btc-tools-thread")
t = threading.Thread(target=print)
t.start()
t.join()' > /dev/null
  sleep 2
  wait $nap
  kill -INT $pid 2> /dev/null
  wait $pid
  local status=$?
  grep -v ": warning: skipping " "$work/$name.err" > "$work/$name.problems"
  if [ -n "${expect[$name]:-}" ] && ! grep -Eq "${expect[$name]}" "$work/$name.out"; then
    echo "not ok run $name (no line matches ${expect[$name]})"
    sed "s/^/# $name| /" "$work/$name.out" "$work/$name.err" | tail -20
    failed=1
  elif [ $status -eq 0 ] && grep -q '^Attaching' "$work/$name.out" &&
    [ ! -s "$work/$name.problems" ]; then
    echo "ok run $name"
  elif [ $status -eq 1 ] && [ "$(wc -l < "$work/$name.err")" -eq 1 ] &&
    grep -Eq 'this kernel has no|not available on this kernel' "$work/$name.err"; then
    echo "ok run $name # not on this kernel: $(cat "$work/$name.err")"
  else
    echo "not ok run $name (status $status)"
    sed "s/^/# $name| /" "$work/$name.out" "$work/$name.err" | tail -20
    failed=1
  fi
}

if [ "$(id -u)" -ne 0 ]; then
  echo "debian-tools: compiled only; running the tools needs root" >&2
  [ $failed -eq 0 ] && exit 77
  exit 1
fi
if [ $vm -eq 0 ]; then
  for name in "${host_tools[@]}"; do run_tool "$name"; done
else
  payload="$work/payload"
  mkdir -p "$payload"
  for name in "${vm_tools[@]}"; do cp "$work/$name" "$payload/$name"; done
  cp "$here/guest-tools.sh" "$payload/guest-test.sh"
  "$here/../vm/run-matrix.sh" "$payload" "$@" || failed=1
fi
exit $failed
