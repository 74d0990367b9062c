#include "base.h"
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct task_struct { int pid; } __attribute__((preserve_access_index));
struct { __u64 out[16]; char outs[16]; } g;
SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  g.out[0] = t->pid;   /* plain load through an untyped pointer: refused */
  return 0;
}
