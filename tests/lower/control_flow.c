
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 {
  __s64 f0;
  __s64 f1;
};
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
struct btc_event0 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event0) == 8, "btc layout: struct btc_event0 size");
struct btc_event1 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event1) == 8, "btc layout: struct btc_event1 size");
struct btc_event2 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event2) == 8, "btc layout: struct btc_event2 size");
struct btc_event3 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event3) == 8, "btc layout: struct btc_event3 size");
struct btc_event4 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event4, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event4 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event4, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event4 argument 1");
_Static_assert(sizeof(struct btc_event4) == 24, "btc layout: struct btc_event4 size");
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");

SEC("perf_event")
int btc_p0_0(void *ctx) {
  if (btc_stopping())
    return 0;
  __s64 v_i = 0;
  __s64 v_n = 0;
  __s64 v_odd = 0;
  __s64 v_u = 0;
#line 2 "script.lines"
  if (!(((__s64)((((__s64)((__u64)(((__u64)bpf_get_smp_processor_id())) == (__u64)(((__s64)0LL))))) && (((__s64)((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32))) != (__u64)(((__s64)1LL)))))))))
#line 2 "script.lines"
    return 0;
#line 3 "script.lines"
  v_n = ((__s64)(((__s64)(((__u64)(btc_mod((__u64)(((__u64)bpf_ktime_get_ns())), (__u64)(((__s64)10LL)))))))));
#line 4 "script.lines"
  if (((__s64)((__s64)(v_n) < (__s64)(((__s64)3LL))))) {
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
        bpf_ringbuf_submit(__event, 0);
#line 5 "script.lines"
      } else {
#line 5 "script.lines"
        btc_count_lost();
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  } else {
#line 6 "script.lines"
    if (((__s64)((__s64)(v_n) < (__s64)(((__s64)8LL))))) {
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
    } else {
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
    }
#line 9 "script.lines"
  }
#line 11 "script.lines"
  v_i = ((__s64)(((__s64)0LL)));
#line 12 "script.lines"
  v_odd = ((__s64)(((__s64)0LL)));
#line 13 "script.lines"
  while (((__s64)((__s64)(v_i) < (__s64)(((__s64)100LL))))) {
#line 14 "script.lines"
    if (((__s64)((__s64)(v_i) >= (__s64)(v_n)))) {
#line 14 "script.lines"
      break;
#line 14 "script.lines"
    }
#line 15 "script.lines"
    (void)({ __s64 __t0 = v_i; v_i = ((__s64)((__u64)v_i + 1)); __t0; });
#line 16 "script.lines"
    if (((__s64)((__s64)(((__s64)(btc_mod((__u64)(v_i), (__u64)(((__s64)2LL)))))) == (__s64)(((__s64)0LL))))) {
#line 16 "script.lines"
      continue;
#line 16 "script.lines"
    }
#line 17 "script.lines"
    v_odd = ((__s64)(((__s64)((__u64)(v_odd) + (__u64)(v_i)))));
#line 17 "script.lines"
  }
#line 19 "script.lines"
  v_u = ((__s64)(((__s64)0LL)));
#line 20 "script.lines"
  #pragma unroll
#line 20 "script.lines"
  for (int __t1 = 0; __t1 < 4; __t1++) {
#line 20 "script.lines"
    v_u = ((__s64)(((__s64)((__u64)(v_u) + (__u64)(v_n)))));
#line 20 "script.lines"
  }
#line 21 "script.lines"
  if (((__s64)((__s64)(v_n) == (__s64)(((__s64)9LL))))) {
#line 21 "script.lines"
    {
#line 21 "script.lines"
      struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 21 "script.lines"
      if (__event) {
#line 21 "script.lines"
        __event->header.id = 3;
#line 21 "script.lines"
        __event->header.reserved = 0;
#line 21 "script.lines"
        bpf_ringbuf_submit(__event, 0);
#line 21 "script.lines"
      } else {
#line 21 "script.lines"
        btc_count_lost();
#line 21 "script.lines"
      }
#line 21 "script.lines"
    }
#line 21 "script.lines"
    return 0;
#line 21 "script.lines"
    return 0;
#line 21 "script.lines"
  }
#line 22 "script.lines"
  {
#line 22 "script.lines"
    struct btc_event4 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event4), 0);
#line 22 "script.lines"
    if (__event) {
#line 22 "script.lines"
      __event->header.id = 4;
#line 22 "script.lines"
      __event->header.reserved = 0;
#line 22 "script.lines"
      __event->p.f0 = ((__s64)(v_odd));
#line 22 "script.lines"
      __event->p.f1 = ((__s64)(v_u));
#line 22 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 22 "script.lines"
    } else {
#line 22 "script.lines"
      btc_count_lost();
#line 22 "script.lines"
    }
#line 22 "script.lines"
  }
  return 0;
}
#line 839 "btc_tool.bpf.c"
