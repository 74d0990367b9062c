
char LICENSE[] SEC("license") = "GPL";
struct btc_str84 { char s[84]; };
struct btc_str64 { char s[64]; };
struct btc_str81 { char s[81]; };
struct btc_tuple0 {
  struct btc_str64 f0;
  struct btc_str81 f1;
};
struct btc_tuple1 { __s64 f0; };
struct btc_str79 { char s[79]; };
_Static_assert(sizeof(struct btc_str84) == 84, "btc layout: struct btc_str84 size");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_str81) == 81, "btc layout: struct btc_str81 size");
_Static_assert(sizeof(struct btc_tuple0) == 145, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 64, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_str79) == 79, "btc layout: struct btc_str79 size");
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
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 64, "btc layout: struct btc_event0 argument 1");
_Static_assert(sizeof(struct btc_event0) == 156, "btc layout: struct btc_event0 size");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");

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

const volatile __u64 btc_fip_btc_p0_0 = 0;
const volatile __u64 btc_fip_btc_p1_0 = 0;
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
_Static_assert(sizeof(struct btc_str84) == 84, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str84);
  __type(value, __s64);
} m_ SEC(".maps");

SEC("uprobe")
int btc_p0_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 3 "script.lines"
  {
#line 3 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 3 "script.lines"
    if (__event) {
#line 3 "script.lines"
      __event->header.id = 0;
#line 3 "script.lines"
      __event->header.reserved = 0;
#line 3 "script.lines"
      __event->p.f0 = ({ struct btc_str64 __t0 = {}; __u64 __t1 = (btc_fip_btc_p0_0 ? btc_fip_btc_p0_0 : bpf_get_attach_cookie(ctx)); void *__t2 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t1); if (__t2) __builtin_memcpy(__t0.s + 0, __t2, 64); __t0; });
#line 3 "script.lines"
      __event->p.f1 = ({ struct btc_str81 __t3 = {}; __builtin_memcpy(__t3.s, "uprobe:/bin/bash:", 17); __u64 __t4 = (btc_fip_btc_p0_0 ? btc_fip_btc_p0_0 : bpf_get_attach_cookie(ctx)) + BTC_PROBE_NAME_KEY; void *__t5 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t4); if (__t5) __builtin_memcpy(__t3.s + 17, __t5, 64); __t3; });
#line 3 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 3 "script.lines"
    } else {
#line 3 "script.lines"
      btc_count_lost();
#line 3 "script.lines"
    }
#line 3 "script.lines"
  }
  return 0;
}
#line 817 "btc_tool.bpf.c"

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

SEC("uretprobe")
int btc_p1_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_str84 __key = ({ struct btc_str84 __t6 = {}; __builtin_memcpy(__t6.s, "uretprobe:/bin/bash:", 20); __u64 __t7 = (btc_fip_btc_p1_0 ? btc_fip_btc_p1_0 : bpf_get_attach_cookie(ctx)) + BTC_PROBE_NAME_KEY; void *__t8 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t7); if (__t8) __builtin_memcpy(__t6.s + 20, __t8, 64); __t6; });
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__first, BPF_ANY));
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
#line 868 "btc_tool.bpf.c"

SEC("usdt")
int btc_p2_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_str84 __key = ({ struct btc_str79 __t12 = ({ struct btc_str79 __t9 = {}; __builtin_memcpy(__t9.s, "usdt:/bin/bash:", 15); __u64 __t10 = btc_usdt_cookie(ctx) + BTC_PROBE_NAME_KEY; void *__t11 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t10); if (__t11) __builtin_memcpy(__t9.s + 15, __t11, 64); __t9; }); struct btc_str84 __t13 = {}; __builtin_memcpy(__t13.s, __t12.s, 79); __t13; });
#line 5 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_, &__key);
#line 5 "script.lines"
    if (__entry) {
#line 5 "script.lines"
      *__entry += 1;
#line 5 "script.lines"
    } else {
#line 5 "script.lines"
      __s64 __first = 1;
#line 5 "script.lines"
      {
#line 5 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__first, BPF_ANY));
#line 5 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 5 "script.lines"
          btc_report_helper(2, __ret);
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
  return 0;
}
#line 906 "btc_tool.bpf.c"
