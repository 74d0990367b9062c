
char LICENSE[] SEC("license") = "GPL";
struct btc_str16 { char s[16]; };
struct btc_tuple0 {
  __u64 f0;
  struct btc_str16 f1;
};
struct btc_tuple1 {
  __u64 f0;
  struct btc_str16 f1;
  __s64 f2;
};
struct btc_str2 { char s[2]; };
struct btc_tuple2 {
  __s64 f0;
  __s64 f1;
};
struct btc_str4 { char s[4]; };
struct btc_tuple3 {
  __s64 f0;
  struct btc_str4 f1;
  __s64 f2;
};
struct btc_tuple4 { __s64 f0; };
struct btc_tuple5 {
  __s64 f0;
  struct btc_str4 f1;
  __s64 f2;
  __s64 f3;
};
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_tuple0) == 24, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_tuple1) == 32, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 24, "btc layout: struct btc_tuple1 field 2");
_Static_assert(sizeof(struct btc_str2) == 2, "btc layout: struct btc_str2 size");
_Static_assert(sizeof(struct btc_tuple2) == 16, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 8, "btc layout: struct btc_tuple2 field 1");
_Static_assert(sizeof(struct btc_str4) == 4, "btc layout: struct btc_str4 size");
_Static_assert(sizeof(struct btc_tuple3) == 24, "btc layout: struct btc_tuple3 size");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f0) == 0, "btc layout: struct btc_tuple3 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f1) == 8, "btc layout: struct btc_tuple3 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f2) == 16, "btc layout: struct btc_tuple3 field 2");
_Static_assert(sizeof(struct btc_tuple4) == 8, "btc layout: struct btc_tuple4 size");
_Static_assert(__builtin_offsetof(struct btc_tuple4, f0) == 0, "btc layout: struct btc_tuple4 field 0");
_Static_assert(sizeof(struct btc_tuple5) == 32, "btc layout: struct btc_tuple5 size");
_Static_assert(__builtin_offsetof(struct btc_tuple5, f0) == 0, "btc layout: struct btc_tuple5 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple5, f1) == 8, "btc layout: struct btc_tuple5 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple5, f2) == 16, "btc layout: struct btc_tuple5 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple5, f3) == 24, "btc layout: struct btc_tuple5 field 3");
struct btc_begin0_vars { struct btc_tuple3 v_t; };
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple4 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event8 {
  struct btc_event_header header;
  struct btc_tuple5 p;
};
_Static_assert(__builtin_offsetof(struct btc_event8, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event8 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event8, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event8 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event8, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event8 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event8, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event8 argument 3");
_Static_assert(sizeof(struct btc_event8) == 40, "btc layout: struct btc_event8 size");
struct btc_event10 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event10) == 8, "btc layout: struct btc_event10 size");
struct btc_event11 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event11) == 8, "btc layout: struct btc_event11 size");
struct btc_event12 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event12) == 8, "btc layout: struct btc_event12 size");
struct btc_event13 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event13) == 8, "btc layout: struct btc_event13 size");
struct btc_event14 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event14) == 8, "btc layout: struct btc_event14 size");
struct btc_event15 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event15) == 8, "btc layout: struct btc_event15 size");
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[24];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, __s64);
} m_ SEC(".maps");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_n key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_n value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, __s64);
  __type(value, __s64);
} m_n SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_one key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_one value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, __s64);
} m_one SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_pair key size");
_Static_assert(sizeof(struct btc_tuple0) == 24, "btc layout: m_pair value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, struct btc_tuple0);
} m_pair SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_scalar key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_scalar value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, __s64);
} m_scalar SEC(".maps");
_Static_assert(sizeof(struct btc_tuple1) == 32, "btc layout: m_several key size");
_Static_assert(sizeof(struct btc_str2) == 2, "btc layout: m_several value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple1);
  __type(value, struct btc_str2);
} m_several SEC(".maps");
_Static_assert(sizeof(struct btc_tuple2) == 16, "btc layout: m_tuplekey key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_tuplekey value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple2);
  __type(value, __s64);
} m_tuplekey SEC(".maps");
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
#line 4 "script.lines"
  {
#line 4 "script.lines"
    __s64 __value = ((__s64)(((__s64)1LL)));
#line 4 "script.lines"
    __u64 __key = 0;
#line 4 "script.lines"
    {
#line 4 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__value, BPF_ANY));
#line 4 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 4 "script.lines"
        btc_report_helper(0, __ret);
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
#line 5 "script.lines"
  {
#line 5 "script.lines"
    __s64 __value = ((__s64)(((__s64)2LL)));
#line 5 "script.lines"
    __u64 __key = 0;
#line 5 "script.lines"
    {
#line 5 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_scalar, &__key, &__value, BPF_ANY));
#line 5 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 5 "script.lines"
        btc_report_helper(1, __ret);
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
#line 6 "script.lines"
  {
#line 6 "script.lines"
    __s64 __value = ((__s64)(((__s64)3LL)));
#line 6 "script.lines"
    __u64 __key = ((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32))));
#line 6 "script.lines"
    {
#line 6 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_one, &__key, &__value, BPF_ANY));
#line 6 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 6 "script.lines"
        btc_report_helper(2, __ret);
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_str2 __value = ((struct btc_str2){"x"});
#line 7 "script.lines"
    struct btc_tuple1 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32)))); bpf_get_current_comm(__key.f1.s, 16); __key.f2 = ((__s64)(((__s64)7LL)));
