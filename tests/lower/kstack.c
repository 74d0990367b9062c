
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 {
  __s64 f0;
  __u64 f1;
};
struct btc_tuple1 { __s64 f0; };
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
struct btc_stack127_frames { __u64 ip[127]; };
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_stack3_frames { __u64 ip[3]; };
struct btc_args_1_0 {
  __u64 __common;
  __s32 __syscall_nr;
};
struct btc_event3 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event3, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event3 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event3 argument 1");
_Static_assert(sizeof(struct btc_event3) == 24, "btc layout: struct btc_event3 size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __s64);
  __type(value, __s64);
} m_ SEC(".maps");
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: m_p key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_p value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple0);
  __type(value, __s64);
} m_p SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_s key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_s value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, __s64);
} m_s SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 16384);
  __type(key, __u32);
  __type(value, struct btc_stack127_frames);
} btc_stack127 SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 16384);
  __type(key, __u32);
  __type(value, struct btc_stack3_frames);
} btc_stack3 SEC(".maps");

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
    __s64 __key = ((__s64)bpf_get_stackid(ctx, &btc_stack127, 0));
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
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ((__s64)bpf_get_stackid(ctx, &btc_stack127, 0)); __key.f1 = ((__u64)(((__u64)bpf_get_smp_processor_id())));
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_p, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_p, &__key, &__first, BPF_ANY));
#line 4 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 4 "script.lines"
          btc_report_helper(1, __ret);
#line 4 "script.lines"
      }
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
#line 4 "script.lines"
  {
#line 4 "script.lines"
    __s64 __value = ((__s64)bpf_get_stackid(ctx, &btc_stack3, 0));
#line 4 "script.lines"
    __u64 __key = 0;
#line 4 "script.lines"
    {
#line 4 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_s, &__key, &__value, BPF_ANY));
#line 4 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 4 "script.lines"
        btc_report_helper(2, __ret);
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
  return 0;
}
#line 805 "btc_tool.bpf.c"

SEC("tracepoint/syscalls/sys_enter_getppid")
int btc_p1_0(struct btc_args_1_0 *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->header.id = 3;
#line 5 "script.lines"
      __event->header.reserved = 0;
#line 5 "script.lines"
      __event->p.f0 = ((__s64)bpf_get_stackid(args, &btc_stack3, 0));
#line 5 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)args->__syscall_nr)));
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
#line 839 "btc_tool.bpf.c"
