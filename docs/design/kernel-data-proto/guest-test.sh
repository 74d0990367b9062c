#!/bin/sh
# CO-RE study: each object loaded by the same static loader built on the 6.18 host.
cd /payload
run() { echo "== $*"; "$@" 2>&1 | grep -E "^out\[[0-9]\]|^outs|self pid|failed to resolve|load failed|attach .* failed|invalid|disallowed|Permission" | grep -v "= 0$"; }
echo "format timer_start:"; grep -E "field:.*(expires|now|bucket)" /sys/kernel/tracing/events/timer/timer_start/format
jiffies_hint=$(grep -m1 jiffies: /proc/timer_list 2>/dev/null); echo "$jiffies_hint"
run ./loader timer.bpf.o 30
run ./loader task3.bpf.o
EXEC=1 run ./loader chains.bpf.o
EXEC=1 run ./loader dataloc.bpf.o
run ./loader kmalloc.bpf.o 30
run ./loader kmalloc_probe.bpf.o 30
run ./loader missing2.bpf.o
now=$(awk -F'[:;]' '/ now;/ {print $4}' /sys/kernel/tracing/events/timer/timer_start/format)
exp=$(awk -F'[:;]' '/ expires;/ {print $4}' /sys/kernel/tracing/events/timer/timer_start/format)
echo "tracefs offsets now=$now expires=$exp"
RODATA=$now,$exp run ./loader tpoff.bpf.o 30
./btfparse
exit 0
