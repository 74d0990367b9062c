
char LICENSE[] SEC("license") = "GPL";
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
_Static_assert(sizeof(struct btc_str10) == 10, "btc layout: struct btc_str10 size");
_Static_assert(sizeof(struct btc_tuple0) == 64, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f4) == 32, "btc layout: struct btc_tuple0 field 4");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f5) == 40, "btc layout: struct btc_tuple0 field 5");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f6) == 48, "btc layout: struct btc_tuple0 field 6");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f7) == 56, "btc layout: struct btc_tuple0 field 7");
_Static_assert(sizeof(struct btc_tuple1) == 56, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 16, "btc layout: struct btc_tuple1 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f3) == 32, "btc layout: struct btc_tuple1 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f4) == 40, "btc layout: struct btc_tuple1 field 4");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f5) == 48, "btc layout: struct btc_tuple1 field 5");
struct btc_begin0_vars { struct btc_str10 v_s; };
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event0 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event0 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f4) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event0 argument 4");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f5) == sizeof(struct btc_event_header) + 40, "btc layout: struct btc_event0 argument 5");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f6) == sizeof(struct btc_event_header) + 48, "btc layout: struct btc_event0 argument 6");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f7) == sizeof(struct btc_event_header) + 56, "btc layout: struct btc_event0 argument 7");
_Static_assert(sizeof(struct btc_event0) == 72, "btc layout: struct btc_event0 size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event1 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event1 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f3) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event1 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f4) == sizeof(struct btc_event_header) + 40, "btc layout: struct btc_event1 argument 4");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f5) == sizeof(struct btc_event_header) + 48, "btc layout: struct btc_event1 argument 5");
_Static_assert(sizeof(struct btc_event1) == 64, "btc layout: struct btc_event1 size");
struct btc_event2 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event2) == 8, "btc layout: struct btc_event2 size");
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
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 7 "script.lines"
    if (__event) {
#line 7 "script.lines"
      __event->header.id = 0;
#line 7 "script.lines"
      __event->header.reserved = 0;
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
#line 11 "script.lines"
  v_w = 0;
#line 12 "script.lines"
  v_w = ((__s64)(__s16)(((__s64)7LL)));
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
#line 13 "script.lines"
    if (__event) {
#line 13 "script.lines"
      __event->header.id = 1;
#line 13 "script.lines"
      __event->header.reserved = 0;
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
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 14 "script.lines"
    if (__event) {
#line 14 "script.lines"
      __event->header.id = 2;
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
#line 14 "script.lines"
  return 0;
  return 0;
}
#line 832 "btc_tool.bpf.c"
