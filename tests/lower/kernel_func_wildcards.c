
char LICENSE[] SEC("license") = "GPL";
struct task_struct___btc;
struct task_struct___btc { __s32 pid; } __attribute__((preserve_access_index));
struct btc_str72 { char s[72]; };
struct btc_str64 { char s[64]; };
struct btc_tuple0 {
  struct btc_str72 f0;
  struct btc_str64 f1;
  __s64 f2;
};
struct btc_str70 { char s[70]; };
struct btc_tuple1 {
  struct btc_str70 f0;
  struct btc_str64 f1;
};
struct btc_tuple2 { __s64 f0; };
_Static_assert(sizeof(struct btc_str72) == 72, "btc layout: struct btc_str72 size");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_tuple0) == 144, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 72, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 136, "btc layout: struct btc_tuple0 field 2");
_Static_assert(sizeof(struct btc_str70) == 70, "btc layout: struct btc_str70 size");
_Static_assert(sizeof(struct btc_tuple1) == 134, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 70, "btc layout: struct btc_tuple1 field 1");
_Static_assert(sizeof(struct btc_tuple2) == 8, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
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
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
static __always_inline __u64 btc_ctx_arg(__u64 *ctx, __u32 i) {
  __u64 v = 0;
  bpf_probe_read_kernel(&v, sizeof(v), ctx + i);
  return v;
}

struct btc_event5 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event5, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event5 argument 0");
_Static_assert(sizeof(struct btc_event5) == 16, "btc layout: struct btc_event5 size");
const volatile __u64 btc_fip_btc_p1_0 = 0;
const volatile __u32 btc_nargs_btc_p2_0 = 0;
const volatile char btc_fn_btc_p2_0[64] = {};
const volatile __u32 btc_arg_btc_p3_0_prev = 1;
const volatile __u32 BTC_HAS_FUNC_IP = 0;
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, struct btc_str64);
} BTC_FUNC_MAP SEC(".maps");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_tuple0) == 144, "btc layout: m_f key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_f value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple0);
  __type(value, __s64);
} m_f SEC(".maps");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_i key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_i value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __s64);
  __type(value, __s64);
} m_i SEC(".maps");
_Static_assert(sizeof(struct btc_tuple1) == 134, "btc layout: m_k key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_k value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple1);
  __type(value, __s64);
} m_k SEC(".maps");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: m_kr key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_kr value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str64);
  __type(value, __s64);
} m_kr SEC(".maps");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_r key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_r value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __s64);
  __type(value, __s64);
} m_r SEC(".maps");

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

SEC("kprobe")
int btc_p0_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_tuple1 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ({ struct btc_str70 __t0 = {}; __builtin_memcpy(__t0.s, "kprobe:", 7); __u64 __t1 = BTC_HAS_FUNC_IP ? bpf_get_func_ip(ctx) : ctx->ip - 1; void *__t2 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t1); if (__t2) __builtin_memcpy(__t0.s + 7, __t2, 64); __t0; }); __key.f1 = ({ struct btc_str64 __t3 = {}; __u64 __t4 = BTC_HAS_FUNC_IP ? bpf_get_func_ip(ctx) : ctx->ip - 1; void *__t5 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t4); if (__t5) __builtin_memcpy(__t3.s + 0, __t5, 64); __t3; });
#line 6 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_k, &__key);
#line 6 "script.lines"
    if (__entry) {
#line 6 "script.lines"
      *__entry += 1;
#line 6 "script.lines"
    } else {
#line 6 "script.lines"
      __s64 __first = 1;
#line 6 "script.lines"
      {
#line 6 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_k, &__key, &__first, BPF_ANY));
#line 6 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 6 "script.lines"
          btc_report_helper(0, __ret);
#line 6 "script.lines"
      }
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 813 "btc_tool.bpf.c"

SEC("kretprobe")
int btc_p1_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_str64 __key = ({ struct btc_str64 __t6 = {}; __u64 __t7 = BTC_HAS_FUNC_IP ? bpf_get_func_ip(ctx) : btc_fip_btc_p1_0; void *__t8 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t7); if (__t8) __builtin_memcpy(__t6.s + 0, __t8, 64); __t6; });
#line 7 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_kr, &__key);
#line 7 "script.lines"
    if (__entry) {
#line 7 "script.lines"
      *__entry += 1;
#line 7 "script.lines"
    } else {
#line 7 "script.lines"
      __s64 __first = 1;
#line 7 "script.lines"
      {
#line 7 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_kr, &__key, &__first, BPF_ANY));
#line 7 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 7 "script.lines"
          btc_report_helper(1, __ret);
#line 7 "script.lines"
      }
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
  return 0;
}
#line 851 "btc_tool.bpf.c"