#line 7 "script.lines"
    {
#line 7 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_several, &__key, &__value, BPF_ANY));
#line 7 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 7 "script.lines"
        btc_report_helper(3, __ret);
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
#line 8 "script.lines"
  {
#line 8 "script.lines"
    __s64 __value = ((__s64)(((__s64)3LL)));
#line 8 "script.lines"
    struct btc_tuple2 __key = ({ struct btc_tuple2 __t0; __builtin_memset(&__t0, 0, sizeof(__t0)); __t0.f0 = ((__s64)(((__s64)1LL))); __t0.f1 = ((__s64)(((__s64)2LL))); __t0; });
#line 8 "script.lines"
    {
#line 8 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_tuplekey, &__key, &__value, BPF_ANY));
#line 8 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 8 "script.lines"
        btc_report_helper(4, __ret);
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    struct btc_tuple0 __value = ({ struct btc_tuple0 __t1; __builtin_memset(&__t1, 0, sizeof(__t1)); __t1.f0 = ((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32)))); __t1.f1 = ({ struct btc_str16 __t2 = {}; bpf_get_current_comm(__t2.s, 16); __t2; }); __t1; });
#line 9 "script.lines"
    __u64 __key = 0;
#line 9 "script.lines"
    {
#line 9 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_pair, &__key, &__value, BPF_ANY));
#line 9 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 9 "script.lines"
        btc_report_helper(5, __ret);
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 10 "script.lines"
  {
#line 10 "script.lines"
    __s64 __key = ((__s64)(((__s64)2LL)));
#line 10 "script.lines"
    __s64 *__old = bpf_map_lookup_elem(&m_n, &__key);
#line 10 "script.lines"
    __s64 __value = ((__s64)(((__s64)((__u64)((__old ? *__old : 0)) + (__u64)(((__s64)5LL))))));
#line 10 "script.lines"
    {
#line 10 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_n, &__key, &__value, BPF_ANY));
#line 10 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 10 "script.lines"
        btc_report_helper(6, __ret);
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
#line 11 "script.lines"
  {
#line 11 "script.lines"
    __s64 __key = ((__s64)(((__s64)3LL)));
#line 11 "script.lines"
    __s64 *__p = bpf_map_lookup_elem(&m_n, &__key);
#line 11 "script.lines"
    __s64 __next = (__s64)((__u64)(__p ? *__p : 0) + 1);
#line 11 "script.lines"
    {
#line 11 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_n, &__key, &__next, BPF_ANY));
#line 11 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 11 "script.lines"
        btc_report_helper(7, __ret);
#line 11 "script.lines"
    }
#line 11 "script.lines"
  }
#line 12 "script.lines"
  __vars->v_t = ({ struct btc_tuple3 __t3; __builtin_memset(&__t3, 0, sizeof(__t3)); __t3.f0 = ((__s64)(((__s64)1LL))); __t3.f1 = ((struct btc_str4){"two"}); __t3.f2 = ((__s64)(((__s64)(__s8)(((__s64)3LL))))); __t3; });
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_event8 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event8), 0);
#line 13 "script.lines"
    if (__event) {
#line 13 "script.lines"
      __event->header.id = 8;
#line 13 "script.lines"
      __event->header.reserved = 0;
#line 13 "script.lines"
      __event->p.f0 = ((__s64)((__vars->v_t).f0));
#line 13 "script.lines"
      __event->p.f1 = (__vars->v_t).f1;
#line 13 "script.lines"
      __event->p.f2 = ((__s64)((__vars->v_t).f2));
#line 13 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)((__u64)(({ __u64 __t6 = ((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32)))); __s64 *__t7 = bpf_map_lookup_elem(&m_one, &__t6); (__s64)(__t7 ? *__t7 : 0); })) + (__u64)(({ __u64 __t4 = 0; __s64 *__t5 = bpf_map_lookup_elem(&m_scalar, &__t4); (__s64)(__t5 ? *__t5 : 0); }))))));
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
    __u64 __key = ((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32))));
#line 14 "script.lines"
    {
#line 14 "script.lines"
      long __ret = (int)(bpf_map_delete_elem(&m_one, &__key));
#line 14 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 14 "script.lines"
        btc_report_helper(9, __ret);
#line 14 "script.lines"
    }
#line 14 "script.lines"
  }
