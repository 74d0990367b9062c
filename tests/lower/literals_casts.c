
struct btc_str10 { char s[10]; };
struct btc_tuple0 {
  __u64 f0;
  __s64 f1;
  __u64 f2;
  __s64 f3;
  __u64 f4;
  __s64 f5;
  __u64 f6;
  __s64 f7;
};
struct btc_tuple1 {
  __s64 f0;
  __s64 f1;
  struct btc_str10 f2;
  __s64 f3;
  __u64 f4;
  __s64 f5;
};
struct btc_begin0_vars {
  struct btc_str10 v_s;
};
struct btc_event0 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple0 p;
};
struct btc_event1 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple1 p;
};
struct btc_event2 {
  __u32 id;
  __u32 reserved;
};
char btc_zero[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} btc_events SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_begin0_vars);
} btc_begin0_vars SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __s64 v_a = 0;
  __s64 v_c = 0;
  __s64 v_w = 0;
  __s64 v_x = 0;
  __u64 v_y = 0;
  __s64 v_z = 0;
  __u32 __zero = 0;
  struct btc_begin0_vars *__vars = bpf_map_lookup_elem(&btc_begin0_vars, &__zero);
  if (!__vars)
    return 0;
#line 3 "script.lines"
  v_a = ((__s64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)((__u64)(((__s64)10LL)) + (__u64)(((__s64)83LL))))) + (__u64)(((__s64)16LL))))) + (__u64)(((__s64)31LL))))) + (__u64)(((__s64)2000LL))))) + (__u64)(((__s64)1000123000LL))))) + (__u64)(((__s64)123LL))))) + (__u64)(((__s64)123LL))))) + (__u64)(((__s64)123LL))))));
#line 4 "script.lines"
  v_c = ((__s64)(((__s64)99LL)));
#line 5 "script.lines"
  __vars->v_s = ((struct btc_str10){"a\011bAA\\\"q\n"});
#line 6 "script.lines"
  v_z = ((__s64)(((__s64)((0 - (__u64)(((__s64)1LL)))))));
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event0), 0);
#line 7 "script.lines"
    if (__event) {
#line 7 "script.lines"
      __event->id = 0;
#line 7 "script.lines"
      __event->reserved = 0;
#line 7 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)(__u8)(v_z))));
#line 7 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)(__s8)(((__s64)300LL)))));
#line 7 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)(__u16)(v_z))));
#line 7 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)(__s16)(((__s64)40000LL)))));
#line 7 "script.lines"
      __event->p.f4 = ((__u64)(((__u64)(__u32)(v_z))));
#line 7 "script.lines"
      __event->p.f5 = ((__s64)(((__s64)(__s32)(v_z))));
#line 7 "script.lines"
      __event->p.f6 = ((__u64)(((__u64)(v_z))));
#line 7 "script.lines"
      __event->p.f7 = ((__s64)(((__s64)(v_z))));
#line 7 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 7 "script.lines"
    } else {
#line 7 "script.lines"
      btc_count_lost();
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
#line 9 "script.lines"
  v_x = ((__s64)(((__s64)5LL)));
#line 10 "script.lines"
  v_y = ((__u64)(__u8)(((__s64)300LL)));
#line 12 "script.lines"
  v_w = ((__s64)(__s16)(((__s64)7LL)));
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event1), 0);
#line 13 "script.lines"
    if (__event) {
#line 13 "script.lines"
      __event->id = 1;
#line 13 "script.lines"
      __event->reserved = 0;
#line 13 "script.lines"
      __event->p.f0 = ((__s64)(v_a));
#line 13 "script.lines"
      __event->p.f1 = ((__s64)(v_c));
#line 13 "script.lines"
      __event->p.f2 = __vars->v_s;
#line 13 "script.lines"
      __event->p.f3 = ((__s64)(v_x));
#line 13 "script.lines"
      __event->p.f4 = ((__u64)(v_y));
#line 13 "script.lines"
      __event->p.f5 = ((__s64)(v_w));
#line 13 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 13 "script.lines"
    } else {
#line 13 "script.lines"
      btc_count_lost();
#line 13 "script.lines"
    }
#line 13 "script.lines"
  }
#line 14 "script.lines"
  {
#line 14 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event2), 0);
#line 14 "script.lines"
    if (__event) {
#line 14 "script.lines"
      __event->id = 2;
#line 14 "script.lines"
      __event->reserved = 0;
#line 14 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 14 "script.lines"
    } else {
#line 14 "script.lines"
      btc_count_lost();
#line 14 "script.lines"
    }
#line 14 "script.lines"
  }
#line 14 "script.lines"
  return 0;
  return 0;
}
#line 339 "btc_tool.bpf.c"
