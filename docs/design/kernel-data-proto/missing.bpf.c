#include "base.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
struct task_struct { long state; int pid; } __attribute__((preserve_access_index));
struct { __u64 out[16]; char outs[16]; } g;
SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
#line 1 "script.lines"
  g.out[0] = BPF_CORE_READ(t, state);
  return 0;
}
