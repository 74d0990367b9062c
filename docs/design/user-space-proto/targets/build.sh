#!/bin/sh
# Test targets (needs systemtap-sdt-dev for <sys/sdt.h>). Run from this folder.
# Frame pointers on: the kernel walks user stacks by frame pointer only (ut-nofp shows what
# Debian's default -O2 gives).
set -e
FP=-fno-omit-frame-pointer
gcc -O2 -g $FP -fPIC -shared -o libut.so libut.c
gcc -O2 -g $FP -fPIE -pie -o ut ut.c wild.c -L. -lut -Wl,-rpath,'$ORIGIN'
cp ut ut-stripped && strip ut-stripped               # only .dynsym left
gcc -O2 -g $FP -no-pie -o ut-nopie ut.c wild.c -L. -lut -Wl,-rpath,'$ORIGIN'
gcc -O2 -g -fPIE -pie -o ut-nofp ut.c wild.c -L. -lut -Wl,-rpath,'$ORIGIN'
g++ -O2 -g $FP -o utcpp utcpp.cpp
gcc -O2 -g $FP -o loop loop.c
gcc -O0 -no-pie -o wtarget wtarget.c
