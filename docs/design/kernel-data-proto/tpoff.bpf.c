#include "base.h"
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
/* Alternative to CO-RE for tracepoint records: the tool fills each used field's offset from
 * the TARGET's tracefs format before load; the program reads ctx + offset. */
const volatile __u32 btc_tp_off[2] = {0, 0};   /* timer_start: now, expires */
struct { __u64 out[16]; char outs[16]; } g;
SEC("tracepoint/timer/timer_start")
int tp(void *ctx) {
  if (g.out[0]) return 0;
  bpf_probe_read_kernel(&g.out[1], 8, (char *)ctx + btc_tp_off[0]);
  bpf_probe_read_kernel(&g.out[2], 8, (char *)ctx + btc_tp_off[1]);
  g.out[0] = 1;
  return 0;
}