SEC("fexit")
int btc_p2_0(__u64 *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ({ struct btc_str72 __t9 = {}; __builtin_memcpy(__t9.s, "kretfunc:", 9); bpf_probe_read_kernel(__t9.s + 9, 64, (const void *)btc_fn_btc_p2_0); __t9; }); __key.f1 = ({ struct btc_str64 __t10 = {}; bpf_probe_read_kernel(__t10.s + 0, 64, (const void *)btc_fn_btc_p2_0); __t10; }); __key.f2 = ((__s64)(((__s64)(btc_ctx_arg(ctx, btc_nargs_btc_p2_0)))));
#line 8 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_f, &__key);
#line 8 "script.lines"
    if (__entry) {
#line 8 "script.lines"
      *__entry += 1;
#line 8 "script.lines"
    } else {
#line 8 "script.lines"
      __s64 __first = 1;
#line 8 "script.lines"
      {
#line 8 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_f, &__key, &__first, BPF_ANY));
#line 8 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 8 "script.lines"
          btc_report_helper(2, __ret);
#line 8 "script.lines"
      }
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
  return 0;
}
#line 889 "btc_tool.bpf.c"

static __always_inline long btc_checked0(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(3, __ret);
  }
  return __result;
}

SEC("raw_tp/sched_switch")
int btc_p3_0(struct btc_raw_tp_args *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 9 "script.lines"
  {
#line 9 "script.lines"
    __s64 __key = ((__s64)(((__s64)(__s32)(btc_core_int_in(btc_checked0, struct task_struct___btc, btc_ctx_arg(ctx->args, btc_arg_btc_p3_0_prev), pid, 0)))));
#line 9 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_r, &__key);
#line 9 "script.lines"
    if (__entry) {
#line 9 "script.lines"
      *__entry += 1;
#line 9 "script.lines"
    } else {
#line 9 "script.lines"
      __s64 __first = 1;
#line 9 "script.lines"
      {
#line 9 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_r, &__key, &__first, BPF_ANY));
#line 9 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 9 "script.lines"
          btc_report_helper(4, __ret);
#line 9 "script.lines"
      }
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
  return 0;
}
#line 937 "btc_tool.bpf.c"

SEC("iter/task")
int btc_p4_0(__u64 *ctx) {
  if (btc_stopping())
    return 0;
  if (!ctx[1])
    return 0;
#line 10 "script.lines"
  {
#line 10 "script.lines"
    __s64 __key = ((__s64)(((__s64)(__s32)(btc_core_int_in(bpf_probe_read_kernel, struct task_struct___btc, ({ __u64 __t11 = 0; bpf_probe_read_kernel(&__t11, 8, &ctx[1]); __t11; }), pid, 0)))));
#line 10 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_i, &__key);
#line 10 "script.lines"
    if (__entry) {
#line 10 "script.lines"
      *__entry += 1;
#line 10 "script.lines"
    } else {
#line 10 "script.lines"
      __s64 __first = 1;
#line 10 "script.lines"
      {
#line 10 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_i, &__key, &__first, BPF_ANY));
#line 10 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 10 "script.lines"
        {
#line 10 "script.lines"
          struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 10 "script.lines"
          if (__event) {
#line 10 "script.lines"
            __event->header.id = 5;
#line 10 "script.lines"
            __event->header.reserved = sizeof(struct btc_event5);
#line 10 "script.lines"
            __event->p.f0 = __ret;
#line 10 "script.lines"
            bpf_seq_write((struct seq_file *)*(__u64 *)ctx[0], __event, sizeof(struct btc_event5));
#line 10 "script.lines"
            bpf_ringbuf_discard(__event, 0);
#line 10 "script.lines"
          } else {
#line 10 "script.lines"
            btc_count_lost();
#line 10 "script.lines"
          }
#line 10 "script.lines"
        }
#line 10 "script.lines"
      }
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
  return 0;
}
#line 997 "btc_tool.bpf.c"
