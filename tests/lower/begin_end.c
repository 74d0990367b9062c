
char LICENSE[] SEC("license") = "GPL";
struct btc_str6 { char s[6]; };
struct btc_str3 { char s[3]; };
struct btc_tuple0 {
  struct btc_str6 f0;
  __s64 f1;
  __s64 f2;
  __s64 f3;
  __s64 f4;
  __s64 f5;
  __s64 f6;
  __s64 f7;
  struct btc_str3 f8;
};
struct btc_tuple1 {
  __s64 f0;
  __s64 f1;
  __s64 f2;
};
struct btc_str5 { char s[5]; };
struct btc_tuple2 { struct btc_str5 f0; };
_Static_assert(sizeof(struct btc_str6) == 6, "btc layout: struct btc_str6 size");
_Static_assert(sizeof(struct btc_str3) == 3, "btc layout: struct btc_str3 size");
_Static_assert(sizeof(struct btc_tuple0) == 72, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f4) == 32, "btc layout: struct btc_tuple0 field 4");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f5) == 40, "btc layout: struct btc_tuple0 field 5");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f6) == 48, "btc layout: struct btc_tuple0 field 6");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f7) == 56, "btc layout: struct btc_tuple0 field 7");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f8) == 64, "btc layout: struct btc_tuple0 field 8");
_Static_assert(sizeof(struct btc_tuple1) == 24, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 16, "btc layout: struct btc_tuple1 field 2");
_Static_assert(sizeof(struct btc_str5) == 5, "btc layout: struct btc_str5 size");
_Static_assert(sizeof(struct btc_tuple2) == 5, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
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
_Static_assert(__builtin_offsetof(struct btc_event0, p.f8) == sizeof(struct btc_event_header) + 64, "btc layout: struct btc_event0 argument 8");
_Static_assert(sizeof(struct btc_event0) == 80, "btc layout: struct btc_event0 size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event1 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event1 argument 2");
_Static_assert(sizeof(struct btc_event1) == 32, "btc layout: struct btc_event1 size");
struct btc_event2 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event2) == 8, "btc layout: struct btc_event2 size");
struct btc_event3 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event3) == 8, "btc layout: struct btc_event3 size");
struct btc_event4 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event4, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event4 argument 0");
_Static_assert(sizeof(struct btc_event4) == 16, "btc layout: struct btc_event4 size");
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
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
      __event->p.f0 = ((struct btc_str6){"hello"});
#line 5 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)3LL)));
#line 5 "script.lines"
      __event->p.f2 = ((__s64)(((__s64)7LL)));
#line 5 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)255LL)));
#line 5 "script.lines"
      __event->p.f4 = ((__s64)(((__s64)255LL)));
#line 5 "script.lines"
      __event->p.f5 = ((__s64)(((__s64)8LL)));
#line 5 "script.lines"
      __event->p.f6 = ((__s64)(((__s64)65LL)));
#line 5 "script.lines"
      __event->p.f7 = ((__s64)(((__s64)42LL)));
#line 5 "script.lines"
      __event->p.f8 = ((struct btc_str3){"ab"});
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
      __event->p.f0 = ((__s64)(((__s64)((0 - (__u64)(((__s64)1LL)))))));
#line 6 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)2LL)));
#line 6 "script.lines"
      __event->p.f2 = ((__s64)(((__s64)3LL)));
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
  return 0;
}
#line 782 "btc_tool.bpf.c"

SEC("raw_tp")
int btc_begin1(void *ctx) {
#line 9 "script.lines"
  if (((__s64)((__s64)(((__s64)3LL)) > (__s64)(((__s64)2LL))))) {
#line 10 "script.lines"
    return 0;
#line 10 "script.lines"
  }
#line 12 "script.lines"
  {
#line 12 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 12 "script.lines"
    if (__event) {
#line 12 "script.lines"
      __event->header.id = 2;
#line 12 "script.lines"
      __event->header.reserved = 0;
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
#line 12 "script.lines"
  return 0;
  return 0;
}
#line 816 "btc_tool.bpf.c"

SEC("raw_tp")
int btc_end2(void *ctx) {
#line 15 "script.lines"
  {
#line 15 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 15 "script.lines"
    if (__event) {
#line 15 "script.lines"
      __event->header.id = 3;
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
  return 0;
}
#line 842 "btc_tool.bpf.c"

SEC("raw_tp")
int btc_end3(void *ctx) {
#line 18 "script.lines"
  {
#line 18 "script.lines"
    struct btc_event4 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event4), 0);
#line 18 "script.lines"
    if (__event) {
#line 18 "script.lines"
      __event->header.id = 4;
#line 18 "script.lines"
      __event->header.reserved = 0;
#line 18 "script.lines"
      __event->p.f0 = ((struct btc_str5){"last"});
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
  return 0;
}
#line 870 "btc_tool.bpf.c"
