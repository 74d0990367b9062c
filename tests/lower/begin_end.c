
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
struct btc_tuple2 {
  struct btc_str5 f0;
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
};
struct btc_event3 {
  __u32 id;
  __u32 reserved;
};
struct btc_event4 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple2 p;
};
char btc_zero[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} btc_events SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
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
    struct btc_event1 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event1), 0);
#line 6 "script.lines"
    if (__event) {
#line 6 "script.lines"
      __event->id = 1;
#line 6 "script.lines"
      __event->reserved = 0;
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
#line 292 "btc_tool.bpf.c"

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
    struct btc_event2 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event2), 0);
#line 12 "script.lines"
    if (__event) {
#line 12 "script.lines"
      __event->id = 2;
#line 12 "script.lines"
      __event->reserved = 0;
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
#line 326 "btc_tool.bpf.c"

SEC("raw_tp")
int btc_end2(void *ctx) {
#line 15 "script.lines"
  {
#line 15 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event3), 0);
#line 15 "script.lines"
    if (__event) {
#line 15 "script.lines"
      __event->id = 3;
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
  return 0;
}
#line 352 "btc_tool.bpf.c"

SEC("raw_tp")
int btc_end3(void *ctx) {
#line 18 "script.lines"
  {
#line 18 "script.lines"
    struct btc_event4 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event4), 0);
#line 18 "script.lines"
    if (__event) {
#line 18 "script.lines"
      __event->id = 4;
#line 18 "script.lines"
      __event->reserved = 0;
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
#line 380 "btc_tool.bpf.c"
