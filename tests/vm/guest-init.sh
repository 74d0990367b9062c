#!/bin/busybox sh
# /init of the test initramfs built by run-matrix.sh (runs as PID 1 in the guest).
#
# Sets up the file systems a tracer needs, runs /payload/guest-test.sh and
# reports over the serial console, which is the only channel back to the host:
#   BTC-VM-UNAME <uname -r>
#   BTC-VM-BEGIN
#   ... output of guest-test.sh ...
#   BTC-VM-DONE status=<exit code of guest-test.sh>
# then powers the machine off. There is no `set -e`: whatever fails, the
# marker line must still be printed and the machine must still power off
# (if PID 1 died instead, the kernel would panic; panic=-1 then ends qemu).

/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
export PATH=/payload:/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/tmp TMPDIR=/tmp

# mount_fs TYPE DIR: a missing file system is reported, not fatal, so that the
# test itself can say which feature it lacks.
mount_fs() {
  mkdir -p "$2"
  mount -t "$1" "$1" "$2" || echo "btc-vm-init: cannot mount $1 on $2"
}

mount_fs proc /proc
mount_fs sysfs /sys
mount_fs devtmpfs /dev
mount_fs tmpfs /tmp
mount_fs tracefs /sys/kernel/tracing
mount_fs debugfs /sys/kernel/debug
mount_fs bpf /sys/fs/bpf

# Leading newline: the firmware's last message ("Booting from ROM..") has none.
printf '\nBTC-VM-UNAME %s\n' "$(uname -r)"
echo "BTC-VM-BEGIN"
cd /payload || echo "btc-vm-init: no /payload"
sh /payload/guest-test.sh 2>&1
status=$?
# The leading newline keeps the marker on a line of its own even when the
# test's last line has no newline.
printf '\nBTC-VM-DONE status=%d\n' "$status"

poweroff -f
