#include "lower/usdt_reader.h"

namespace btc {

const char* const kUsdtReader = R"c(
/* USDT argument specs as libbpf's bpf_program__attach_usdt() stores them: where each argument
 * of a probe site is (a constant, a register, or memory at a register plus an offset), its
 * size as a shift and its signedness. */
enum btc_usdt_arg_kind { BTC_USDT_CONST, BTC_USDT_REG, BTC_USDT_REG_DEREF };
struct btc_usdt_arg {
  __u64 val_off;
  enum btc_usdt_arg_kind kind;
  short reg_off; /* offsetof(struct pt_regs, reg) */
  _Bool is_signed;
  char shift; /* 64 - 8 * size */
};
struct btc_usdt_spec {
  struct btc_usdt_arg args[12];
  __u64 cookie;
  short nargs;
};
struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 256);
  __type(key, int);
  __type(value, struct btc_usdt_spec);
} __bpf_usdt_specs SEC(".maps");
/* Kernels without BPF cookies (before 5.15) find the spec by the site's address. */
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024);
  __type(key, long);
  __type(value, __u32);
} __bpf_usdt_ip_to_spec_id SEC(".maps");
extern const _Bool LINUX_HAS_BPF_COOKIE __kconfig;

/* The spec of the site that fired. */
static __always_inline struct btc_usdt_spec *btc_usdt_spec(struct btc_pt_regs *ctx) {
  int id;
  if (LINUX_HAS_BPF_COOKIE) {
    id = (int)bpf_get_attach_cookie(ctx);
  } else {
    long ip = (long)ctx->ip;
    __u32 *found = bpf_map_lookup_elem(&__bpf_usdt_ip_to_spec_id, &ip);
    if (!found)
      return 0;
    id = (int)*found;
  }
  return bpf_map_lookup_elem(&__bpf_usdt_specs, &id);
}

/* The cookie the tool gave the site (its key in BTC_FUNC_MAP). */
static __always_inline __u64 btc_usdt_cookie(struct btc_pt_regs *ctx) {
  struct btc_usdt_spec *spec = btc_usdt_spec(ctx);
  return spec ? spec->cookie : 0;
}

static __always_inline __u64 btc_usdt_arg(struct btc_pt_regs *ctx, __u32 n) {
  struct btc_usdt_spec *spec = btc_usdt_spec(ctx);
  if (!spec || n >= 12 || n >= (__u32)spec->nargs)
    return 0;
  struct btc_usdt_arg *a = &spec->args[n];
  __u64 v = 0;
  if (a->kind == BTC_USDT_CONST) {
    v = a->val_off;
  } else {
    bpf_probe_read_kernel(&v, sizeof(v), (void *)ctx + a->reg_off);
    if (a->kind == BTC_USDT_REG_DEREF)
      bpf_probe_read_user(&v, sizeof(v), (void *)(v + a->val_off));
  }
  v <<= a->shift;
  return a->is_signed ? (__u64)((__s64)v >> a->shift) : v >> a->shift;
}
)c";

} // namespace btc