#line 15 "script.lines"
  {
#line 15 "script.lines"
    struct btc_event10 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event10), 0);
#line 15 "script.lines"
    if (__event) {
#line 15 "script.lines"
      __event->header.id = 10;
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
    struct btc_event11 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event11), 0);
#line 16 "script.lines"
    if (__event) {
#line 16 "script.lines"
      __event->header.id = 11;
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
    struct btc_event12 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event12), 0);
#line 17 "script.lines"
    if (__event) {
#line 17 "script.lines"
      __event->header.id = 12;
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
#line 18 "script.lines"
  {
#line 18 "script.lines"
    struct btc_event13 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event13), 0);
#line 18 "script.lines"
    if (__event) {
#line 18 "script.lines"
      __event->header.id = 13;
#line 18 "script.lines"
      __event->header.reserved = 0;
#line 18 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 18 "script.lines"
    } else {
#line 18 "script.lines"
      btc_count_lost();
#line 18 "script.lines"
    }
#line 18 "script.lines"
  }
#line 19 "script.lines"
  {
#line 19 "script.lines"
    struct btc_event14 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event14), 0);
#line 19 "script.lines"
    if (__event) {
#line 19 "script.lines"
      __event->header.id = 14;
#line 19 "script.lines"
      __event->header.reserved = 0;
#line 19 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 19 "script.lines"
    } else {
#line 19 "script.lines"
      btc_count_lost();
#line 19 "script.lines"
    }
#line 19 "script.lines"
  }
#line 20 "script.lines"
  {
#line 20 "script.lines"
    struct btc_event15 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event15), 0);
#line 20 "script.lines"
    if (__event) {
#line 20 "script.lines"
      __event->header.id = 15;
#line 20 "script.lines"
      __event->header.reserved = 0;
#line 20 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 20 "script.lines"
    } else {
#line 20 "script.lines"
      btc_count_lost();
#line 20 "script.lines"
    }
#line 20 "script.lines"
  }
#line 20 "script.lines"
  return 0;
  return 0;
}
#line 1123 "btc_tool.bpf.c"
