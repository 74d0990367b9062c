
char LICENSE[] SEC("license") = "GPL";
struct btc_str64 { char s[64]; };
struct btc_str16 { char s[16]; };
struct btc_str6 { char s[6]; };
struct btc_tuple0 {
  __u64 f0;
  __u64 f1;
};
struct btc_str5 { char s[5]; };
struct btc_tuple1 {
  __u64 f0;
  struct btc_str64 f1;
};
struct btc_tuple2 {
  __u64 f0;
  __u64 f1;
  __u64 f2;
  __u64 f3;
};
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_str6) == 6, "btc layout: struct btc_str6 size");
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_str5) == 5, "btc layout: struct btc_str5 size");
_Static_assert(sizeof(struct btc_tuple1) == 72, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(sizeof(struct btc_tuple2) == 32, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 8, "btc layout: struct btc_tuple2 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f2) == 16, "btc layout: struct btc_tuple2 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f3) == 24, "btc layout: struct btc_tuple2 field 3");
struct btc_begin0_vars {
  struct btc_str64 v_l;
  struct btc_str16 v_s;
};
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(sizeof(struct btc_event0) == 24, "btc layout: struct btc_event0 size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event1 argument 1");
_Static_assert(sizeof(struct btc_event1) == 80, "btc layout: struct btc_event1 size");
struct btc_event2 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event2) == 8, "btc layout: struct btc_event2 size");
struct btc_event3 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event3) == 8, "btc layout: struct btc_event3 size");
struct btc_event4 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event4, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event4 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event4, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event4 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event4, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event4 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event4, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event4 argument 3");
_Static_assert(sizeof(struct btc_event4) == 40, "btc layout: struct btc_event4 size");
struct btc_event5 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event5) == 8, "btc layout: struct btc_event5 size");
const volatile char btc_arg1_str[64] = {};
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_begin0_vars);
} btc_begin0_vars SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __u32 __zero = 0;
  struct btc_begin0_vars *__vars = bpf_map_lookup_elem(&btc_begin0_vars, &__zero);
  if (!__vars)
    return 0;
#line 3 "script.lines"
  __vars->v_s = ({ struct btc_str6 __t0 = ((struct btc_str6){"short"}); struct btc_str16 __t1 = {}; __builtin_memcpy(__t1.s, __t0.s, 6); __t1; });
#line 4 "script.lines"
  __vars->v_s = ((struct btc_str16){"a longer string"});
#line 5 "script.lines"
  __vars->v_l = ({ struct btc_str64 __t2; bpf_probe_read_kernel(__t2.s, 64, (const void *)btc_arg1_str); __u64 __t3 = ((__s64)8LL); for (int __t4 = 0; __t4 < 64; __t4++) if (__t4 >= __t3) __t2.s[__t4] = 0; __t2; });
#line 6 "script.lines"
  if (((__s64)((({ struct btc_str16 __t6; bpf_get_current_comm(__t6.s, 16); (__s64)((__u8)__t6.s[0] == 99 && (__u8)__t6.s[1] == 97 && (__u8)__t6.s[2] == 116 && (__u8)__t6.s[3] == 0); })) || (({ struct btc_str16 __t5 = __vars->v_s; (__s64)(!((__u8)__t5.s[0] == 120 && (__u8)__t5.s[1] == 0)); }))))) {
#line 7 "script.lines"
    {
#line 7 "script.lines"
      struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 7 "script.lines"
      if (__event) {
#line 7 "script.lines"
        __event->header.id = 0;
#line 7 "script.lines"
        __event->header.reserved = 0;
#line 7 "script.lines"
        __event->p.f0 = ((__u64)(({ struct btc_str16 __t7 = __vars->v_s; struct btc_str5 __t8 = ((struct btc_str5){"a lo"}); (__u64)!btc_streq(__t7.s, 16, __t8.s, 5, 4); })));
#line 7 "script.lines"
        __event->p.f1 = ((__u64)(({ struct btc_str16 __t9 = __vars->v_s; struct btc_str5 __t10 = ((struct btc_str5){"long"}); btc_strcontains(__t9.s, 16, __t10.s, 5); })));
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
#line 7 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
#line 9 "script.lines"
    if (__event) {
#line 9 "script.lines"
      __event->header.id = 1;
#line 9 "script.lines"
      __event->header.reserved = 0;
#line 9 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)bpf_ktime_get_ns())));
#line 9 "script.lines"
      __event->p.f1 = __vars->v_l;
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
#line 10 "script.lines"
  {
#line 10 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 10 "script.lines"
    if (__event) {
#line 10 "script.lines"
      __event->header.id = 2;
#line 10 "script.lines"
      __event->header.reserved = 0;
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
#line 11 "script.lines"
  {
#line 11 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 11 "script.lines"
    if (__event) {
#line 11 "script.lines"
      __event->header.id = 3;
#line 11 "script.lines"
      __event->header.reserved = 0;
#line 11 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 11 "script.lines"
    } else {
#line 11 "script.lines"
      btc_count_lost();
#line 11 "script.lines"
    }
#line 11 "script.lines"
  }
#line 12 "script.lines"
  {
#line 12 "script.lines"
    struct btc_event4 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event4), 0);
#line 12 "script.lines"
    if (__event) {
#line 12 "script.lines"
      __event->header.id = 4;
#line 12 "script.lines"
      __event->header.reserved = 0;
#line 12 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)(__u16)(__builtin_bswap16((__u16)(((__u64)(__u16)(((__s64)4660LL)))))))));
#line 12 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)(__u32)(__builtin_bswap32((__u32)(((__u64)(__u32)(((__s64)1LL)))))))));
#line 12 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)16ULL)));
#line 12 "script.lines"
      __event->p.f3 = ((__u64)(((__u64)1ULL)));
#line 12 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 12 "script.lines"
    } else {
#line 12 "script.lines"
      btc_count_lost();
#line 12 "script.lines"
    }
#line 12 "script.lines"
  }
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 13 "script.lines"
    if (__event) {
#line 13 "script.lines"
      __event->header.id = 5;
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
#line 13 "script.lines"
  return 0;
  return 0;
}
#line 872 "btc_tool.bpf.c"
