
char LICENSE[] SEC("license") = "GPL";
struct task_struct___btc;
struct nsproxy___btc;
struct uts_namespace___btc;
struct new_utsname___btc;
struct task_struct___btc { struct nsproxy___btc *nsproxy; } __attribute__((preserve_access_index));
struct nsproxy___btc { struct uts_namespace___btc *uts_ns; } __attribute__((preserve_access_index));
struct new_utsname___btc { char sysname[65]; char nodename[65]; char release[65]; char version[65]; char machine[65]; char domainname[65]; } __attribute__((preserve_access_index));
struct uts_namespace___btc { struct new_utsname___btc name; } __attribute__((preserve_access_index));
struct btc_str65 { char s[65]; };
struct btc_rec0 {
  struct btc_str65 f0;
  struct btc_str65 f1;
  struct btc_str65 f2;
  struct btc_str65 f3;
  struct btc_str65 f4;
  struct btc_str65 f5;
};
struct btc_tuple1 { __s64 f0; };
struct btc_tuple2 { struct btc_rec0 f0; };
_Static_assert(sizeof(struct btc_str65) == 65, "btc layout: struct btc_str65 size");
_Static_assert(sizeof(struct btc_rec0) == 390, "btc layout: struct btc_rec0 size");
_Static_assert(__builtin_offsetof(struct btc_rec0, f0) == 0, "btc layout: struct btc_rec0 field 0");
_Static_assert(__builtin_offsetof(struct btc_rec0, f1) == 65, "btc layout: struct btc_rec0 field 1");
_Static_assert(__builtin_offsetof(struct btc_rec0, f2) == 130, "btc layout: struct btc_rec0 field 2");
_Static_assert(__builtin_offsetof(struct btc_rec0, f3) == 195, "btc layout: struct btc_rec0 field 3");
_Static_assert(__builtin_offsetof(struct btc_rec0, f4) == 260, "btc layout: struct btc_rec0 field 4");
_Static_assert(__builtin_offsetof(struct btc_rec0, f5) == 325, "btc layout: struct btc_rec0 field 5");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_tuple2) == 390, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
struct btc_begin0_vars { struct btc_rec0 v_u; };
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
static __attribute__((noinline)) int btc_fill0(struct btc_rec0 *__dst, __u64 __base, __u64 __off) {
  if (__builtin_preserve_field_info(((struct uts_namespace___btc *)0)->name.sysname, BTC_FIELD_EXISTS)) { btc_core_str_in(bpf_probe_read_kernel, struct uts_namespace___btc, __base, name.sysname, __off, (*__dst).f0.s, 65); } if (__builtin_preserve_field_info(((struct uts_namespace___btc *)0)->name.nodename, BTC_FIELD_EXISTS)) { btc_core_str_in(bpf_probe_read_kernel, struct uts_namespace___btc, __base, name.nodename, __off, (*__dst).f1.s, 65); } if (__builtin_preserve_field_info(((struct uts_namespace___btc *)0)->name.release, BTC_FIELD_EXISTS)) { btc_core_str_in(bpf_probe_read_kernel, struct uts_namespace___btc, __base, name.release, __off, (*__dst).f2.s, 65); } if (__builtin_preserve_field_info(((struct uts_namespace___btc *)0)->name.version, BTC_FIELD_EXISTS)) { btc_core_str_in(bpf_probe_read_kernel, struct uts_namespace___btc, __base, name.version, __off, (*__dst).f3.s, 65); } if (__builtin_preserve_field_info(((struct uts_namespace___btc *)0)->name.machine, BTC_FIELD_EXISTS)) { btc_core_str_in(bpf_probe_read_kernel, struct uts_namespace___btc, __base, name.machine, __off, (*__dst).f4.s, 65); } if (__builtin_preserve_field_info(((struct uts_namespace___btc *)0)->name.domainname, BTC_FIELD_EXISTS)) { btc_core_str_in(bpf_probe_read_kernel, struct uts_namespace___btc, __base, name.domainname, __off, (*__dst).f5.s, 65); } 
  return 0;
}

