#!/bin/sh
# The kernel files btc reads from the environment, as bpftrace does: BPFTRACE_BTF is `--btf FILE`
# (a --btf naming a kernel wins), BPFTRACE_VMLINUX a vmlinux ELF that `kprobe:fn+offset` is
# checked against. A file that cannot be read is one line on stderr and status 1.
# Usage: kernel_files.sh BTC
set -u
btc=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
clang=$(command -v clang-19 || command -v clang) || { echo "skip: no clang"; exit 77; }
passed=0
failed=0

# expect NAME STATUS STDERR -- COMMAND...: COMMAND exits with STATUS and prints exactly STDERR on
# stderr.
expect() {
  name=$1 status=$2 want=$3
  shift 4
  "$@" > out.txt 2> err.txt
  got=$?
  if [ "$got" = "$status" ] && [ "$(cat err.txt)" = "$want" ]; then
    echo "ok cli/$name"
    passed=$((passed + 1))
  else
    echo "FAIL cli/$name: status $got (want $status)"
    echo "  stderr: $(cat err.txt)"
    echo "  want:   $want"
    failed=$((failed + 1))
  fi
}

begin='BEGIN { printf("%d\n", curtask->btc_only_field); exit(); }'
expect btf_env_missing 1 \
  "btc: error: BPFTRACE_BTF: cannot read kernel BTF from /nonexistent: No such file or directory" \
  -- env BPFTRACE_BTF=/nonexistent "$btc" -e "$begin" --emit-c
printf 'not BTF\n' > text.txt
expect btf_env_not_btf 1 \
  "btc: error: BPFTRACE_BTF: cannot read kernel BTF from text.txt: it is neither raw BTF nor an ELF file with BTF" \
  -- env BPFTRACE_BTF=text.txt "$btc" -e "$begin" --emit-c
expect vmlinux_env_missing 1 \
  "btc: error: BPFTRACE_VMLINUX: cannot read /nonexistent: No such file or directory" \
  -- env BPFTRACE_VMLINUX=/nonexistent "$btc" -e 'BEGIN { exit(); }' --emit-c
expect vmlinux_env_not_elf 1 "btc: error: BPFTRACE_VMLINUX: text.txt is not an ELF file" \
  -- env BPFTRACE_VMLINUX=text.txt "$btc" -e 'BEGIN { exit(); }' --emit-c

# A kernel BTF of one type: the script's kernel types come from it, not from the host's.
cat > fake_btf.c <<'C'
struct task_struct { int btc_only_field; };
struct task_struct t;
C
"$clang" -target bpf -g -c fake_btf.c -o fake_btf.o || exit 1
expect btf_env_used 0 "" -- env BPFTRACE_BTF=fake_btf.o "$btc" -e "$begin" --emit-c
expect btf_env_types 1 "stdin:1:24: error: struct task_struct has no field 'pid'
BEGIN { printf(\"%d\\n\", curtask->pid); exit(); }
                       ^~~~~~~~~~~~" \
  -- env BPFTRACE_BTF=fake_btf.o "$btc" -e 'BEGIN { printf("%d\n", curtask->pid); exit(); }' \
  --emit-c
expect btf_flag_wins 0 "" -- env BPFTRACE_BTF=fake_btf.o "$btc" --btf /sys/kernel/btf/vmlinux \
  -e 'BEGIN { printf("%d\n", curtask->pid); exit(); }' --emit-c

# A vmlinux whose vfs_read is a 10-byte movabs, a nop and a ret (12 bytes).
cat > fake_vmlinux.s <<'S'
.text
.globl vfs_read
.type vfs_read,@function
vfs_read:
  movabs $0x1122334455667788, %rax
  nop
  ret
.size vfs_read, .-vfs_read
.globl _start
_start:
  ret
S
cc -nostdlib -static -o vmlinux fake_vmlinux.s || exit 1
for off in 0 10 11; do
  expect "vmlinux_offset_$off" 0 "" -- env BPFTRACE_VMLINUX=vmlinux "$btc" \
    -e "kprobe:vfs_read+$off { exit(); }" --emit-c
done
expect vmlinux_mid_instruction 1 \
  "stdin:1:1: error: could not add kprobe into middle of instruction: vmlinux:vfs_read+1
kprobe:vfs_read+1 { exit(); }
^~~~~~~~~~~~~~~~~" \
  -- env BPFTRACE_VMLINUX=vmlinux "$btc" -e 'kprobe:vfs_read+1 { exit(); }' --emit-c
expect vmlinux_outside 1 \
  "stdin:1:1: error: offset outside the function bounds ('vfs_read' size is 12 in vmlinux)
kprobe:vfs_read+12 { exit(); }
^~~~~~~~~~~~~~~~~~" \
  -- env BPFTRACE_VMLINUX=vmlinux "$btc" -e 'kprobe:vfs_read+12 { exit(); }' --emit-c
expect vmlinux_no_function 0 \
  "stdin:1:1: warning: cannot check vmlinux:vfs_write+3: BPFTRACE_VMLINUX has no function vfs_write
kprobe:vfs_write+3 { exit(); }
^~~~~~~~~~~~~~~~~~" \
  -- env BPFTRACE_VMLINUX=vmlinux "$btc" -e 'kprobe:vfs_write+3 { exit(); }' --emit-c

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
