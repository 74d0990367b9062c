
const volatile __u32 btc_target_tgid = 0;
char BTC_ZERO_BUFFER[8];
_Static_assert(sizeof(__u64) == 8, "btc layout: m_ids key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ids value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, __s64);
} m_ids SEC(".maps");

SEC("raw_tp/sys_enter")
int btc_p0_0(struct btc_raw_tp_args *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    __u64 __key = ((__u64)(((__u64)ctx->args[1])));
#line 4 "script.lines"
    __s64 *__entry = BTC_AGG_ENTRY(&m_ids, &__key);
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
#line 555 "btc_tool.bpf.c"
