
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 {
  __s64 f0;
  __s64 f1;
};
struct btc_tuple1 {
  __u64 f0;
  __u64 f1;
  __u64 f2;
};
struct btc_tuple2 { __s64 f0; };
struct btc_tuple3 {
  struct btc_usym f0;
  __s64 f1;
};
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_tuple1) == 24, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 8, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 16, "btc layout: struct btc_tuple1 field 2");
_Static_assert(sizeof(struct btc_tuple2) == 8, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(sizeof(struct btc_tuple3) == 24, "btc layout: struct btc_tuple3 size");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f0) == 0, "btc layout: struct btc_tuple3 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f1) == 16, "btc layout: struct btc_tuple3 field 1");
struct btc_ustack127_frames { __u64 ip[127]; };
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event0 argument 2");
_Static_assert(sizeof(struct btc_event0) == 32, "btc layout: struct btc_event0 size");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_ustack3_frames { __u64 ip[3]; };
struct btc_stack3_frames { __u64 ip[3]; };
struct btc_event4 {
  struct btc_event_header header;
  struct btc_tuple3 p;
};
_Static_assert(__builtin_offsetof(struct btc_event4, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event4 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event4, p.f1) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event4 argument 1");
_Static_assert(sizeof(struct btc_event4) == 32, "btc layout: struct btc_event4 size");
struct btc_ustack2_frames { __u64 ip[2]; };
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
_Static_assert(sizeof(struct btc_usym) == 16, "btc layout: m_s key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_s value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_usym);
  __type(value, __s64);
} m_s SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 16513);
  __type(key, __u32);
  __type(value, struct btc_ustack127_frames);
} btc_ustack127 SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 131072);
  __type(key, __u32);
  __type(value, struct btc_ustack3_frames);
} btc_ustack3 SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 16384);
  __type(key, __u32);
  __type(value, struct btc_stack3_frames);
} btc_stack3 SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_STACK_TRACE);
  __uint(max_entries, 131072);
  __type(key, __u32);
  __type(value, struct btc_ustack2_frames);
} btc_ustack2 SEC(".maps");

#define BTC_F_USER_STACK 256
/* The processes whose first user stack or symbol was sent: the first one of each sends its tgid
 * (a NewPid event), and the tool reads its mappings at once, while it lives. */
struct {
  __uint(type, 9 /* BPF_MAP_TYPE_LRU_HASH */);
  __uint(max_entries, 4096);
  __type(key, __u32);
  __type(value, __u8);
} btc_seen_pids SEC(".maps");

static __always_inline __u32 btc_note_pid(__u64 probe, __u64 bias) {
  __u32 tgid = bpf_get_current_pid_tgid() >> 32;
  __u8 seen = 1;
  if ((int)bpf_map_update_elem(&btc_seen_pids, &tgid, &seen, BPF_NOEXIST) == 0) {
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(*__event), 0);
    if (__event) {
      __event->header.id = 0;
      __event->header.reserved = 0;
      __event->p.f0 = tgid;
      __event->p.f1 = probe;
      __event->p.f2 = bias;
      bpf_ringbuf_submit(__event, 0);
    } else {
      btc_count_lost();
    }
  }
  return tgid;
}

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
    __s64 __key = ((__s64)(((__u64)btc_note_pid(0, 0) << 32) | (__u32)bpf_get_stackid(ctx, &btc_ustack127, BTC_F_USER_STACK)));
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
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ((__s64)(((__u64)btc_note_pid(0, 0) << 32) | (__u32)bpf_get_stackid(ctx, &btc_ustack3, BTC_F_USER_STACK))); __key.f1 = ((__s64)bpf_get_stackid(ctx, &btc_stack3, 0));
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
          btc_report_helper(2, __ret);
#line 4 "script.lines"
      }
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
  return 0;
}
#line 850 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p1_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_usym __key = ((struct btc_usym){.addr = (__u64)(((__s64)4096LL)), .tgid = btc_note_pid(0, 0)});
#line 5 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_s, &__key);
#line 5 "script.lines"
    if (__entry) {
#line 5 "script.lines"
      *__entry += 1;
#line 5 "script.lines"
    } else {
#line 5 "script.lines"
      __s64 __first = 1;
#line 5 "script.lines"
      {
#line 5 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_s, &__key, &__first, BPF_ANY));
#line 5 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 5 "script.lines"
          btc_report_helper(3, __ret);
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
#line 5 "script.lines"
  {
#line 5 "script.lines"
    btc_note_pid(0, 0);
#line 5 "script.lines"
    struct btc_event4 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event4), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->header.id = 4;
#line 5 "script.lines"
      __event->header.reserved = 0;
#line 5 "script.lines"
      __event->p.f0 = ((struct btc_usym){.addr = (__u64)(((__s64)8192LL)), .tgid = btc_note_pid(0, 0)});
#line 5 "script.lines"
      __event->p.f1 = ((__s64)(((__u64)btc_note_pid(0, 0) << 32) | (__u32)bpf_get_stackid(ctx, &btc_ustack2, BTC_F_USER_STACK)));
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
#line 912 "btc_tool.bpf.c"
