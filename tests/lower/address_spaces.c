
char LICENSE[] SEC("license") = "GPL";
struct __kernel_timespec___btc;
struct trace_event_raw_inet_sock_set_state___btc;
struct __kernel_timespec___btc { __s64 tv_sec; __s64 tv_nsec; } __attribute__((preserve_access_index));
struct trace_event_raw_inet_sock_set_state___btc { __u8 saddr_v6[16]; __u8 daddr_v6[16]; } __attribute__((preserve_access_index));
struct btc_tuple0 {
  __s64 f0;
  __s64 f1;
  __u64 f2;
  __s64 f3;
};
struct btc_tuple1 { __s64 f0; };
struct btc_str64 { char s[64]; };
struct btc_tuple2 {
  struct btc_str64 f0;
  struct btc_str64 f1;
};
struct btc_tuple3 {
  struct btc_inet f0;
  __u64 f1;
};
_Static_assert(sizeof(struct btc_tuple0) == 32, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_tuple2) == 128, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 64, "btc layout: struct btc_tuple2 field 1");
_Static_assert(sizeof(struct btc_tuple3) == 32, "btc layout: struct btc_tuple3 size");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f0) == 0, "btc layout: struct btc_tuple3 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple3, f1) == 24, "btc layout: struct btc_tuple3 field 1");
struct btc_args_0_0 {
  __u64 __common;
  __s32 __syscall_nr;
  char __pad12[4];
  __u64 rqtp;
  __u64 rmtp;
};
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event0 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event0 argument 3");
_Static_assert(sizeof(struct btc_event0) == 40, "btc layout: struct btc_event0 size");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_args_1_0 {
  __u64 __common;
  __s32 __syscall_nr;
  char __pad12[4];
  __u64 dfd;
  __u64 filename;
  __u64 flags;
  __u64 mode;
};
struct btc_event5 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event5, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event5 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event5, p.f1) == sizeof(struct btc_event_header) + 64, "btc layout: struct btc_event5 argument 1");
_Static_assert(sizeof(struct btc_event5) == 136, "btc layout: struct btc_event5 size");
struct btc_event8 {
  struct btc_event_header header;
  struct btc_tuple3 p;
};
_Static_assert(__builtin_offsetof(struct btc_event8, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event8 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event8, p.f1) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event8 argument 1");
_Static_assert(sizeof(struct btc_event8) == 40, "btc layout: struct btc_event8 size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");

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
    long __ret = (int)((__result = bpf_probe_read_user(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(1, __ret);
  }
  return __result;
}

static __always_inline long btc_checked1(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_user(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(2, __ret);
  }
  return __result;
}

static __always_inline long btc_checked2(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_user(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(3, __ret);
  }
  return __result;
}

static __always_inline long btc_checked3(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(4, __ret);
  }
  return __result;
}

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int btc_p0_0(struct btc_args_0_0 *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
  __u64 v_t = 0;
#line 6 "script.lines"
  v_t = ((__u64)(((__u64)args->rqtp)));
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
      __event->p.f0 = ((__s64)(((__s64)(btc_core_int_in(btc_checked0, struct __kernel_timespec___btc, ((__u64)args->rqtp), tv_sec, 0)))));
#line 7 "script.lines"
      __event->p.f1 = ((__s64)(((__s64)(btc_core_int_in(btc_checked1, struct __kernel_timespec___btc, v_t, tv_nsec, 0)))));
#line 7 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)(btc_read_int_in(btc_checked2, ((__u64)((__u64)(((__u64)(((__u64)args->rqtp)))) + (__u64)(((__s64)8LL)))), 8, 0)))));
#line 7 "script.lines"
      __event->p.f3 = ((__s64)(((__s64)(btc_core_int_in(btc_checked3, struct __kernel_timespec___btc, ((__u64)args->rqtp), tv_sec, 0)))));
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
  return 0;
}
#line 816 "btc_tool.bpf.c"

static __always_inline long btc_checked4(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_user_str(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(6, __ret);
  }
  return __result;
}

static __always_inline long btc_checked5(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel_str(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(7, __ret);
  }
  return __result;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int btc_p1_0(struct btc_args_1_0 *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 10 "script.lines"
  {
#line 10 "script.lines"
    struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 10 "script.lines"
    if (__event) {
#line 10 "script.lines"
      __event->header.id = 5;
#line 10 "script.lines"
      __event->header.reserved = 0;
#line 10 "script.lines"
      btc_checked4(__event->p.f0.s, 64, (const void *)(((__u64)args->filename))); 
#line 10 "script.lines"
      btc_checked5(__event->p.f1.s, 64, (const void *)(((__s64)0LL))); 
#line 10 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 10 "script.lines"
    } else {
#line 10 "script.lines"
      btc_count_lost();
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
  return 0;
}
#line 870 "btc_tool.bpf.c"

static __always_inline long btc_checked6(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(9, __ret);
  }
  return __result;
}

SEC("tracepoint/sock/inet_sock_set_state")
int btc_p2_0(struct trace_event_raw_inet_sock_set_state___btc *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 11 "script.lines"
  {
#line 11 "script.lines"
    struct btc_event8 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event8), 0);
#line 11 "script.lines"
    if (__event) {
#line 11 "script.lines"
      __event->header.id = 8;
#line 11 "script.lines"
      __event->header.reserved = 0;
#line 11 "script.lines"
      __event->p.f0 = ({ struct btc_inet __t0 = {}; ({ struct trace_event_raw_inet_sock_set_state___btc *__t1 = (struct trace_event_raw_inet_sock_set_state___btc *)(unsigned long)((__u64)args); bpf_probe_read_kernel(__t0.addr, 16, (const char *)__builtin_preserve_access_index(&__t1->saddr_v6) + 0); }); __t0.af = 10; __t0; });
#line 11 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)(__u8)(btc_core_elem_int_in(btc_checked6, struct trace_event_raw_inet_sock_set_state___btc, (__u64)args, daddr_v6[3], 0, 0)))));
#line 11 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 11 "script.lines"
    } else {
#line 11 "script.lines"
      btc_count_lost();
#line 11 "script.lines"
    }
#line 11 "script.lines"
  }
  return 0;
}
#line 914 "btc_tool.bpf.c"
