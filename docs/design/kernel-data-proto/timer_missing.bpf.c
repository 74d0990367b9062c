#include "base.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
/* What btc would emit for `tracepoint:timer:timer_start { ... args->now, args->expires ... }`:
 * the record type named as in vmlinux BTF, only the fields used, relocatable by name. */
struct trace_event_raw_timer_start {
  unsigned long expires;
  unsigned long bucket_expiry; /* 5.14+ only: touched only under bpf_core_field_exists */
  unsigned long now;
  void *function;
} __attribute__((preserve_access_index));
struct { __u64 out[16]; char outs[16]; } g;
SEC("tracepoint/timer/timer_start")
int tp(struct trace_event_raw_timer_start *args) {
  if (g.out[0]) return 0;
  g.out[1] = args->now;          /* direct ctx load, offset relocated */
  g.out[2] = args->expires;
  g.out[3] = bpf_core_field_exists(args->bucket_expiry);
  g.out[4] = args->bucket_expiry;
  g.out[5] = bpf_core_field_offset(args->now);
  g.out[6] = bpf_core_type_size(struct trace_event_raw_timer_start);
  g.out[0] = 1;
  return 0;
}
