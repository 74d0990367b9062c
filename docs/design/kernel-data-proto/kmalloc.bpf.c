#include "base.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
#define __pai __attribute__((preserve_access_index))
/* kmem:kmalloc: class trace_event_raw_kmalloc on 6.1+, trace_event_raw_kmem_alloc on 5.10. */
struct trace_event_raw_kmalloc___btc { unsigned long bytes_req; unsigned long bytes_alloc; } __pai;
struct trace_event_raw_kmem_alloc___btc { unsigned long bytes_req; unsigned long bytes_alloc; } __pai;
struct { __u64 out[16]; char outs[16]; } g;
/* Record fields read with a probe read of ctx + relocated offset: Clang may otherwise turn a
 * CO-RE ctx access into `ctx += off; load [ctx+0]`, which the verifier refuses. */
#define btc_tp_read(args, field) ({ __u64 __v = 0;                                          \
  bpf_probe_read_kernel(&__v, bpf_core_field_size(args->field) > 8 ? 8 : bpf_core_field_size(args->field), \
                        __builtin_preserve_access_index(&args->field)); __v; })
SEC("tracepoint/kmem/kmalloc")
int tp(void *ctx) {
  if (g.out[0]) return 0;
#ifdef CHAIN_PROBE
  if (bpf_core_type_exists(struct trace_event_raw_kmalloc___btc)) {
    struct trace_event_raw_kmalloc___btc *a = ctx;
    g.out[1] = btc_tp_read(a, bytes_req); g.out[2] = btc_tp_read(a, bytes_alloc); g.out[3] = 1;
  } else if (bpf_core_type_exists(struct trace_event_raw_kmem_alloc___btc)) {
    struct trace_event_raw_kmem_alloc___btc *a = ctx;
    g.out[1] = btc_tp_read(a, bytes_req); g.out[2] = btc_tp_read(a, bytes_alloc); g.out[3] = 2;
  }
#elif defined(CHAIN)
  if (bpf_core_type_exists(struct trace_event_raw_kmalloc___btc)) {
    struct trace_event_raw_kmalloc___btc *a = ctx;
    g.out[1] = a->bytes_req; g.out[2] = a->bytes_alloc; g.out[3] = 1;
  } else if (bpf_core_type_exists(struct trace_event_raw_kmem_alloc___btc)) {
    struct trace_event_raw_kmem_alloc___btc *a = ctx;
    g.out[1] = a->bytes_req; g.out[2] = a->bytes_alloc; g.out[3] = 2;
  }
#else
  struct trace_event_raw_kmalloc___btc *a = ctx;
  g.out[1] = a->bytes_req; g.out[2] = a->bytes_alloc; g.out[3] = 1;
#endif
  g.out[0] = 1;
  return 0;
}
