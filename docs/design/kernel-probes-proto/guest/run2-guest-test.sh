r() { echo "== $*"; "$@" 2>&1; echo "== rc=$?"; }
r ./proto cost 'vfs_*'
r ./proto cost '*'
r ./proto kprobe vfs_read 5
r ./proto kprobe vfs_read 9
r ./proto bench 20 'tcp_*'
r ./proto fentry ksys_read
insmod ./brd.ko rd_nr=1 rd_size=1024 2>/dev/null && echo insmod ok
export PROTO_RUN='dd if=/dev/ram0 of=/dev/null bs=4096 count=8 iflag=direct 2>/dev/null'
[ -d /sys/kernel/btf/brd ] || [ -f /sys/kernel/btf/brd ] && r ./proto bench 5 'brd_*'
exit 0
