
char LICENSE[] SEC("license") = "GPL";
struct btc_str40 { char s[40]; };
struct btc_str64 { char s[64]; };
struct btc_tuple0 {
  struct btc_str40 f0;
  struct btc_str64 f1;
  __s64 f2;
};
struct btc_tuple1 { __s64 f0; };
_Static_assert(sizeof(struct btc_str40) == 40, "btc layout: struct btc_str40 size");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_tuple0) == 112, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 40, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 104, "btc layout: struct btc_tuple0 field 2");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
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

/* The kernel's syscalls:* events leave out 32-bit syscalls (TS_COMPAT in the thread's status),
 * whose numbers are another table's; raw_syscalls sees them. */
struct thread_info___btcsys {
  __u32 status;
} __attribute__((preserve_access_index));
struct task_struct___btcsys {
  struct thread_info___btcsys thread_info;
} __attribute__((preserve_access_index));
static __always_inline int btc_compat_syscall(void) {
  struct task_struct___btcsys *t = (void *)bpf_get_current_task();
  __u32 status = 0;
  bpf_probe_read_kernel(&status, sizeof(status),
                        __builtin_preserve_access_index(&t->thread_info.status));
  return status & 2 /* TS_COMPAT */;
}
/* Where syscall argument i is: the x86-64 syscall registers, whose values the syscalls:* record
 * holds in its 8-byte fields. */
static __always_inline __u64 *btc_syscall_arg_at(struct btc_pt_regs *r, __u32 i) {
  switch (i) {
  case 0: return &r->di;
  case 1: return &r->si;
  case 2: return &r->dx;
  case 3: return &r->r10;
  case 4: return &r->r8;
  default: return &r->r9;
  }
}
static __always_inline __u64 btc_syscall_arg(struct btc_pt_regs *r, __u32 i) {
  __u64 v = 0;
  bpf_probe_read_kernel(&v, sizeof(v), btc_syscall_arg_at(r, i));
  return v;
}

static const char btc_p0_sys_enter_names_40[9][40] = {"tracepoint:syscalls:sys_enter_open", "tracepoint:syscalls:sys_enter_openat", "tracepoint:syscalls:sys_enter_access", "tracepoint:syscalls:sys_enter_newstat", "tracepoint:syscalls:sys_enter_newlstat", "tracepoint:syscalls:sys_enter_chdir", "tracepoint:syscalls:sys_enter_chmod", "tracepoint:syscalls:sys_enter_faccessat", "tracepoint:syscalls:sys_enter_fchmodat"};
static const __u8 btc_p0_sys_enter_arg_filename[9] = {0, 1, 0, 0, 0, 0, 0, 1, 1};
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_tuple0) == 112, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple0);
  __type(value, __s64);
} m_ SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_bytes key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_bytes value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, __s64);
} m_bytes SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, __u32);
} btc_p0_sys_enter_nr SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1024);
  __type(key, __u32);
  __type(value, __u32);
} btc_p1_sys_exit_nr SEC(".maps");

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

SEC("raw_tracepoint/sys_enter")
int btc_p0_sys_enter(struct btc_raw_tp_args *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
  struct btc_pt_regs *__regs = (struct btc_pt_regs *)ctx->args[0];
  __u32 __nr = (__u32)ctx->args[1];
  if (btc_compat_syscall())
    return 0;
  __u32 *__slot = bpf_map_lookup_elem(&btc_p0_sys_enter_nr, &__nr);
  if (!__slot)
    return 0;
  __u32 __probe = *__slot - 1;
  if (__probe >= 9)
    return 0;
#line 11 "script.lines"
  {
#line 11 "script.lines"
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ({ struct btc_str40 __t0 = {}; __builtin_memcpy(__t0.s, btc_p0_sys_enter_names_40[__probe], 40); __t0; }); btc_checked0(__key.f1.s, 64, (const void *)(((__s64)btc_syscall_arg(__regs, btc_p0_sys_enter_arg_filename[__probe])))); __key.f2 = ((__s64)(((__s64)(__s32)__nr)));
#line 11 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_, &__key);
#line 11 "script.lines"
    if (__entry) {
#line 11 "script.lines"
      *__entry += 1;
#line 11 "script.lines"
    } else {
#line 11 "script.lines"
      __s64 __first = 1;
#line 11 "script.lines"
      {
#line 11 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__first, BPF_ANY));
#line 11 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 11 "script.lines"
          btc_report_helper(1, __ret);
#line 11 "script.lines"
      }
#line 11 "script.lines"
    }
#line 11 "script.lines"
  }
  return 0;
}
#line 823 "btc_tool.bpf.c"

SEC("raw_tracepoint/sys_exit")
int btc_p1_sys_exit(struct btc_raw_tp_args *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
  struct btc_pt_regs *__regs = (struct btc_pt_regs *)ctx->args[0];
  __s64 __ret = (__s64)ctx->args[1];
  __u64 __orig_ax = 0;
  bpf_probe_read_kernel(&__orig_ax, sizeof(__orig_ax), &__regs->orig_ax);
  __u32 __nr = (__u32)__orig_ax;
  if (btc_compat_syscall())
    return 0;
  __u32 *__slot = bpf_map_lookup_elem(&btc_p1_sys_exit_nr, &__nr);
  if (!__slot)
    return 0;
  __u32 __probe = *__slot - 1;
  if (__probe >= 9)
    return 0;
  (void)__ret;
#line 17 "script.lines"
  if (!(((__s64)((__s64)(((__s64)__ret)) > (__s64)(((__s64)0LL))))))
#line 17 "script.lines"
    return 0;
#line 19 "script.lines"
  {
#line 19 "script.lines"
    __s64 __arg = (__s64)(((__s64)__ret));
#line 19 "script.lines"
    __u64 __key = 0;
#line 19 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_bytes, &__key);
#line 19 "script.lines"
    if (__entry) {
#line 19 "script.lines"
      *__entry += __arg;
#line 19 "script.lines"
    } else {
#line 19 "script.lines"
      __s64 __first = __arg;
#line 19 "script.lines"
      {
#line 19 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_bytes, &__key, &__first, BPF_ANY));
#line 19 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 19 "script.lines"
          btc_report_helper(2, __ret);
#line 19 "script.lines"
      }
#line 19 "script.lines"
    }
#line 19 "script.lines"
  }
  return 0;
}
#line 881 "btc_tool.bpf.c"
