
char LICENSE[] SEC("license") = "GPL";
struct btc_str16 { char s[16]; };
struct btc_str64 { char s[64]; };
struct btc_tuple0 {
  struct btc_str16 f0;
  struct btc_str64 f1;
};
struct btc_tuple1 { __s64 f0; };
struct btc_tuple2 {
  struct btc_str64 f0;
  __u64 f1;
  __u64 f2;
};
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_tuple0) == 80, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 16, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_tuple2) == 80, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 64, "btc layout: struct btc_tuple2 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f2) == 72, "btc layout: struct btc_tuple2 field 2");
struct btc_args_0_0 {
  __u64 __common;
  __s32 __syscall_nr;
  char __pad12[4];
  __u64 dfd;
  __u64 filename;
  __u64 flags;
  __u64 mode;
};
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event2 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event2, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event2 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f1) == sizeof(struct btc_event_header) + 64, "btc layout: struct btc_event2 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f2) == sizeof(struct btc_event_header) + 72, "btc layout: struct btc_event2 argument 2");
_Static_assert(sizeof(struct btc_event2) == 88, "btc layout: struct btc_event2 size");
struct btc_args_0_1 {
  __u64 __common;
  __s32 __syscall_nr;
  char __pad12[4];
  __u64 dfd;
  __u64 filename;
  __u64 flags;
  __u64 mode;
};
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_tuple0) == 80, "btc layout: m_opens key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_opens value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple0);
  __type(value, __s64);
} m_opens SEC(".maps");

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

static __always_inline long btc_checked0(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_user_str(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(0, __ret);
  }
  return __result;
}

static __always_inline long btc_checked1(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_user_str(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(3, __ret);
  }
  return __result;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int btc_p0_0(struct btc_args_0_0 *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 3 "script.lines"
  if (!(((__s64)((__u64)(((__u64)args->flags)) != (__u64)(((__s64)0LL))))))
#line 3 "script.lines"
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); bpf_get_current_comm(__key.f0.s, 16); btc_checked0(__key.f1.s, 64, (const void *)(((__u64)args->filename)));
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_opens, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_opens, &__key, &__first, BPF_ANY));
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
      btc_checked1(__event->p.f0.s, 64, (const void *)(((__u64)args->filename))); 
#line 5 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)args->dfd)));
#line 5 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)args->mode)));
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
#line 807 "btc_tool.bpf.c"

SEC("tracepoint/syscalls/sys_enter_openat")
int btc_p0_1(struct btc_args_0_1 *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 3 "script.lines"
  if (!(((__s64)((__u64)(((__u64)args->flags)) != (__u64)(((__s64)0LL))))))
#line 3 "script.lines"
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); bpf_get_current_comm(__key.f0.s, 16); btc_checked0(__key.f1.s, 64, (const void *)(((__u64)args->filename)));
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_opens, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_opens, &__key, &__first, BPF_ANY));
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
      btc_checked1(__event->p.f0.s, 64, (const void *)(((__u64)args->filename))); 
#line 5 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)args->dfd)));
#line 5 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)args->mode)));
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
#line 875 "btc_tool.bpf.c"
