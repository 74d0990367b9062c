
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 {
  __s64 f0;
  __s64 f1;
  __s64 f2;
  __s64 f3;
  __s64 f4;
};
struct btc_tuple1 {
  __s64 f0;
  __s64 f1;
  __s64 f2;
  __s64 f3;
  __s64 f4;
  __s64 f5;
};
struct btc_str5 { char s[5]; };
struct btc_tuple2 {
  __s64 f0;
  __s64 f1;
  __s64 f2;
  __s64 f3;
  struct btc_str5 f4;
};
struct btc_str4 { char s[4]; };
struct btc_tuple3 { __s64 f0; };
_Static_assert(sizeof(struct btc_tuple0) == 40, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f4) == 32, "btc layout: struct btc_tuple0 field 4");
_Static_assert(sizeof(struct btc_tuple1) == 48, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 16, "btc layout: struct btc_tuple1 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f3) == 24, "btc layout: struct btc_tuple1 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f4) == 32, "btc layout: struct btc_tuple1 field 4");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f5) == 40, "btc layout: struct btc_tuple1 field 5");
_Static_assert(sizeof(struct btc_str5) == 5, "btc layout: struct btc_str5 size");
_Static_assert(sizeof(struct btc_tuple2) == 40, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 8, "btc layout: struct btc_tuple2 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f2) == 16, "btc layout: struct btc_tuple2 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f3) == 24, "btc layout: struct btc_tuple2 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f4) == 32, "btc layout: struct btc_tuple2 field 4");
_Static_assert(sizeof(struct btc_str4) == 4, "btc layout: struct btc_str4 size");
_Static_assert(sizeof(struct btc_tuple3) == 8, "btc layout: struct btc_tuple3 size");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f0) == 0, "btc layout: struct btc_tuple3 field 0");
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event0 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event0 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f4) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event0 argument 4");
_Static_assert(sizeof(struct btc_event0) == 48, "btc layout: struct btc_event0 size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event1 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event1 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event1 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f4) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event1 argument 4");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f5) == sizeof(struct btc_event_header) + 40, "btc layout: struct btc_event1 argument 5");
_Static_assert(sizeof(struct btc_event1) == 56, "btc layout: struct btc_event1 size");
struct btc_event2 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event2, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event2 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event2 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event2 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event2 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f4) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event2 argument 4");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f5) == sizeof(struct btc_event_header) + 40, "btc layout: struct btc_event2 argument 5");
_Static_assert(sizeof(struct btc_event2) == 56, "btc layout: struct btc_event2 size");
struct btc_event3 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event3, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event3 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event3 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event3 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event3 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f4) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event3 argument 4");
_Static_assert(sizeof(struct btc_event3) == 48, "btc layout: struct btc_event3 size");
struct btc_event4 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event4) == 8, "btc layout: struct btc_event4 size");
struct btc_event5 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event5) == 8, "btc layout: struct btc_event5 size");
struct btc_event6 {
  struct btc_event_header header;
  struct btc_tuple3 p;
};
_Static_assert(__builtin_offsetof(struct btc_event6, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event6 argument 0");
_Static_assert(sizeof(struct btc_event6) == 16, "btc layout: struct btc_event6 size");
struct btc_event7 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event7) == 8, "btc layout: struct btc_event7 size");
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __s64 v_m = 0;
  __s64 v_n = 0;
  __u64 v_u = 0;
#line 3 "script.lines"
  v_n = ((__s64)(((__s64)(((__u64)bpf_ktime_get_ns())))));
#line 4 "script.lines"
  v_u = ((__u64)(__u32)(((__u64)(__u32)(((__u64)(bpf_get_current_pid_tgid() >> 32))))));
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->header.id = 0;
#line 5 "script.lines"
      __event->header.reserved = 0;
#line 5 "script.lines"
      __event->p.f0 = ((__s64)(((__s64)((__u64)(v_n) + (__u64)(((__s64)3LL))))));
#line 5 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)((__u64)(v_n) - (__u64)(((__s64)3LL))))));
#line 5 "script.lines"
      __event->p.f2 = ((__s64)(((__s64)((__u64)(v_n) * (__u64)(((__s64)3LL))))));
#line 5 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)(btc_div((__u64)(v_n), (__u64)(((__s64)2LL)))))));
#line 5 "script.lines"
      __event->p.f4 = ((__s64)(((__s64)(btc_mod((__u64)(v_n), (__u64)(((__s64)2LL)))))));
