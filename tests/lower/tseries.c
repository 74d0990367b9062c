
char LICENSE[] SEC("license") = "GPL";
struct btc_tseries5 { struct btc_tseries_slot s[5]; };
struct btc_tseries20 { struct btc_tseries_slot s[20]; };
struct btc_tuple0 { __s64 f0; };
_Static_assert(sizeof(struct btc_tseries5) == 120, "btc layout: struct btc_tseries5 size");
_Static_assert(sizeof(struct btc_tseries20) == 480, "btc layout: struct btc_tseries20 size");
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event4 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event4, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event4 argument 0");
_Static_assert(sizeof(struct btc_event4) == 16, "btc layout: struct btc_event4 size");
const volatile __u64 btc_start0 = 0;
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[480];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_avg key size");
_Static_assert(sizeof(struct btc_tseries5) == 120, "btc layout: m_avg value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, struct btc_tseries5);
} m_avg SEC(".maps");
_Static_assert(sizeof(__u32) == 4, "btc layout: m_last key size");
_Static_assert(sizeof(struct btc_tseries20) == 480, "btc layout: m_last value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_tseries20);
} m_last SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_max key size");
_Static_assert(sizeof(struct btc_tseries5) == 120, "btc layout: m_max value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, struct btc_tseries5);
} m_max SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_min key size");
_Static_assert(sizeof(struct btc_tseries5) == 120, "btc layout: m_min value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, struct btc_tseries5);
} m_min SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_sum key size");
_Static_assert(sizeof(struct btc_tseries5) == 120, "btc layout: m_sum value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, struct btc_tseries5);
} m_sum SEC(".maps");

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
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_get_prandom_u32())), (__u64)(((__s64)10LL))))));
#line 5 "script.lines"
    __u32 __key = 0;
#line 5 "script.lines"
    struct btc_tseries20 *__entry = bpf_map_lookup_elem(&m_last, &__key);
#line 5 "script.lines"
    if (__entry) {
#line 5 "script.lines"
      __u64 __now = bpf_ktime_get_boot_ns();
#line 5 "script.lines"
      __u64 __epoch = __now / 100000000ULL;
#line 5 "script.lines"
      __u32 __slot = (__u32)(__epoch % 20);
#line 5 "script.lines"
      BTC_OPAQUE(__slot);
#line 5 "script.lines"
      if (__slot < 20) {
#line 5 "script.lines"
        struct btc_tseries_slot *__s = &__entry->s[__slot];
#line 5 "script.lines"
        if (__s->epoch != __epoch) {
#line 5 "script.lines"
          __s->value = __arg;
#line 5 "script.lines"
          __s->meta = __now;
#line 5 "script.lines"
          __s->epoch = __epoch;
#line 5 "script.lines"
        } else {
#line 5 "script.lines"
          __s->value = __arg;
#line 5 "script.lines"
          __s->meta = __now;
#line 5 "script.lines"
        }
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
#line 6 "script.lines"
  {
#line 6 "script.lines"
    __s64 __arg = (__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_get_prandom_u32())), (__u64)(((__s64)10LL))))));
#line 6 "script.lines"
    __u64 __key = ((__u64)(((__u64)bpf_get_smp_processor_id())));
#line 6 "script.lines"
    struct btc_tseries5 *__entry = bpf_map_lookup_elem(&m_avg, &__key);
#line 6 "script.lines"
    if (!__entry) {
#line 6 "script.lines"
      {
#line 6 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_avg, &__key, BTC_ZERO_BUFFER, BPF_NOEXIST));
#line 6 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0 && __ret != -17)
#line 6 "script.lines"
          btc_report_helper(0, __ret);
#line 6 "script.lines"
      }
#line 6 "script.lines"
      __entry = bpf_map_lookup_elem(&m_avg, &__key);
#line 6 "script.lines"
    }
#line 6 "script.lines"
    if (__entry) {
#line 6 "script.lines"
      __u64 __now = bpf_ktime_get_boot_ns();
#line 6 "script.lines"
      __u64 __epoch = __now / 1000000000ULL;
#line 6 "script.lines"
      __u32 __slot = (__u32)(__epoch % 5);
#line 6 "script.lines"
      BTC_OPAQUE(__slot);
#line 6 "script.lines"
      if (__slot < 5) {
#line 6 "script.lines"
        struct btc_tseries_slot *__s = &__entry->s[__slot];
#line 6 "script.lines"
        if (__s->epoch != __epoch) {
#line 6 "script.lines"
          __s->value = __arg;
#line 6 "script.lines"
          __s->meta = 1;
#line 6 "script.lines"
          __s->epoch = __epoch;
#line 6 "script.lines"
        } else {
#line 6 "script.lines"
          __s->value += __arg;
#line 6 "script.lines"
          __s->meta += 1;
#line 6 "script.lines"
        }
#line 6 "script.lines"
      }
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
#line 7 "script.lines"
  {
#line 7 "script.lines"
    __s64 __arg = (__s64)(((__u64)(__u32)(((__u64)bpf_get_prandom_u32()))));
#line 7 "script.lines"
    __u64 __key = ((__u64)(((__u64)bpf_get_smp_processor_id())));
#line 7 "script.lines"
    struct btc_tseries5 *__entry = bpf_map_lookup_elem(&m_max, &__key);
#line 7 "script.lines"
    if (!__entry) {
#line 7 "script.lines"
      {
#line 7 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_max, &__key, BTC_ZERO_BUFFER, BPF_NOEXIST));
#line 7 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0 && __ret != -17)
#line 7 "script.lines"
          btc_report_helper(1, __ret);
#line 7 "script.lines"
      }
#line 7 "script.lines"
      __entry = bpf_map_lookup_elem(&m_max, &__key);
#line 7 "script.lines"
    }
#line 7 "script.lines"
    if (__entry) {
#line 7 "script.lines"
      __u64 __now = bpf_ktime_get_boot_ns();
#line 7 "script.lines"
      __u64 __epoch = __now / 1000000000ULL;
#line 7 "script.lines"
      __u32 __slot = (__u32)(__epoch % 5);
#line 7 "script.lines"
      BTC_OPAQUE(__slot);
#line 7 "script.lines"
      if (__slot < 5) {
#line 7 "script.lines"
        struct btc_tseries_slot *__s = &__entry->s[__slot];
#line 7 "script.lines"
        if (__s->epoch != __epoch) {
#line 7 "script.lines"
          __s->value = __arg;
#line 7 "script.lines"
          __s->meta = 0;
#line 7 "script.lines"
          __s->epoch = __epoch;
#line 7 "script.lines"
        } else {
#line 7 "script.lines"
          if ((__u64)__arg > (__u64)__s->value)
#line 7 "script.lines"
            __s->value = __arg;
#line 7 "script.lines"
        }
#line 7 "script.lines"
      }
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
#line 8 "script.lines"
  {
#line 8 "script.lines"
    __s64 __arg = (__s64)(((__s64)((0 - (__u64)(((__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_get_prandom_u32())), (__u64)(((__s64)10LL))))))))))));
