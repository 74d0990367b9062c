/* Feature probe for uprobe_multi links (kernel 6.6+) without libbpf support (libbpf 1.1):
 * load a 2-instruction BPF_PROG_TYPE_KPROBE program with expected_attach_type
 * BPF_TRACE_UPROBE_MULTI (48), then BPF_LINK_CREATE on path "/" with one offset.
 * Supported kernels fail the link with EBADF ("/" is a directory); older ones fail the load or
 * the link with EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/bpf.h>
int main(void) {
  struct bpf_insn insns[2] = {{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0},
                              {.code = BPF_JMP | BPF_EXIT}};
  union bpf_attr a; memset(&a, 0, sizeof a);
  a.prog_type = BPF_PROG_TYPE_KPROBE; a.insns = (unsigned long)insns; a.insn_cnt = 2;
  a.license = (unsigned long)"GPL"; a.expected_attach_type = 48;
  int pfd = syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof a);
  if (pfd < 0) { printf("load: %s -> no uprobe_multi\n", strerror(errno)); return 0; }
  struct { __u32 prog_fd, target_fd, attach_type, flags; __u64 path, offsets, ref, cookies; __u32 cnt, fl, pid; __u8 pad[64]; } l;
  memset(&l, 0, sizeof l);
  unsigned long off = 0;
  l.prog_fd = pfd; l.attach_type = 48; l.path = (unsigned long)"/"; l.offsets = (unsigned long)&off; l.cnt = 1;
  int lfd = syscall(SYS_bpf, BPF_LINK_CREATE, &l, sizeof l);
  int e = errno;
  printf("link_create(path \"/\"): %s -> %s\n", lfd >= 0 ? "ok?!" : strerror(e),
         lfd < 0 && e == EBADF ? "uprobe_multi supported" : "not supported");
  return 0;
}
