#!/bin/bash
# bpftrace 0.17 behaviour of -p PID and -c CMD, saved as bpftrace-0.17-p-and-c.txt.
# Run from user-space-proto/ after targets/build.sh (root). ~40 s.
cd targets
B="timeout 30 bpftrace"
strip_rl() { grep -v 'RLIMIT_MEMLOCK'; }
{
echo '### -c: no exit(): ends when the child exits; tracepoints are NOT filtered by cpid'
$B -e 'uprobe:./ut:ut_work { @[pid == cpid] = count(); } tracepoint:syscalls:sys_enter_write { @w[pid == cpid] = count(); } END { printf("END cpid=%d\n", cpid); }' -c './ut 3 50' 2>&1 | strip_rl
echo "status $?"
echo '### -c: exit() at the first hit while the child would run 5 s more: child gets SIGTERM'
printf '#!/bin/bash\ntrap "echo child got TERM; exit 3" TERM\nfor i in $(seq 1 50); do sleep 0.1; done\necho child ended normally\n' > /tmp/btc-trapper.sh
$B -e 'interval:ms:300 { exit(); }' -c '/bin/bash /tmp/btc-trapper.sh' 2>&1 | strip_rl
echo '### -c: the child exit status is not the tool status (/bin/false)'
$B -e 'END { printf("END\n"); }' -c /bin/false 2>&1 | strip_rl; echo "status ${PIPESTATUS[0]}"
echo '### -c: no shell quoting (the argument is split on spaces)'
$B -e 'BEGIN { }' -c "/bin/echo 'a  b'" 2>&1 | strip_rl | head -5
echo '### -c: a missing command, a non-executable file, a name found twice in PATH'
$B -e 'BEGIN { }' -c '/no/such/cmd arg' 2>&1 | strip_rl; echo "status ${PIPESTATUS[0]}"
$B -e 'BEGIN { }' -c '/etc/passwd' 2>&1 | strip_rl; echo "status ${PIPESTATUS[0]}"
$B -e 'BEGIN { }' -c 'true' 2>&1 | strip_rl; echo "status ${PIPESTATUS[0]}"
echo '### -p: a PID that does not exist'
$B -e 'BEGIN { }' -p 999999 2>&1 | strip_rl; echo "status ${PIPESTATUS[0]}"
echo '### -p: two copies of ut run; -p names the first. uprobe counts BOTH, usdt only the -p one'
./ut 40 50 >/dev/null & A=$!
./ut 40 50 >/dev/null & C=$!
sleep 0.3
echo "first=$A second=$C"
$B -p $A -e 'uprobe:./ut:ut_work { @[pid] = count(); } usdt:./ut:ut:tick { @u[pid] = count(); } interval:s:1 { exit(); }' 2>&1 | strip_rl
wait
echo '### -p: ends (END, maps) when the process exits; tracepoints not filtered'
./ut 30 100 >/dev/null & A=$!
sleep 0.2
$B -p $A -e "uprobe:./ut:ut_work { @[pid == $A] = count(); } tracepoint:syscalls:sys_enter_write { @w[pid == $A] = count(); } END { printf(\"END\n\"); }" 2>&1 | strip_rl
} > ../bpftrace-0.17-p-and-c.txt 2>&1
