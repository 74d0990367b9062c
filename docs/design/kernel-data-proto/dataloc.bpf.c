#include "base.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
/* tracepoint:sched:sched_process_exec { str(args->filename), args->pid } through BTF */
struct trace_event_raw_sched_process_exec {
  __u32 __data_loc_filename;      /* __data_loc char[] filename: (len << 16) | offset in the record */
  int pid;
} __attribute__((preserve_access_index));
struct { __u64 out[16]; char outs[32]; } g;
SEC("tracepoint/sched/sched_process_exec")
int tp(struct trace_event_raw_sched_process_exec *args) {
  __u32 loc = args->__data_loc_filename;
  bpf_probe_read_kernel_str(g.outs, sizeof g.outs, (char *)args + (loc & 0xffff));
  g.out[0] = args->pid;
  g.out[1] = loc >> 16;
  return 0;
}
