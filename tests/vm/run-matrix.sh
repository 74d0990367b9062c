#!/usr/bin/env bash
# Boot a payload of static executables under several Debian kernels (qemu,
# software emulation) and collect the results of its guest-test.sh.
#
# Usage: run-matrix.sh PAYLOAD_DIR [KERNEL...]
#
#   PAYLOAD_DIR  holds static executables and guest-test.sh, a busybox sh
#                script printing "ok NAME" / "not ok NAME ..." lines and
#                exiting non-zero if anything failed. The directory is copied
#                to /payload in the guest, which is also the working directory
#                and first in PATH.
#   KERNEL       a series known to fetch-kernels.sh (5.10, 6.1, 6.12) or a
#                path to a vmlinuz. Default: 5.10 6.1 6.12.
#
# Environment:
#   BTC_VM_TIMEOUT  seconds allowed per boot, test included (default 600: a guest runs
#                   the matrix in about 130 s here at load 10, but over 300 s at load 25)
#   BTC_VM_MEMORY   guest memory (default 512M)
#   BTC_VM_CPU      qemu -cpu model (default max,-cx16, see below)
#   BTC_VM_WORKDIR  where the initramfs and serial logs go, always kept
#                   (default: a new /tmp/btc-vm.XXXXXX, removed if all passed)
#   BTC_VM_CACHE    kernel cache, see fetch-kernels.sh
#
# Output: each kernel's guest-test output with every line prefixed by
# "[<uname -r>] ", then one summary line per kernel:
#   kernel <uname -r>: N passed, M failed[, <problem>]
# and a final "matrix: PASS|FAIL ..." line.
#
# Exit status: 0 if every kernel reached the final marker with status=0,
# 1 otherwise, 2 on usage or setup errors.
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly HERE
readonly TIMEOUT=${BTC_VM_TIMEOUT:-600}
readonly MEMORY=${BTC_VM_MEMORY:-512M}
# Without cmpxchg16b: with it, qemu 7.2's TCG corrupts the 6.12 kernel's SLUB
# fast path (this_cpu cmpxchg128) in about one boot out of four (oopses and
# double faults in __kmalloc during ACPI/PCI init). Kernels fall back to a
# lock when the CPU lacks it; 5.10 and 6.1 were not affected either way.
readonly CPU_MODEL=${BTC_VM_CPU:-max,-cx16}
readonly DEFAULT_KERNELS=(5.10 6.1 6.12)
readonly BUSYBOX=/bin/busybox   # from busybox-static: the guest has no libc
# panic=-1 with -no-reboot: if /init dies, qemu exits at once instead of
# waiting for the timeout. edd=off skips slow BIOS disk probing.
# no_timer_check: on a busy host TCG can run too slowly for the kernel's check
# that the timer interrupt arrives through the IO-APIC, and the boot panics
# ("IO-APIC + timer doesn't work!"; seen on 6.12 at load 12).
readonly KERNEL_CMDLINE="console=ttyS0 panic=-1 oops=panic loglevel=4 edd=off no_timer_check"

log() { echo "run-matrix: $*" >&2; }
die() { log "error: $*"; exit 2; }

