#include "base.h"
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
struct { __u64 out[16]; char outs[16]; } g;
SEC("tracepoint/syscalls/sys_enter_getppid")
int tp(void *ctx) { g.out[0] = bpf_get_current_pid_tgid() >> 32; return 0; }