#line 8 "script.lines"
    __u64 __key = ((__u64)(((__u64)bpf_get_smp_processor_id())));
#line 8 "script.lines"
    struct btc_tseries5 *__entry = bpf_map_lookup_elem(&m_min, &__key);
#line 8 "script.lines"
    if (!__entry) {
#line 8 "script.lines"
      {
#line 8 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_min, &__key, BTC_ZERO_BUFFER, BPF_NOEXIST));
#line 8 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0 && __ret != -17)
#line 8 "script.lines"
          btc_report_helper(2, __ret);
#line 8 "script.lines"
      }
#line 8 "script.lines"
      __entry = bpf_map_lookup_elem(&m_min, &__key);
#line 8 "script.lines"
    }
#line 8 "script.lines"
    if (__entry) {
#line 8 "script.lines"
      __u64 __now = bpf_ktime_get_boot_ns();
#line 8 "script.lines"
      __u64 __epoch = __now / 1000000000ULL;
#line 8 "script.lines"
      __u32 __slot = (__u32)(__epoch % 5);
#line 8 "script.lines"
      BTC_OPAQUE(__slot);
#line 8 "script.lines"
      if (__slot < 5) {
#line 8 "script.lines"
        struct btc_tseries_slot *__s = &__entry->s[__slot];
#line 8 "script.lines"
        if (__s->epoch != __epoch) {
#line 8 "script.lines"
          __s->value = __arg;
#line 8 "script.lines"
          __s->meta = 0;
#line 8 "script.lines"
          __s->epoch = __epoch;
#line 8 "script.lines"
        } else {
#line 8 "script.lines"
          if (__arg < __s->value)
#line 8 "script.lines"
            __s->value = __arg;
#line 8 "script.lines"
        }
#line 8 "script.lines"
      }
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    __s64 __arg = (__s64)(((__s64)1LL));
#line 9 "script.lines"
    __u64 __key = ((__u64)(((__u64)bpf_get_smp_processor_id())));
#line 9 "script.lines"
    struct btc_tseries5 *__entry = bpf_map_lookup_elem(&m_sum, &__key);
#line 9 "script.lines"
    if (!__entry) {
#line 9 "script.lines"
      {
#line 9 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_sum, &__key, BTC_ZERO_BUFFER, BPF_NOEXIST));
#line 9 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0 && __ret != -17)
#line 9 "script.lines"
          btc_report_helper(3, __ret);
#line 9 "script.lines"
      }
#line 9 "script.lines"
      __entry = bpf_map_lookup_elem(&m_sum, &__key);
#line 9 "script.lines"
    }
#line 9 "script.lines"
    if (__entry) {
#line 9 "script.lines"
      __u64 __now = bpf_ktime_get_boot_ns();
#line 9 "script.lines"
      __u64 __epoch = __now / 1000000000ULL;
#line 9 "script.lines"
      __u32 __slot = (__u32)(__epoch % 5);
#line 9 "script.lines"
      BTC_OPAQUE(__slot);
#line 9 "script.lines"
      if (__slot < 5) {
#line 9 "script.lines"
        struct btc_tseries_slot *__s = &__entry->s[__slot];
#line 9 "script.lines"
        if (__s->epoch != __epoch) {
#line 9 "script.lines"
          __s->value = __arg;
#line 9 "script.lines"
          __s->meta = 0;
#line 9 "script.lines"
          __s->epoch = __epoch;
#line 9 "script.lines"
        } else {
#line 9 "script.lines"
          __s->value += __arg;
#line 9 "script.lines"
        }
#line 9 "script.lines"
      }
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 10 "script.lines"
  if (((__u64)btc_start0)) {
#line 10 "script.lines"
    {
#line 10 "script.lines"
      struct btc_event4 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event4), 0);
#line 10 "script.lines"
      if (__event) {
#line 10 "script.lines"
        __event->header.id = 4;
#line 10 "script.lines"
        __event->header.reserved = 0;
#line 10 "script.lines"
        __event->p.f0 = ((__u64)(((__u64)btc_target_tgid)));
#line 10 "script.lines"
        bpf_ringbuf_submit(__event, 0);
#line 10 "script.lines"
      } else {
#line 10 "script.lines"
        btc_count_lost();
#line 10 "script.lines"
      }
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
  return 0;
}
#line 1032 "btc_tool.bpf.c"
