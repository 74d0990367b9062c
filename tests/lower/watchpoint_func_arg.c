
char LICENSE[] SEC("license") = "GPL";
struct btc_str30 { char s[30]; };
struct btc_tuple0 { __s64 f0; };
struct btc_tuple1 {
  __u64 f0;
  __u64 f1;
  __u64 f2;
};
_Static_assert(sizeof(struct btc_str30) == 30, "btc layout: struct btc_str30 size");
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(sizeof(struct btc_tuple1) == 24, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 16, "btc layout: struct btc_tuple1 field 2");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_pt_regs {
  __u64 r15;
  __u64 r14;
  __u64 r13;
  __u64 r12;
  __u64 bp;
  __u64 bx;
  __u64 r11;
  __u64 r10;
  __u64 r9;
  __u64 r8;
  __u64 ax;
  __u64 cx;
  __u64 dx;
  __u64 si;
  __u64 di;
  __u64 orig_ax;
  __u64 ip;
  __u64 cs;
  __u64 flags;
  __u64 sp;
  __u64 ss;
};
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event1 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event1 argument 2");
_Static_assert(sizeof(struct btc_event1) == 32, "btc layout: struct btc_event1 size");
struct btc_event2 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event2, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event2 argument 0");
_Static_assert(sizeof(struct btc_event2) == 16, "btc layout: struct btc_event2 size");
struct btc_event3 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event3, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event3 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event3 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event3 argument 2");
_Static_assert(sizeof(struct btc_event3) == 32, "btc layout: struct btc_event3 size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_str30) == 30, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str30);
  __type(value, __s64);
} m_ SEC(".maps");

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
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_str30 __key = ((struct btc_str30){"watchpoint:increment+arg0:4:w"});
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_, &__key);
#line 4 "script.lines"
    if (__entry) {
#line 4 "script.lines"
      *__entry += 1;
#line 4 "script.lines"
    } else {
#line 4 "script.lines"
      __s64 __first = 1;
#line 4 "script.lines"
      {
#line 4 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__first, BPF_ANY));
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
  return 0;
}
#line 767 "btc_tool.bpf.c"

SEC("uprobe")
int btc_p0_0_setup(struct btc_pt_regs *ctx) {
  if (btc_stopping())
    return 0;
  struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
  if (!__event)
    return 0;
  __event->header.id = 1;
  __event->header.reserved = 0;
  __event->p.f0 = 0;
  __event->p.f1 = (__u64)ctx->di;
  __event->p.f2 = bpf_get_current_pid_tgid() >> 32;
  bpf_ringbuf_submit(__event, 0);
  bpf_send_signal(19 /* SIGSTOP */);
  return 0;
}

SEC("perf_event")
int btc_p1_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->header.id = 2;
#line 5 "script.lines"
      __event->header.reserved = 0;
#line 5 "script.lines"
      __event->p.f0 = (__u64)(((__s64)268435456LL));
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
  return 0;
}
#line 816 "btc_tool.bpf.c"

SEC("uprobe")
int btc_p1_0_setup(struct btc_pt_regs *ctx) {
  if (btc_stopping())
    return 0;
  struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
  if (!__event)
    return 0;
  __event->header.id = 3;
  __event->header.reserved = 0;
  __event->p.f0 = 2;
  __event->p.f1 = (__u64)ctx->dx;
  __event->p.f2 = bpf_get_current_pid_tgid() >> 32;
  bpf_ringbuf_submit(__event, 0);
  return 0;
}
