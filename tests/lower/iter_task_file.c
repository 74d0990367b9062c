
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 { __u64 f0; };
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
static __always_inline __u64 btc_ctx_arg(__u64 *ctx, __u32 i) {
  __u64 v = 0;
  bpf_probe_read_kernel(&v, sizeof(v), ctx + i);
  return v;
}

struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(sizeof(struct btc_event0) == 16, "btc layout: struct btc_event0 size");
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");

SEC("iter/task_file")
int btc_p0_0(__u64 *ctx) {
  if (btc_stopping())
    return 0;
  if (!ctx[3])
    return 0;
#line 2 "script.lines"
  {
#line 2 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 2 "script.lines"
    if (__event) {
#line 2 "script.lines"
      __event->header.id = 0;
#line 2 "script.lines"
      __event->header.reserved = sizeof(struct btc_event0);
#line 2 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)(__u32)(ctx[2]))));
#line 2 "script.lines"
      bpf_seq_write((struct seq_file *)*(__u64 *)ctx[0], __event, sizeof(struct btc_event0));
#line 2 "script.lines"
      bpf_ringbuf_discard(__event, 0);
#line 2 "script.lines"
    } else {
#line 2 "script.lines"
      btc_count_lost();
#line 2 "script.lines"
    }
#line 2 "script.lines"
  }
  return 0;
}
#line 690 "btc_tool.bpf.c"
