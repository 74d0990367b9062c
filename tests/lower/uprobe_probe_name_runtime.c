
char LICENSE[] SEC("license") = "GPL";
struct btc_str120 { char s[120]; };
struct btc_tuple0 { struct btc_str120 f0; };
struct btc_tuple1 { __s64 f0; };
struct btc_str26 { char s[26]; };
_Static_assert(sizeof(struct btc_str120) == 120, "btc layout: struct btc_str120 size");
_Static_assert(sizeof(struct btc_tuple0) == 120, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_str26) == 26, "btc layout: struct btc_str26 size");
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
_Static_assert(sizeof(struct btc_event0) == 128, "btc layout: struct btc_event0 size");
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

const volatile char btc_pn_btc_p0_0[120] = {};
const volatile __u64 btc_fip_btc_p1_0 = 0;
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, struct btc_str120);
} BTC_FUNC_MAP SEC(".maps");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_str120) == 120, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str120);
  __type(value, __s64);
} m_ SEC(".maps");

SEC("uprobe")
int btc_p0_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event0), 0);
#line 4 "script.lines"
    if (__event) {
#line 4 "script.lines"
      __event->header.id = 0;
#line 4 "script.lines"
      __event->header.reserved = 0;
#line 4 "script.lines"
      __event->p.f0 = ({ struct btc_str120 __t0 = {}; bpf_probe_read_kernel(__t0.s, 120, (const void *)btc_pn_btc_p0_0); __t0; });
#line 4 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 4 "script.lines"
    } else {
#line 4 "script.lines"
      btc_count_lost();
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
  return 0;
}
#line 806 "btc_tool.bpf.c"

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
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_str120 __key = ({ struct btc_str120 __t1 = {}; __u64 __t2 = (btc_fip_btc_p1_0 ? btc_fip_btc_p1_0 : bpf_get_attach_cookie(ctx)) + BTC_PROBE_NAME_KEY; void *__t3 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t2); if (__t3) bpf_probe_read_kernel(__t1.s, 120, __t3); __t1; });
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
          btc_report_helper(1, __ret);
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
  return 0;
}
#line 857 "btc_tool.bpf.c"

SEC("usdt")
int btc_p2_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_str120 __key = ({ struct btc_str120 __t4 = {}; __u64 __t5 = btc_usdt_cookie(ctx) + BTC_PROBE_NAME_KEY; void *__t6 = bpf_map_lookup_elem(&BTC_FUNC_MAP, &__t5); if (__t6) bpf_probe_read_kernel(__t4.s, 120, __t6); __t4; });
#line 6 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__first, BPF_ANY));
#line 6 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 6 "script.lines"
          btc_report_helper(2, __ret);
#line 6 "script.lines"
      }
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 895 "btc_tool.bpf.c"

SEC("uprobe")
int btc_p3_0(struct btc_pt_regs *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_str120 __key = ({ struct btc_str26 __t7 = ((struct btc_str26){"uprobe:/bin/bash:readline"}); struct btc_str120 __t8 = {}; __builtin_memcpy(__t8.s, __t7.s, 26); __t8; });
#line 7 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_, &__key, &__first, BPF_ANY));
#line 7 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 7 "script.lines"
          btc_report_helper(3, __ret);
#line 7 "script.lines"
      }
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
  return 0;
}
#line 933 "btc_tool.bpf.c"
