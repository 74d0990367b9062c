
char LICENSE[] SEC("license") = "GPL";
struct task_struct___btc;
struct signal_struct___btc;
struct rlimit___btc;
struct task_struct___btc { struct task_struct___btc *real_parent; __s32 tgid; char comm[16]; __u32 in_execve : 1; struct signal_struct___btc *signal; __s32 pid; } __attribute__((preserve_access_index));
struct rlimit___btc { __u64 rlim_cur; __u64 rlim_max; } __attribute__((preserve_access_index));
struct signal_struct___btc { struct rlimit___btc rlim[16]; } __attribute__((preserve_access_index));
struct btc_str16 { char s[16]; };
struct btc_tuple0 {
  __s64 f0;
  struct btc_str16 f1;
  __u64 f2;
};
struct btc_tuple1 { __s64 f0; };
struct btc_tuple2 {
  __u64 f0;
  __u64 f1;
};
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_tuple0) == 32, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 24, "btc layout: struct btc_tuple0 field 2");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_tuple2) == 16, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 8, "btc layout: struct btc_tuple2 field 1");
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f2) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event0 argument 2");
_Static_assert(sizeof(struct btc_event0) == 40, "btc layout: struct btc_event0 size");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event5 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event5, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event5 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event5, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event5 argument 1");
_Static_assert(sizeof(struct btc_event5) == 24, "btc layout: struct btc_event5 size");
struct btc_event10 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event10, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event10 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event10, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event10 argument 1");
_Static_assert(sizeof(struct btc_event10) == 24, "btc layout: struct btc_event10 size");
struct btc_event11 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event11) == 8, "btc layout: struct btc_event11 size");
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
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(1, __ret);
  }
  return __result;
}

static __always_inline long btc_checked1(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(2, __ret);
  }
  return __result;
}

static __always_inline long btc_checked2(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
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

static __always_inline long btc_checked4(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(6, __ret);
  }
  return __result;
}

static __always_inline long btc_checked5(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(7, __ret);
  }
  return __result;
}

static __always_inline long btc_checked6(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(8, __ret);
  }
  return __result;
}

static __always_inline long btc_checked7(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(9, __ret);
  }
  return __result;
}

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __s64 v_i = 0;
#line 7 "script.lines"
  v_i = ((__s64)(((__s64)1LL)));
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 8 "script.lines"
    if (__event) {
#line 8 "script.lines"
      __event->header.id = 0;
#line 8 "script.lines"
      __event->header.reserved = 0;
#line 8 "script.lines"
      __event->p.f0 = ((__s64)(((__s64)(__s32)(btc_core_int_in(btc_checked1, struct task_struct___btc, ((__u64)btc_core_ptr_in(btc_checked0, struct task_struct___btc, ((__u64)bpf_get_current_task()), real_parent, 0)), tgid, 0)))));
#line 8 "script.lines"
      __event->p.f1 = ({ struct btc_str16 __t0 = {}; btc_core_str_in(btc_checked2, struct task_struct___btc, ((__u64)bpf_get_current_task()), comm, 0, __t0.s, 16); __t0; });
#line 8 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)(__u32)(btc_core_bitfield_in(btc_checked3, struct task_struct___btc, ((__u64)bpf_get_current_task()), in_execve, 0)))));
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
#line 9 "script.lines"
  {
#line 9 "script.lines"
    struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 9 "script.lines"
    if (__event) {
#line 9 "script.lines"
      __event->header.id = 5;
#line 9 "script.lines"
      __event->header.reserved = 0;
#line 9 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)(btc_core_int_in(btc_checked5, struct signal_struct___btc, ((__u64)btc_core_ptr_in(btc_checked4, struct task_struct___btc, ((__u64)bpf_get_current_task()), signal, 0)), rlim[7].rlim_cur, 0)))));
#line 9 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)((((__u64)(v_i) < 16) ? (__u64)btc_core_int_in(btc_checked7, struct signal_struct___btc, ((__u64)btc_core_ptr_in(btc_checked6, struct task_struct___btc, ((__u64)bpf_get_current_task()), signal, 0)), rlim[0].rlim_max, (0 + (__u64)(v_i) * btc_core_size(struct signal_struct___btc, rlim[0]))) : 0)))));
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
#line 10 "script.lines"
  {
#line 10 "script.lines"
    struct btc_event10 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event10), 0);
#line 10 "script.lines"
    if (__event) {
#line 10 "script.lines"
      __event->header.id = 10;
#line 10 "script.lines"
      __event->header.reserved = 0;
#line 10 "script.lines"
      __event->p.f0 = ((__u64)(btc_core_type_size(struct task_struct___btc)));
#line 10 "script.lines"
      __event->p.f1 = ((__u64)(btc_core_offset(struct task_struct___btc, pid)));
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
#line 11 "script.lines"
  {
#line 11 "script.lines"
    struct btc_event11 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event11), 0);
#line 11 "script.lines"
    if (__event) {
#line 11 "script.lines"
      __event->header.id = 11;
#line 11 "script.lines"
      __event->header.reserved = 0;
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
#line 11 "script.lines"
  return 0;
  return 0;
}
#line 897 "btc_tool.bpf.c"