#line 5 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 5 "script.lines"
    } else {
#line 5 "script.lines"
      btc_count_lost();
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
#line 6 "script.lines"
    if (__event) {
#line 6 "script.lines"
      __event->header.id = 1;
#line 6 "script.lines"
      __event->header.reserved = 0;
#line 6 "script.lines"
      __event->p.f0 = ((__s64)(((__s64)((__u64)(v_n) & (__u64)(((__s64)3LL))))));
#line 6 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)((__u64)(v_n) | (__u64)(((__s64)2LL))))));
#line 6 "script.lines"
      __event->p.f2 = ((__s64)(((__s64)((__u64)(v_n) ^ (__u64)(((__s64)3LL))))));
#line 6 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)(btc_shl((__u64)(v_n), (__u64)(((__s64)2LL)))))));
#line 6 "script.lines"
      __event->p.f4 = ((__s64)(((__s64)(btc_shr((__u64)(v_n), (__u64)(((__s64)2LL)))))));
#line 6 "script.lines"
      __event->p.f5 = ((__s64)(((__s64)((~(__u64)(v_n))))));
#line 6 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 6 "script.lines"
    } else {
#line 6 "script.lines"
      btc_count_lost();
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 7 "script.lines"
    if (__event) {
#line 7 "script.lines"
      __event->header.id = 2;
#line 7 "script.lines"
      __event->header.reserved = 0;
#line 7 "script.lines"
      __event->p.f0 = ((__s64)(((__s64)((__s64)(v_n) < (__s64)(((__s64)9LL))))));
#line 7 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)((__s64)(v_n) <= (__s64)(((__s64)9LL))))));
#line 7 "script.lines"
      __event->p.f2 = ((__s64)(((__s64)((__u64)(v_u) > (__u64)(((__s64)8LL))))));
#line 7 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)((__u64)(v_u) >= (__u64)(((__s64)9LL))))));
#line 7 "script.lines"
      __event->p.f4 = ((__s64)(((__s64)((__s64)(v_n) == (__s64)(((__s64)9LL))))));
#line 7 "script.lines"
      __event->p.f5 = ((__s64)(((__s64)((__s64)(v_n) != (__s64)(((__s64)9LL))))));
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
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 8 "script.lines"
    if (__event) {
#line 8 "script.lines"
      __event->header.id = 3;
#line 8 "script.lines"
      __event->header.reserved = 0;
#line 8 "script.lines"
      __event->p.f0 = ((__s64)(((__s64)((((__s64)((__s64)(v_n) > (__s64)(((__s64)1LL))))) && (((__s64)((__s64)(v_n) < (__s64)(((__s64)10LL)))))))));
#line 8 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)((((__s64)((__s64)(v_n) < (__s64)(((__s64)1LL))))) || (((__s64)((__s64)(v_n) == (__s64)(((__s64)9LL)))))))));
#line 8 "script.lines"
      __event->p.f2 = ((__s64)(((__s64)!(v_n))));
#line 8 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)((0 - (__u64)(v_n))))));
#line 8 "script.lines"
      __event->p.f4 = ((((__s64)(btc_mod((__u64)(v_n), (__u64)(((__s64)2LL)))))) ? ({ struct btc_str4 __t0 = ((struct btc_str4){"odd"}); struct btc_str5 __t1 = {}; __builtin_memcpy(__t1.s, __t0.s, 4); __t1; }) : ((struct btc_str5){"even"}));
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
#line 10 "script.lines"
  v_m = ((__s64)(((__s64)1LL)));
#line 11 "script.lines"
  v_m = ((__s64)(((__s64)((__u64)(v_m) + (__u64)(((__s64)2LL))))));
#line 11 "script.lines"
  v_m = ((__s64)(((__s64)((__u64)(v_m) - (__u64)(((__s64)1LL))))));
#line 11 "script.lines"
  v_m = ((__s64)(((__s64)((__u64)(v_m) * (__u64)(((__s64)3LL))))));
#line 11 "script.lines"
  v_m = ((__s64)(((__s64)(btc_div((__u64)(v_m), (__u64)(((__s64)2LL)))))));
#line 11 "script.lines"
  v_m = ((__s64)(((__s64)(btc_mod((__u64)(v_m), (__u64)(((__s64)5LL)))))));
#line 12 "script.lines"
  v_m = ((__s64)(((__s64)((__u64)(v_m) & (__u64)(((__s64)7LL))))));
#line 12 "script.lines"
  v_m = ((__s64)(((__s64)((__u64)(v_m) | (__u64)(((__s64)8LL))))));
#line 12 "script.lines"
  v_m = ((__s64)(((__s64)((__u64)(v_m) ^ (__u64)(((__s64)1LL))))));
#line 12 "script.lines"
  v_m = ((__s64)(((__s64)(btc_shl((__u64)(v_m), (__u64)(((__s64)2LL)))))));
#line 12 "script.lines"
  v_m = ((__s64)(((__s64)(btc_shr((__u64)(v_m), (__u64)(((__s64)1LL)))))));
#line 13 "script.lines"
  (void)({ __s64 __t2 = v_m; v_m = ((__s64)((__u64)v_m + 1)); __t2; });
#line 13 "script.lines"
  (void)({ __s64 __t3 = v_m; v_m = ((__s64)((__u64)v_m - 1)); __t3; });
#line 13 "script.lines"
  (void)(v_m = ((__s64)((__u64)v_m + 1)));
#line 13 "script.lines"
  (void)(v_m = ((__s64)((__u64)v_m - 1)));
#line 14 "script.lines"
  v_m = ((__s64)(((((__s64)((__s64)(v_n) > (__s64)(((__s64)0LL))))) ? ((__s64)(v_m)) : ((__s64)(v_n)))));
#line 15 "script.lines"
  if (((__s64)((__s64)(v_n) > (__s64)(((__s64)5LL))))) {
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
#line 15 "script.lines"
  } else {
#line 15 "script.lines"
    {
#line 15 "script.lines"
      struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 15 "script.lines"
      if (__event) {
#line 15 "script.lines"
        __event->header.id = 5;
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
#line 15 "script.lines"
  }
#line 16 "script.lines"
  {
#line 16 "script.lines"
    struct btc_event6 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event6), 0);
#line 16 "script.lines"
    if (__event) {
#line 16 "script.lines"
      __event->header.id = 6;
#line 16 "script.lines"
      __event->header.reserved = 0;
#line 16 "script.lines"
      __event->p.f0 = ((__s64)(v_m));
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
    struct btc_event7 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event7), 0);
#line 17 "script.lines"
    if (__event) {
#line 17 "script.lines"
      __event->header.id = 7;
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
#line 1002 "btc_tool.bpf.c"
