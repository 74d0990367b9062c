
char LICENSE[] SEC("license") = "GPL";
struct btc_str16 { char s[16]; };
struct btc_lhist12 { __u64 b[12]; };
struct btc_tuple0 { __s64 f0; };
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_lhist12) == 96, "btc layout: struct btc_lhist12 size");
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event2 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event2) == 8, "btc layout: struct btc_event2 size");
struct btc_event3 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event3) == 8, "btc layout: struct btc_event3 size");
struct btc_event4 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event4) == 8, "btc layout: struct btc_event4 size");
struct btc_event5 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event5) == 8, "btc layout: struct btc_event5 size");
struct btc_event6 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event6) == 8, "btc layout: struct btc_event6 size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[528];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: m_avg key size");
_Static_assert(sizeof(struct btc_avg) == 16, "btc layout: m_avg value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str16);
  __type(value, struct btc_avg);
} m_avg SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_bytes key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_bytes value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, __s64);
} m_bytes SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_calls key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_calls value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __s64);
} m_calls SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_h key size");
_Static_assert(sizeof(struct btc_hist) == 528, "btc layout: m_h value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_hist);
} m_h SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_lh key size");
_Static_assert(sizeof(struct btc_lhist12) == 96, "btc layout: m_lh value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_lhist12);
} m_lh SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_mn key size");
_Static_assert(sizeof(struct btc_minmax) == 16, "btc layout: m_mn value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_minmax);
} m_mn SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_mx key size");
_Static_assert(sizeof(struct btc_minmax) == 16, "btc layout: m_mx value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_minmax);
} m_mx SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_st key size");
_Static_assert(sizeof(struct btc_avg) == 16, "btc layout: m_st value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_avg);
} m_st SEC(".maps");

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

SEC("perf_event")
int btc_p0_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 3 "script.lines"
  {
#line 3 "script.lines"
    __u32 __key = 0;
#line 3 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_calls, &__key);
#line 3 "script.lines"
    if (__entry) {
#line 3 "script.lines"
      *__entry += 1;
#line 3 "script.lines"
    }
#line 3 "script.lines"
  }
#line 4 "script.lines"
  {
#line 4 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)100LL))))));
#line 4 "script.lines"
    __u64 __key = ((__u64)(((__u64)bpf_get_smp_processor_id())));
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_bytes, &__key);
#line 4 "script.lines"
    if (__entry) {
#line 4 "script.lines"
      *__entry += __arg;
#line 4 "script.lines"
    } else {
#line 4 "script.lines"
      __s64 __first = __arg;
#line 4 "script.lines"
      {
#line 4 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_bytes, &__key, &__first, BPF_ANY));
#line 4 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 4 "script.lines"
          btc_report_helper(0, __ret);
#line 4 "script.lines"
      }
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
#line 5 "script.lines"
  {
#line 5 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)7LL))))));
#line 5 "script.lines"
    __u32 __key = 0;
#line 5 "script.lines"
    struct btc_minmax *__entry = bpf_map_lookup_elem(&m_mn, &__key);
#line 5 "script.lines"
    if (__entry) {
#line 5 "script.lines"
      if (!__entry->is_set || __arg < __entry->value) {
#line 5 "script.lines"
        __entry->value = __arg;
#line 5 "script.lines"
        __entry->is_set = 1;
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
#line 6 "script.lines"
  {
#line 6 "script.lines"
    __s64 __arg = (__s64)(((__s64)((__u64)(((__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)7LL)))))))) - (__u64)(((__s64)3LL)))));
#line 6 "script.lines"
    __u32 __key = 0;
#line 6 "script.lines"
    struct btc_minmax *__entry = bpf_map_lookup_elem(&m_mx, &__key);
