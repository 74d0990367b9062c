
struct btc_tuple0 {
  __u64 f0;
  __s64 f1;
};
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
static __always_inline __u64 btc_ctx_arg(__u64 *ctx, __u32 i) {
  __u64 v = 0;
  bpf_probe_read_kernel(&v, sizeof(v), ctx + i);
  return v;
}

const volatile __u32 btc_arg_btc_p0_0_count = 0;
const volatile __u32 btc_arg_btc_p1_0_count = 0;
const volatile __u32 btc_nargs_btc_p1_0 = 0;
const volatile __u32 btc_target_tgid = 0;
char BTC_ZERO_BUFFER[8];
_Static_assert(sizeof(__u64) == 8, "btc layout: m_c key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_c value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, __s64);
} m_c SEC(".maps");
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: m_r key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_r value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_tuple0);
  __type(value, __s64);
} m_r SEC(".maps");

SEC("fentry")
int btc_p0_0(__u64 *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 3 "script.lines"
  {
#line 3 "script.lines"
    __u64 __key = ((__u64)(((__u64)(btc_ctx_arg(ctx, btc_arg_btc_p0_0_count)))));
#line 3 "script.lines"
    __s64 *__entry = BTC_AGG_ENTRY(&m_c, &__key);
#line 3 "script.lines"
    if (__entry) {
#line 3 "script.lines"
      *__entry += 1;
#line 3 "script.lines"
    }
#line 3 "script.lines"
  }
  return 0;
}
#line 579 "btc_tool.bpf.c"

SEC("fexit")
int btc_p1_0(__u64 *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_tuple0 __key = ({ struct btc_tuple0 __t0; __builtin_memset(&__t0, 0, sizeof(__t0)); __t0.f0 = ((__u64)(((__u64)(btc_ctx_arg(ctx, btc_arg_btc_p1_0_count))))); __t0.f1 = ((__s64)(((__s64)(btc_ctx_arg(ctx, btc_nargs_btc_p1_0))))); __t0; });
#line 4 "script.lines"
    __s64 *__entry = BTC_AGG_ENTRY(&m_r, &__key);
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
#line 603 "btc_tool.bpf.c"
