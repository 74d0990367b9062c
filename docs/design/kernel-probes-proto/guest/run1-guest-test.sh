# runs in the guest (busybox sh)
r() { echo "== $*"; "$@" 2>&1; echo "== rc=$?"; }
r ./proto features
wc -l /sys/kernel/tracing/available_filter_functions /proc/kallsyms /sys/kernel/debug/kprobes/blacklist
r ./proto errors
r ./proto kprobe vfs_read
r ./proto kprobe vfs_read 4
r ./proto kprobe vfs_read 1
r ./proto kprobe no_such_function_xyz
B=$(awk '{print $2}' /sys/kernel/debug/kprobes/blacklist | grep -v '^_*x86\|^asm_\|^exc_' | head -1); echo "blacklisted: $B"
r ./proto kprobe "$B"
D=$(sed 's/ .*//' /sys/kernel/tracing/available_filter_functions | sort | uniq -d | head -1); echo "duplicate name: $D"
r ./proto kprobe "$D"
r ./proto bench 50 '__x64_sys_*'
r ./proto bench 500 '__*_sys_*'
r ./proto bench 50 'tcp_*'
r ./proto fentry ksys_read
r ./proto fentry __x64_sys_getpid
r ./proto iter
r ./proto ksyms
echo 2 > /proc/sys/kernel/kptr_restrict; r ./proto ksyms; echo 0 > /proc/sys/kernel/kptr_restrict
insmod ./brd.ko rd_nr=1 rd_size=1024 && echo insmod ok
ls /sys/kernel/btf/ | tr '\n' ' '; echo
grep brd /proc/kallsyms | head -3
export PROTO_RUN='dd if=/dev/ram0 of=/dev/null bs=4096 count=8 iflag=direct 2>/dev/null'
r ./proto kprobe brd:brd_do_bvec
r ./proto kprobe brd_do_bvec
r ./proto fentry brd_do_bvec
r ./proto fentry brd:brd_do_bvec
exit 0
