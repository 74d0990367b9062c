#include "base.h"
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct task_struct { long state; int pid; } __attribute__((preserve_access_index));
struct { __u64 out[16]; char outs[16]; } g;
#define BTC_READ(T, addr) ({ T __v = 0; bpf_probe_read_kernel(&__v, sizeof __v, (const void *)(addr)); __v; })
SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) {
#line 1 "script.lines"
  struct task_struct *t;
#line 2 "script.lines"
  t = (struct task_struct *)bpf_get_current_task(); g.out[0] = BTC_READ(int, &t->pid);
#line 3 "script.lines"
  t = (struct task_struct *)bpf_get_current_task(); g.out[1] = BTC_READ(long, &t->state);
#line 4 "script.lines"
  return 0;
}
