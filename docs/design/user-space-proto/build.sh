#!/bin/sh
# Build the issue-7 prototypes on the host (Debian 12: clang-19, bpftool 7.1, libbpf-dev 1.1
# static, systemtap-sdt-dev for <sys/sdt.h>, libiberty-dev for the demangler comparison).
# Run from this folder; nothing here is part of btc's build or tests.
set -e
(cd targets && ./build.sh)
clang-19 -target bpf -O2 -g -D__TARGET_ARCH_x86 -I/usr/include/x86_64-linux-gnu -c uproto.bpf.c -o uproto.bpf.o
bpftool gen skeleton uproto.bpf.o name uproto > uproto.skel.h
gcc -O2 -static -Wall -I. uproto.c -o uproto -l:libbpf.a -l:libelf.a -l:libz.a -lpthread
gcc -O2 -static -Wall -o ldcache ldcache.c
gcc -O2 -static -Wall -o pmu pmu.c
g++ -O2 -static -o demangle-cxa demangle.cpp
g++ -O2 -static -DWITH_IBERTY -DHAVE_DECL_BASENAME=1 -o demangle-iberty demangle.cpp -l:libiberty.a
gcc -O2 -static -Wall -o umprobe umprobe.c
