#if HDR == 1
#include "vmlinux.h"
#elif HDR == 2
#include "base.h"
#include "task_deps.h"
#else
#include "base.h"
#include "minimal_task.h"
#endif
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
struct { __u64 out[16]; char outs[16]; } g;
SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) {
  struct task_struct *t = (struct task_struct *)bpf_get_current_task();
  /* pattern A: BPF_CORE_READ (bpf_probe_read_kernel + preserve_access_index per step) */
  g.out[0] = BPF_CORE_READ(t, pid);
  g.out[1] = BPF_CORE_READ(t, tgid);
  g.out[2] = BPF_CORE_READ(t, real_parent, tgid);
  BPF_CORE_READ_STR_INTO(&g.outs, t, comm);
  /* pattern B: plain -> on a preserve_access_index record, address only, then probe_read */
  int tgid2 = 0;
  bpf_probe_read_kernel(&tgid2, sizeof tgid2, &t->tgid);
  g.out[3] = tgid2;
  g.out[4] = bpf_core_field_exists(t->tgid);
  g.out[5] = bpf_core_field_size(t->comm);
  g.out[6] = bpf_core_field_offset(t->tgid);
  return 0;
}
