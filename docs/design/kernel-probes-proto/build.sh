#!/bin/sh
# Build the prototype on the host (Debian 12: clang-19, bpftool 7.1, libbpf-dev 1.1 static).
# Run it in the qemu matrix with: tests/vm/run-matrix.sh PAYLOAD 5.10 6.1 6.12, PAYLOAD holding
# proto, (brd.ko from the 6.1 cloud kernel .deb for the module cases) and guest/runN-guest-test.sh
# as guest-test.sh.
set -e
bpftool btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h
clang-19 -target bpf -O2 -g -mcpu=v3 -D__TARGET_ARCH_x86 -I. -c proto.bpf.c -o proto.bpf.o
bpftool gen skeleton proto.bpf.o name proto > proto.skel.h
g++ -std=c++20 -O2 -static -I. proto.cpp -o proto -l:libbpf.a -l:libelf.a -l:libz.a
g++ -O2 -static -o bccsort bccsort.cpp
