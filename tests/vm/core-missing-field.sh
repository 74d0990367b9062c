#!/usr/bin/env bash
# A kernel field that exists on one kernel and not on another: task_struct.state (renamed
# __state in 5.14). Compiled against this host's BTF it is a located compile error; compiled
# with `--btf` against Debian 5.10's BTF, the tool runs on 5.10 and, on 6.1 and 6.12, fails to
# load with the field located in the script (the manifest's kernel field table). `--btf` also
# describes tracepoint records: one newer than 5.10 is a compile error against its BTF.
#
# usage: core-missing-field.sh BTC [KERNEL...]
set -euo pipefail

btc=${1:?usage: core-missing-field.sh BTC [KERNEL...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
payload=$(mktemp -d /tmp/btc-vm-missing.XXXXXX)
trap 'rm -rf "$payload"' EXIT

script=$payload/task_state.bt
cat > "$script" <<'BT'
BEGIN { printf("state=%d pid=%d\n", curtask->state, curtask->pid == tid); exit(); }
BT

if [ -r /sys/kernel/btf/vmlinux ] && ! bpftool btf dump file /sys/kernel/btf/vmlinux 2>/dev/null |
  grep -A400 "STRUCT 'task_struct'" | grep -q "^	'state'"; then
  if "$btc" --emit-c "$script" > /dev/null 2> "$payload/host.err"; then
    echo "FAIL: btc accepted curtask->state against a host BTF without it" >&2
    exit 1
  fi
  grep -q "task_state.bt:1:37: error: struct task_struct has no field 'state'" "$payload/host.err" || {
    echo "FAIL: unexpected message against the host BTF:" >&2
    cat "$payload/host.err" >&2
    exit 1
  }
  echo "ok host: curtask->state is a located compile error"
fi

btf=$("$here/kernel-btf.sh" 5.10)

# --btf describes tracepoint records too: timer_start's bucket_expiry is newer than 5.10.
tp=$payload/timer.bt
echo 't:timer:timer_start { print(args->bucket_expiry); exit(); }' > "$tp"
if "$btc" --btf "$btf" --emit-c "$tp" > /dev/null 2> "$payload/tp.err"; then
  echo "FAIL: btc --btf (5.10) accepted timer_start's bucket_expiry" >&2
  exit 1
fi
grep -q "timer.bt:1:29: error: tracepoint tracepoint:timer:timer_start has no field 'bucket_expiry'" \
  "$payload/tp.err" || {
  echo "FAIL: unexpected message for a record field missing from --btf:" >&2
  cat "$payload/tp.err" >&2
  exit 1
}
rm "$tp"
echo "ok host: --btf gives tracepoint records too"
"$btc" --btf "$btf" "$script" -o "$payload/task_state"
rm "$script"

cat > "$payload/guest-test.sh" <<'GUEST'
out=$(./task_state 2>&1)
status=$?
case $(uname -r) in
  5.10.*)
    if [ $status -eq 0 ] && echo "$out" | grep -q '^state=0 pid=1$'; then
      echo "ok task_state runs where the field exists"
    else
      echo "not ok task_state (status $status)"; echo "$out" | sed 's/^/# /'; exit 1
    fi ;;
  *)
    # The located error of the manifest's kernel field table, not libbpf's raw message.
    expected="task_state.bt:1:37: error: this kernel ($(uname -r)) has no field 'state' in struct task_struct
BEGIN { printf(\"state=%d pid=%d\\n\", curtask->state, curtask->pid == tid); exit(); }
                                    ^~~~~~~~~~~~~~"
    if [ $status -eq 1 ] && [ "$out" = "$expected" ]; then
      echo "ok task_state fails to load with the missing field located in the script"
    else
      echo "not ok task_state (status $status)"; echo "$out" | sed 's/^/# /'; exit 1
    fi ;;
esac
GUEST
exec "$here/run-matrix.sh" "$payload" "$@"