usage() {
  sed -n '5,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# Install what is missing; CI starts from a fresh machine as root.
ensure_packages() {
  local missing=()
  command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
  # The dynamic "busybox" package also provides /bin/busybox, so ask dpkg.
  dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
    missing+=(busybox-static)
  command -v gzip >/dev/null || missing+=(gzip)
  [[ ${#missing[@]} -eq 0 ]] && return
  log "installing ${missing[*]}"
  apt-get -q update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}" >&2
}

# Set KERNELS to one vmlinuz path per KERNEL argument, in order.
resolve_kernels() {
  local k series=() fetched
  for k in "$@"; do
    if [[ $k == */* || -f $k ]]; then
      [[ -f $k ]] || die "no such kernel image: $k"
    else
      series+=("$k")
    fi
  done
  # One call for all series: fetch-kernels.sh validates them all before
  # downloading anything.
  if [[ ${#series[@]} -gt 0 ]]; then
    fetched=$("$HERE/fetch-kernels.sh" "${series[@]}") || exit 2
    mapfile -t series <<<"$fetched"
  fi
  KERNELS=()
  local i=0
  for k in "$@"; do
    if [[ $k == */* || -f $k ]]; then
      KERNELS+=("$k")
    else
      KERNELS+=("${series[i]}")
      i=$((i + 1))
    fi
  done
}

# Guests still running when this script stops early (error, ^C) are stopped:
# timeout puts them in a process group of their own, out of reach of ^C.
BOOT_PIDS=()
stop_boots() {
  local pid
  for pid in "${BOOT_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}

# One initramfs serves every kernel: busybox, /init, the payload, and each
# kernel's modules cached beside its vmlinuz (fetch-kernels.sh) in
# /lib/modules/<release>/, where the release is the vmlinuz name's suffix
# (its `uname -r`), so a guest finds its own with `insmod
# /lib/modules/$(uname -r)/NAME.ko`.
build_initramfs() {
  local payload=$1 out=$2 root vmlinuz release
  shift 2
  root=$(dirname "$out")/root
  rm -rf "$root"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,payload}
  cp "$BUSYBOX" "$root/bin/busybox"
  install -m 755 "$HERE/guest-init.sh" "$root/init"
  cp -a "$payload/." "$root/payload/"
  for vmlinuz in "$@"; do
    [[ -d $(dirname "$vmlinuz")/modules ]] || continue
    release=$(basename "$vmlinuz")
    release=${release#vmlinuz-}
    mkdir -p "$root/lib/modules/$release"
    cp "$(dirname "$vmlinuz")"/modules/*.ko "$root/lib/modules/$release/"
  done
  # Sorted list for a reproducible archive; -R 0:0 so that no root-owned
  # staging files are needed.
  (cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
    "$BUSYBOX" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -6 >"$out"
  rm -rf "$root"
}

# boot VMLINUZ INITRD LOG: run one guest, serial console to LOG. Returns
# qemu's status (124 when the timeout hit).
boot() {
  local kernel=$1 initrd=$2 log=$3
  # --kill-after rather than -s KILL: timeout must not take down its own
  # process group. </dev/null: qemu must not read the terminal. exec: when
  # run in the background, $! is then timeout itself, which stop_boots can
  # signal (timeout passes the signal on to qemu).
  exec timeout --kill-after=5 "$TIMEOUT" \
    qemu-system-x86_64 -accel tcg -cpu "$CPU_MODEL" -smp 1 -m "$MEMORY" \
      -kernel "$kernel" -initrd "$initrd" -append "$KERNEL_CMDLINE" \
      -nographic -nodefaults -no-reboot -serial stdio \
      </dev/null >"$log.raw" 2>"$log.qemu-stderr"
}

# Serial output carries \r and terminal escape codes (firmware and kernel):
# drop them so lines can be matched.
clean_log() {
  sed -e 's|\x1b\[[0-9;?]*[ -/]*[@-~]||g' \
      -e 's|\x1b[()][0-9A-Za-z]||g' \
      -e 's|\x1b[0-9A-Za-z=>]||g' "$1" |
    tr -d '\000-\010\013-\037'
}

# The guest-test.sh output: the lines between the BEGIN and DONE markers.
test_section() {
  awk '
    /BTC-VM-BEGIN/ { on = 1; next }
    on && /BTC-VM-DONE status=/ { sub(/BTC-VM-DONE status=.*/, ""); if ($0 != "") print; exit }
    on { print }
  ' "$1"
}

prefix() { awk -v p="$1" '{ print p $0 }'; }

# report VMLINUZ LOG QEMU_STATUS: print one kernel's guest-test output;
# return 0 if it passed. Sets SUMMARY to its summary line.
report() {
  local vmlinuz=$1 log=$2 qemu_status=$3 name section status passed failed problem=""
  name=$(sed -n 's/^.*BTC-VM-UNAME //p' "$log" | head -n 1)
  [[ -n $name ]] || name=$(basename "$vmlinuz" | sed 's/^vmlinuz-//')
  section=$(test_section "$log")
  status=$(sed -n 's/.*BTC-VM-DONE status=\([0-9]*\).*/\1/p' "$log" | head -n 1)

  if [[ -n $section ]]; then
    printf '%s\n' "$section" | prefix "[$name] "
  fi
  passed=$(printf '%s\n' "$section" | grep -cE '^ok( |$)' || true)
  failed=$(printf '%s\n' "$section" | grep -cE '^not ok( |$)' || true)

  if [[ -z $status ]]; then
    if [[ $qemu_status -eq 124 || $qemu_status -eq 137 ]]; then
      problem="timed out after ${TIMEOUT}s"
    else
      problem="no completion marker (qemu status $qemu_status)"
    fi
    # Without the marker the end of the console usually says why (panic, oops).
    echo "[$name] --- last lines of the serial log ($log):"
    tail -n 25 "$log" | prefix "[$name] | "
  elif [[ $status -ne 0 ]]; then
    problem="guest-test.sh exit status $status"
  fi
  SUMMARY="kernel $name: $passed passed, $failed failed${problem:+, $problem}"
  [[ -z $problem ]]
}

main() {
  [[ $# -ge 1 ]] || usage
  local payload=$1
  shift
  [[ -d $payload ]] || die "not a directory: $payload"
  [[ -f $payload/guest-test.sh ]] || die "$payload has no guest-test.sh"
  [[ $TIMEOUT =~ ^[0-9]+$ ]] || die "BTC_VM_TIMEOUT must be a number of seconds"
  local requested=("$@")
  [[ ${#requested[@]} -gt 0 ]] || requested=("${DEFAULT_KERNELS[@]}")

  ensure_packages
  resolve_kernels "${requested[@]}"
  local kernels=("${KERNELS[@]}")

  local work=${BTC_VM_WORKDIR:-} keep_work=1
  if [[ -z $work ]]; then
    work=$(mktemp -d /tmp/btc-vm.XXXXXX)
    keep_work=0
  fi
  mkdir -p "$work"
  build_initramfs "$payload" "$work/initrd.gz" "${kernels[@]}"

  # All guests in parallel: each uses one host CPU at most, and TCG boots
  # are slow enough that running them in turn would triple the wait.
  trap stop_boots EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local i logs=() start=$SECONDS
  log "booting ${#kernels[@]} kernel(s), ${TIMEOUT}s timeout each, work dir $work"
  for i in "${!kernels[@]}"; do
    logs[i]=$work/$i-$(basename "${kernels[i]}").log
    boot "${kernels[i]}" "$work/initrd.gz" "${logs[i]}" &
    BOOT_PIDS[i]=$!
  done

  local qemu_status=() failures=0 summaries=()
  for i in "${!kernels[@]}"; do
    qemu_status[i]=0
    wait "${BOOT_PIDS[i]}" || qemu_status[i]=$?
    clean_log "${logs[i]}.raw" >"${logs[i]}"
  done
  BOOT_PIDS=()
  local elapsed=$((SECONDS - start))

  for i in "${!kernels[@]}"; do
    if ! report "${kernels[i]}" "${logs[i]}" "${qemu_status[i]}"; then
      failures=$((failures + 1))
    fi
    summaries+=("$SUMMARY")
  done
  printf '%s\n' "${summaries[@]}"

  local total=${#kernels[@]}
  if [[ $failures -eq 0 ]]; then
    echo "matrix: PASS, $total/$total kernels in ${elapsed}s"
    [[ $keep_work -eq 1 ]] || rm -rf "$work"
  else
    echo "matrix: FAIL, $((total - failures))/$total kernels passed in ${elapsed}s (logs in $work)"
    exit 1
  fi
}

main "$@"