struct btc_event2 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event2, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event2 argument 0");
_Static_assert(sizeof(struct btc_event2) == 400, "btc layout: struct btc_event2 size");
struct btc_event8 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event8, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event8 argument 0");
_Static_assert(sizeof(struct btc_event8) == 16, "btc layout: struct btc_event8 size");
struct btc_begin0_big { __u64 b[49]; };
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[390];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_rec0) == 390, "btc layout: m_names key size");
_Static_assert(sizeof(struct btc_rec0) == 390, "btc layout: m_names value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_rec0);
  __type(value, struct btc_rec0);
} m_names SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_begin0_vars);
} btc_begin0_vars SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_begin0_big);
} btc_begin0_big SEC(".maps");

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
      btc_report_helper(0, __ret);
  }
  return __result;
}

static __always_inline long btc_checked1(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(1, __ret);
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
      btc_report_helper(5, __ret);
  }
  return __result;
}

static __always_inline long btc_checked5(void *__dst, __u32 __size, const void *__src) {
  long __result;
  {
    long __ret = (int)((__result = bpf_probe_read_kernel(__dst, __size, __src)));
    if (btc_helper_checks >= 2 && __ret < 0)
      btc_report_helper(6, __ret);
  }
  return __result;
}

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __u32 __zero = 0;
  struct btc_begin0_vars *__vars = bpf_map_lookup_elem(&btc_begin0_vars, &__zero);
  if (!__vars)
    return 0;
  __u32 __big_key = 0;
  struct btc_begin0_big *__big = bpf_map_lookup_elem(&btc_begin0_big, &__big_key);
  if (!__big)
    return 0;
#line 7 "script.lines"
  { bpf_probe_read_kernel(&__vars->v_u, 390, BTC_ZERO_BUFFER); btc_fill0(&__vars->v_u, ((__u64)btc_core_ptr_in(btc_checked1, struct nsproxy___btc, ((__u64)btc_core_ptr_in(btc_checked0, struct task_struct___btc, ((__u64)bpf_get_current_task()), nsproxy, 0)), uts_ns, 0)), 0); } 
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 8 "script.lines"
    if (__event) {
#line 8 "script.lines"
      __event->header.id = 2;
#line 8 "script.lines"
      __event->header.reserved = 0;
#line 8 "script.lines"
      { bpf_probe_read_kernel(&__event->p.f0, 390, BTC_ZERO_BUFFER); btc_fill0(&__event->p.f0, ((__u64)btc_core_ptr_in(btc_checked3, struct nsproxy___btc, ((__u64)btc_core_ptr_in(btc_checked2, struct task_struct___btc, ((__u64)bpf_get_current_task()), nsproxy, 0)), uts_ns, 0)), 0); } 
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
    struct btc_rec0 *__value = (&__vars->v_u);
#line 9 "script.lines"
    struct btc_rec0 *__key = ({ struct btc_rec0 *__t0 = ((struct btc_rec0 *)((char *)__big + 0)); { bpf_probe_read_kernel(&(*__t0), 390, BTC_ZERO_BUFFER); btc_fill0(&(*__t0), ((__u64)btc_core_ptr_in(btc_checked5, struct nsproxy___btc, ((__u64)btc_core_ptr_in(btc_checked4, struct task_struct___btc, ((__u64)bpf_get_current_task()), nsproxy, 0)), uts_ns, 0)), 0); } __t0; });
#line 9 "script.lines"
    {
#line 9 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_names, __key, __value, BPF_ANY));
#line 9 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 9 "script.lines"
        btc_report_helper(7, __ret);
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 10 "script.lines"
  {
#line 10 "script.lines"
    struct btc_event8 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event8), 0);
#line 10 "script.lines"
    if (__event) {
#line 10 "script.lines"
      __event->header.id = 8;
#line 10 "script.lines"
      __event->header.reserved = 0;
#line 10 "script.lines"
      __event->p.f0 = ((__s64)(({ const __u8 *__t1 = (const __u8 *)(&__vars->v_u); const __u8 *__t2 = (const __u8 *)({ struct btc_rec0 *__t5 = (&__vars->v_u); struct btc_rec0 *__t6 = bpf_map_lookup_elem(&m_names, __t5); __t6 ? __t6 : (struct btc_rec0 *)BTC_ZERO_BUFFER; }); __u64 __t3 = 0; _Pragma("clang loop unroll(disable)") for (__u32 __t4 = 0; __t4 < 390; __t4++) __t3 |= __t1[__t4] ^ __t2[__t4]; (__u64)(__t3 == 0); })));
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
  return 0;
}
#line 869 "btc_tool.bpf.c"