#line 6 "script.lines"
    if (__entry) {
#line 6 "script.lines"
      if (!__entry->is_set || __arg > __entry->value) {
#line 6 "script.lines"
        __entry->value = __arg;
#line 6 "script.lines"
        __entry->is_set = 1;
#line 6 "script.lines"
      }
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
#line 7 "script.lines"
  {
#line 7 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)1000LL))))));
#line 7 "script.lines"
    struct btc_str16 __key; bpf_get_current_comm(__key.s, 16);
#line 7 "script.lines"
    struct btc_avg *__entry = bpf_map_lookup_elem(&m_avg, &__key);
#line 7 "script.lines"
    if (__entry) {
#line 7 "script.lines"
      __entry->sum += __arg;
#line 7 "script.lines"
      __entry->count += 1;
#line 7 "script.lines"
    } else {
#line 7 "script.lines"
      struct btc_avg __first = {.sum = __arg, .count = 1};
#line 7 "script.lines"
      {
#line 7 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_avg, &__key, &__first, BPF_ANY));
#line 7 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 7 "script.lines"
          btc_report_helper(1, __ret);
#line 7 "script.lines"
      }
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
#line 8 "script.lines"
  {
#line 8 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)1000LL))))));
#line 8 "script.lines"
    __u32 __key = 0;
#line 8 "script.lines"
    struct btc_avg *__entry = bpf_map_lookup_elem(&m_st, &__key);
#line 8 "script.lines"
    if (__entry) {
#line 8 "script.lines"
      __entry->sum += __arg;
#line 8 "script.lines"
      __entry->count += 1;
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)4096LL))))));
#line 9 "script.lines"
    __u32 __key = 0;
#line 9 "script.lines"
    struct btc_hist *__entry = bpf_map_lookup_elem(&m_h, &__key);
#line 9 "script.lines"
    if (__entry) {
#line 9 "script.lines"
      __u32 __bucket = btc_hist_bucket(__arg);
#line 9 "script.lines"
      BTC_OPAQUE(__bucket);
#line 9 "script.lines"
      if (__bucket < BTC_HIST_BUCKETS)
#line 9 "script.lines"
        __entry->b[__bucket] += 1;
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 10 "script.lines"
  {
#line 10 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)100LL))))));
#line 10 "script.lines"
    __u32 __key = 0;
#line 10 "script.lines"
    struct btc_lhist12 *__entry = bpf_map_lookup_elem(&m_lh, &__key);
#line 10 "script.lines"
    if (__entry) {
#line 10 "script.lines"
      __u32 __bucket = btc_lhist_bucket(__arg, 0, 100, 10, 12);
#line 10 "script.lines"
      BTC_OPAQUE(__bucket);
#line 10 "script.lines"
      if (__bucket < 12)
#line 10 "script.lines"
        __entry->b[__bucket] += 1;
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
  return 0;
}
#line 935 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p1_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 13 "script.lines"
    if (__event) {
#line 13 "script.lines"
      __event->header.id = 2;
#line 13 "script.lines"
      __event->header.reserved = 0;
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
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 14 "script.lines"
    if (__event) {
#line 14 "script.lines"
      __event->header.id = 3;
#line 14 "script.lines"
      __event->header.reserved = 0;
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
#line 15 "script.lines"
  {
#line 15 "script.lines"
    struct btc_event4 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event4), 0);
#line 15 "script.lines"
    if (__event) {
#line 15 "script.lines"
      __event->header.id = 4;
#line 15 "script.lines"
      __event->header.reserved = 0;
#line 15 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 15 "script.lines"
    } else {
#line 15 "script.lines"
      btc_count_lost();
#line 15 "script.lines"
    }
#line 15 "script.lines"
  }
#line 16 "script.lines"
  {
#line 16 "script.lines"
    struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 16 "script.lines"
    if (__event) {
#line 16 "script.lines"
      __event->header.id = 5;
#line 16 "script.lines"
      __event->header.reserved = 0;
#line 16 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 16 "script.lines"
    } else {
#line 16 "script.lines"
      btc_count_lost();
#line 16 "script.lines"
    }
#line 16 "script.lines"
  }
#line 17 "script.lines"
  {
#line 17 "script.lines"
    struct btc_event6 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event6), 0);
#line 17 "script.lines"
    if (__event) {
#line 17 "script.lines"
      __event->header.id = 6;
#line 17 "script.lines"
      __event->header.reserved = 0;
#line 17 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 17 "script.lines"
    } else {
#line 17 "script.lines"
      btc_count_lost();
#line 17 "script.lines"
    }
#line 17 "script.lines"
  }
#line 17 "script.lines"
  return 0;
  return 0;
}
#line 1045 "btc_tool.bpf.c"
