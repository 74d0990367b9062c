
char LICENSE[] SEC("license") = "GPL";
struct btc_str32 { char s[32]; };
struct btc_tuple0 { __s64 f0; };
struct btc_tuple1 {
  struct btc_str32 f0;
  struct btc_str32 f1;
};
_Static_assert(sizeof(struct btc_str32) == 32, "btc layout: struct btc_str32 size");
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(sizeof(struct btc_tuple1) == 64, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 32, "btc layout: struct btc_tuple1 field 1");
struct btc_begin0_vars {
  struct btc_str32 v_a;
  struct btc_str32 v_b;
};
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event1 argument 1");
_Static_assert(sizeof(struct btc_event1) == 72, "btc layout: struct btc_event1 size");
struct btc_event2 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event2) == 8, "btc layout: struct btc_event2 size");
const volatile char btc_arg1_str[37] = {};
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_str32) == 32, "btc layout: m_m key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_m value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str32);
  __type(value, __s64);
} m_m SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_begin0_vars);
} btc_begin0_vars SEC(".maps");

static __attribute__((noinline)) void btc_report_helper(__u32 __id, long __ret) {
  struct btc_helper_report *__event =
      bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_helper_report), 0);
  if (__event) {
    __event->header.id = __id;
    __event->header.reserved = 0;
    __event->p.f0 = __ret;
    bpf_ringbuf_submit(__event, 0);
  } else {
    btc_count_lost();
  }
}

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __u32 __zero = 0;
  struct btc_begin0_vars *__vars = bpf_map_lookup_elem(&btc_begin0_vars, &__zero);
  if (!__vars)
    return 0;
#line 5 "script.lines"
  __vars->v_a = ({ struct btc_str32 __t0; bpf_probe_read_kernel(__t0.s, 32, (const void *)btc_arg1_str); __t0.s[31] = 0; __t0; });
#line 6 "script.lines"
  __vars->v_b = ({ struct btc_str32 __t1; bpf_probe_read_kernel(__t1.s, 32, (const void *)(btc_arg1_str + 3)); __t1.s[31] = 0; __u64 __t2 = ((__s64)4LL); for (int __t3 = 0; __t3 < 32; __t3++) if (__t3 >= __t2) __t1.s[__t3] = 0; __t1; });
#line 7 "script.lines"
  {
#line 7 "script.lines"
    __s64 __value = ((__s64)(((__s64)1LL)));
#line 7 "script.lines"
    struct btc_str32 __key = ({ struct btc_str32 __t4; bpf_probe_read_kernel(__t4.s, 32, (const void *)(btc_arg1_str + 5)); __t4.s[31] = 0; __t4; });
#line 7 "script.lines"
    {
#line 7 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_m, &__key, &__value, BPF_ANY));
#line 7 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 7 "script.lines"
        btc_report_helper(0, __ret);
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
#line 8 "script.lines"
    if (__event) {
#line 8 "script.lines"
      __event->header.id = 1;
#line 8 "script.lines"
      __event->header.reserved = 0;
#line 8 "script.lines"
      __event->p.f0 = __vars->v_a;
#line 8 "script.lines"
      __event->p.f1 = __vars->v_b;
#line 8 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 8 "script.lines"
    } else {
#line 8 "script.lines"
      btc_count_lost();
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 9 "script.lines"
    if (__event) {
#line 9 "script.lines"
      __event->header.id = 2;
#line 9 "script.lines"
      __event->header.reserved = 0;
#line 9 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 9 "script.lines"
    } else {
#line 9 "script.lines"
      btc_count_lost();
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 9 "script.lines"
  return 0;
  return 0;
}
#line 779 "btc_tool.bpf.c"
