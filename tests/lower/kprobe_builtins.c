
struct btc_tuple0 {
  __u64 f0;
  __u64 f1;
  __u64 f2;
  __u64 f3;
};
struct btc_str64 { char s[64]; };
_Static_assert(sizeof(struct btc_tuple0) == 32, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
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
const volatile __u32 BTC_HAS_FUNC_IP = 0;
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, struct btc_str64);
} BTC_FUNC_MAP SEC(".maps");
const volatile __u32 btc_target_tgid = 0;
char BTC_ZERO_BUFFER[8];
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

SEC("kprobe")
int btc_p0_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_tuple0 __key = ({ struct btc_tuple0 __t0; __builtin_memset(&__t0, 0, sizeof(__t0)); __t0.f0 = ((__u64)(((__u64)ctx->di))); __t0.f1 = ((__u64)(((__u64)ctx->r9))); __t0.f2 = ((__u64)(({ __u64 __t1 = 0; bpf_probe_read_kernel(&__t1, 8, (void *)(ctx->sp + 16)); __t1; }))); __t0.f3 = ((__u64)(((__u64)ctx->ip))); __t0; });
#line 4 "script.lines"
    __s64 *__entry = BTC_AGG_ENTRY(&m_a, &__key);
#line 4 "script.lines"
    if (__entry) {
#line 4 "script.lines"
      *__entry += 1;
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_str64 __key = ((struct btc_str64){"vfs_read"});
#line 4 "script.lines"
    __s64 *__entry = BTC_AGG_ENTRY(&m_f, &__key);
#line 4 "script.lines"
    if (__entry) {
#line 4 "script.lines"
      *__entry += 1;
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
  return 0;
}
#line 636 "btc_tool.bpf.c"

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
    bpf_map_update_elem(&m_r, &__key, &__value, BPF_ANY);
#line 5 "script.lines"
  }
  return 0;
}
#line 656 "btc_tool.bpf.c"

SEC("kprobe")
int btc_p2_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_str64 __key = ({ struct btc_str64 __t2 = {}; __u64 __t3 = BTC_HAS_FUNC_IP ? bpf_get_func_ip(ctx) : ctx->ip - 1; void *__t4 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t3); if (__t4) __builtin_memcpy(__t2.s + 0, __t4, 64); __t2; });
#line 6 "script.lines"
    __s64 *__entry = BTC_AGG_ENTRY(&m_w, &__key);
#line 6 "script.lines"
    if (__entry) {
#line 6 "script.lines"
      *__entry += 1;
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 680 "btc_tool.bpf.c"
