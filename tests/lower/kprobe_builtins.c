
char LICENSE[] SEC("license") = "GPL";
struct btc_tuple0 {
  __u64 f0;
  __u64 f1;
  __u64 f2;
  __u64 f3;
};
struct btc_str64 { char s[64]; };
struct btc_tuple1 { __s64 f0; };
_Static_assert(sizeof(struct btc_tuple0) == 32, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
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
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
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
_Static_assert(sizeof(struct btc_tuple0) == 32, "btc layout: m_a key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_a value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple0);
  __type(value, __s64);
} m_a SEC(".maps");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: m_f key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_f value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str64);
  __type(value, __s64);
} m_f SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_r key size");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_r value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, __u64);
} m_r SEC(".maps");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: m_w key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_w value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str64);
  __type(value, __s64);
} m_w SEC(".maps");

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
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_tuple0 __key; __builtin_memset(&__key, 0, sizeof(__key)); __key.f0 = ((__u64)(((__u64)ctx->di))); __key.f1 = ((__u64)(((__u64)ctx->r9))); __key.f2 = ((__u64)(({ __u64 __t0 = 0; bpf_probe_read_kernel(&__t0, 8, (void *)(ctx->sp + 16)); __t0; }))); __key.f3 = ((__u64)(((__u64)ctx->ip)));
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_a, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_a, &__key, &__first, BPF_ANY));
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
    struct btc_str64 __key = ((struct btc_str64){"vfs_read"});
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_f, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_f, &__key, &__first, BPF_ANY));
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
  return 0;
}
#line 806 "btc_tool.bpf.c"

SEC("kretprobe")
int btc_p1_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    __u64 __value = ((__u64)(((__u64)ctx->ax)));
#line 5 "script.lines"
    __u64 __key = 0;
#line 5 "script.lines"
    {
#line 5 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_r, &__key, &__value, BPF_ANY));
#line 5 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 5 "script.lines"
        btc_report_helper(2, __ret);
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
  return 0;
}
#line 834 "btc_tool.bpf.c"

SEC("kprobe")
int btc_p2_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_str64 __key = ({ struct btc_str64 __t1 = {}; __u64 __t2 = BTC_HAS_FUNC_IP ? bpf_get_func_ip(ctx) : ctx->ip - 1; void *__t3 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t2); if (__t3) __builtin_memcpy(__t1.s + 0, __t3, 64); __t1; });
#line 6 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_w, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_w, &__key, &__first, BPF_ANY));
#line 6 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 6 "script.lines"
          btc_report_helper(3, __ret);
#line 6 "script.lines"
      }
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 872 "btc_tool.bpf.c"
