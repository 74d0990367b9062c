
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 { __u64 f0; };
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(sizeof(struct btc_event0) == 16, "btc layout: struct btc_event0 size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(sizeof(struct btc_event1) == 16, "btc layout: struct btc_event1 size");
const volatile __u32 btc_target_tgid = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_f key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_f value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __s64);
} m_f SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_n key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_n value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __s64);
} m_n SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 4 "script.lines"
    if (__event) {
#line 4 "script.lines"
      __event->header.id = 0;
#line 4 "script.lines"
      __event->header.reserved = 0;
#line 4 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)btc_target_tgid)));
#line 4 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 4 "script.lines"
    } else {
#line 4 "script.lines"
      btc_count_lost();
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
  return 0;
}
#line 701 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p1_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    __u32 __key = 0;
#line 5 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_n, &__key);
#line 5 "script.lines"
    if (__entry) {
#line 5 "script.lines"
      *__entry += 1;
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
  return 0;
}
#line 723 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p1_1(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    __u32 __key = 0;
#line 5 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_n, &__key);
#line 5 "script.lines"
    if (__entry) {
#line 5 "script.lines"
      *__entry += 1;
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
  return 0;
}
#line 747 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p2_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    __u32 __key = 0;
#line 6 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_f, &__key);
#line 6 "script.lines"
    if (__entry) {
#line 6 "script.lines"
      *__entry += 1;
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 771 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p2_1(void *ctx) {
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    __u32 __key = 0;
#line 6 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_f, &__key);
#line 6 "script.lines"
    if (__entry) {
#line 6 "script.lines"
      *__entry += 1;
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 793 "btc_tool.bpf.c"

SEC("raw_tp")
int btc_end3(void *ctx) {
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
#line 7 "script.lines"
    if (__event) {
#line 7 "script.lines"
      __event->header.id = 1;
#line 7 "script.lines"
      __event->header.reserved = 0;
#line 7 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)btc_target_tgid)));
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
  return 0;
}
#line 821 "btc_tool.bpf.c"
