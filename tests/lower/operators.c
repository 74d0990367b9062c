
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
struct btc_tuple3 {
  __s64 f0;
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
  struct btc_tuple1 p;
};
struct btc_event3 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple2 p;
};
struct btc_event4 {
  __u32 id;
  __u32 reserved;
};
struct btc_event5 {
  __u32 id;
  __u32 reserved;
};
struct btc_event6 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple3 p;
};
struct btc_event7 {
  __u32 id;
  __u32 reserved;
};
char btc_zero[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} btc_events SEC(".maps");

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
    struct btc_event0 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event0), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->id = 0;
#line 5 "script.lines"
      __event->reserved = 0;
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
    struct btc_event1 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event1), 0);
#line 6 "script.lines"
    if (__event) {
#line 6 "script.lines"
      __event->id = 1;
#line 6 "script.lines"
      __event->reserved = 0;
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
    struct btc_event2 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event2), 0);
#line 7 "script.lines"
    if (__event) {
#line 7 "script.lines"
      __event->id = 2;
#line 7 "script.lines"
      __event->reserved = 0;
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
    struct btc_event3 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event3), 0);
#line 8 "script.lines"
    if (__event) {
#line 8 "script.lines"
      __event->id = 3;
#line 8 "script.lines"
      __event->reserved = 0;
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
      struct btc_event4 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event4), 0);
#line 15 "script.lines"
      if (__event) {
#line 15 "script.lines"
        __event->id = 4;
#line 15 "script.lines"
        __event->reserved = 0;
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
      struct btc_event5 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event5), 0);
#line 15 "script.lines"
      if (__event) {
#line 15 "script.lines"
        __event->id = 5;
#line 15 "script.lines"
        __event->reserved = 0;
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
    struct btc_event6 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event6), 0);
#line 16 "script.lines"
    if (__event) {
#line 16 "script.lines"
      __event->id = 6;
#line 16 "script.lines"
      __event->reserved = 0;
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
    struct btc_event7 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event7), 0);
#line 17 "script.lines"
    if (__event) {
#line 17 "script.lines"
      __event->id = 7;
#line 17 "script.lines"
      __event->reserved = 0;
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
#line 500 "btc_tool.bpf.c"
