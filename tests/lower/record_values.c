
char LICENSE[] SEC("license") = "GPL";
struct task_struct___btc;
struct signal_struct___btc;
struct rlimit___btc;
struct raw_spinlock___btc;
struct qspinlock___btc;
struct __btc_anon0___btc;
struct cpumask___btc;
struct __btc_anon0___btc { __s32 counter; } __attribute__((preserve_access_index));
struct qspinlock___btc { struct __btc_anon0___btc val; __u8 locked; __u8 pending; __u16 locked_pending; __u16 tail; } __attribute__((preserve_access_index));
struct raw_spinlock___btc { struct qspinlock___btc raw_lock; } __attribute__((preserve_access_index));
struct cpumask___btc { __u64 bits[4]; } __attribute__((preserve_access_index));
struct task_struct___btc { struct signal_struct___btc *signal; struct raw_spinlock___btc pi_lock; struct cpumask___btc cpus_mask; } __attribute__((preserve_access_index));
struct rlimit___btc { __u64 rlim_cur; __u64 rlim_max; } __attribute__((preserve_access_index));
struct signal_struct___btc { struct rlimit___btc rlim[16]; } __attribute__((preserve_access_index));
struct btc_arr0 { __u64 a[4]; };
struct btc_rec1 {
  __u64 f0;
  __u64 f1;
};
struct btc_rec2 { __s32 f0; };
struct btc_rec3 {
  struct btc_rec2 f0;
  __u8 f1;
  __u8 f2;
  __u16 f3;
  __u16 f4;
};
struct btc_rec4 { struct btc_rec3 f0; };
struct btc_tuple5 { __s64 f0; };
struct btc_tuple6 {
  __u64 f0;
  __s64 f1;
};
_Static_assert(sizeof(struct btc_arr0) == 32, "btc layout: struct btc_arr0 size");
_Static_assert(sizeof(struct btc_rec1) == 16, "btc layout: struct btc_rec1 size");
_Static_assert(__builtin_offsetof(struct btc_rec1, f0) == 0, "btc layout: struct btc_rec1 field 0");
_Static_assert(__builtin_offsetof(struct btc_rec1, f1) == 8, "btc layout: struct btc_rec1 field 1");
_Static_assert(sizeof(struct btc_rec2) == 4, "btc layout: struct btc_rec2 size");
_Static_assert(__builtin_offsetof(struct btc_rec2, f0) == 0, "btc layout: struct btc_rec2 field 0");
_Static_assert(sizeof(struct btc_rec3) == 12, "btc layout: struct btc_rec3 size");
_Static_assert(__builtin_offsetof(struct btc_rec3, f0) == 0, "btc layout: struct btc_rec3 field 0");
_Static_assert(__builtin_offsetof(struct btc_rec3, f1) == 4, "btc layout: struct btc_rec3 field 1");
_Static_assert(__builtin_offsetof(struct btc_rec3, f2) == 5, "btc layout: struct btc_rec3 field 2");
_Static_assert(__builtin_offsetof(struct btc_rec3, f3) == 6, "btc layout: struct btc_rec3 field 3");
_Static_assert(__builtin_offsetof(struct btc_rec3, f4) == 8, "btc layout: struct btc_rec3 field 4");
_Static_assert(sizeof(struct btc_rec4) == 12, "btc layout: struct btc_rec4 size");
_Static_assert(__builtin_offsetof(struct btc_rec4, f0) == 0, "btc layout: struct btc_rec4 field 0");
_Static_assert(sizeof(struct btc_tuple5) == 8, "btc layout: struct btc_tuple5 size");
_Static_assert(__builtin_offsetof(struct btc_tuple5, f0) == 0, "btc layout: struct btc_tuple5 field 0");
_Static_assert(sizeof(struct btc_tuple6) == 16, "btc layout: struct btc_tuple6 size");
_Static_assert(__builtin_offsetof(struct btc_tuple6, f0) == 0, "btc layout: struct btc_tuple6 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple6, f1) == 8, "btc layout: struct btc_tuple6 field 1");
struct btc_begin0_vars {
  struct btc_arr0 v_b;
  struct btc_rec1 v_r;
};
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple5 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event3 {
  struct btc_event_header header;
  struct btc_tuple6 p;
};
_Static_assert(__builtin_offsetof(struct btc_event3, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event3 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event3, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event3 argument 1");
_Static_assert(sizeof(struct btc_event3) == 24, "btc layout: struct btc_event3 size");
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[16];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_arr0) == 32, "btc layout: m_k key size");
_Static_assert(sizeof(struct btc_rec1) == 16, "btc layout: m_k value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_arr0);
  __type(value, struct btc_rec1);
} m_k SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_lock key size");
_Static_assert(sizeof(struct btc_rec4) == 12, "btc layout: m_lock value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1);
  __type(key, __u64);
  __type(value, struct btc_rec4);
} m_lock SEC(".maps");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, struct btc_begin0_vars);
} btc_begin0_vars SEC(".maps");

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
      btc_report_helper(4, __ret);
  }
  return __result;
}

SEC("raw_tp")
int btc_begin0(void *ctx) {
  __s64 v_i = 0;
  __u32 __zero = 0;
  struct btc_begin0_vars *__vars = bpf_map_lookup_elem(&btc_begin0_vars, &__zero);
  if (!__vars)
    return 0;
#line 7 "script.lines"
  __vars->v_r = ({ struct btc_rec1 __t0 = {}; __u64 __t1 = ((__u64)btc_core_ptr_in(btc_checked0, struct task_struct___btc, ((__u64)bpf_get_current_task()), signal, 0)); __u64 __t2 = 0; __t0.f0 = (__u64)btc_core_int_in(bpf_probe_read_kernel, struct signal_struct___btc, __t1, rlim[7].rlim_cur, __t2); __t0.f1 = (__u64)btc_core_int_in(bpf_probe_read_kernel, struct signal_struct___btc, __t1, rlim[7].rlim_max, __t2); __t0; });
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_rec4 __value = ({ struct btc_rec4 __t3 = {}; __u64 __t4 = ((__u64)bpf_get_current_task()); __u64 __t5 = 0; __t3.f0.f0.f0 = (__s32)btc_core_int_in(bpf_probe_read_kernel, struct task_struct___btc, __t4, pi_lock.raw_lock.val.counter, __t5); __t3.f0.f1 = (__u8)btc_core_int_in(bpf_probe_read_kernel, struct task_struct___btc, __t4, pi_lock.raw_lock.locked, __t5); __t3.f0.f2 = (__u8)btc_core_int_in(bpf_probe_read_kernel, struct task_struct___btc, __t4, pi_lock.raw_lock.pending, __t5); __t3.f0.f3 = (__u16)btc_core_int_in(bpf_probe_read_kernel, struct task_struct___btc, __t4, pi_lock.raw_lock.locked_pending, __t5); __t3.f0.f4 = (__u16)btc_core_int_in(bpf_probe_read_kernel, struct task_struct___btc, __t4, pi_lock.raw_lock.tail, __t5); __t3; });
#line 8 "script.lines"
    __u64 __key = 0;
#line 8 "script.lines"
    {
#line 8 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_lock, &__key, &__value, BPF_ANY));
#line 8 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 8 "script.lines"
        btc_report_helper(1, __ret);
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    struct btc_rec1 __value = __vars->v_r;
#line 9 "script.lines"
    struct btc_arr0 __key = ({ struct btc_arr0 __t6 = {}; __u64 __t7 = ((__u64)bpf_get_current_task()); __u64 __t8 = 0; { struct task_struct___btc *__t9 = (struct task_struct___btc *)(unsigned long)(__t7); __u32 __t10 = __builtin_preserve_field_info(__t9->cpus_mask.bits, BTC_FIELD_BYTE_SIZE); bpf_probe_read_kernel(&__t6, __t10 > sizeof(__t6) ? sizeof(__t6) : __t10, (const char *)__builtin_preserve_access_index(&__t9->cpus_mask.bits) + __t8); } __t6; });
#line 9 "script.lines"
    {
#line 9 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_k, &__key, &__value, BPF_ANY));
#line 9 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 9 "script.lines"
        btc_report_helper(2, __ret);
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 10 "script.lines"
  __vars->v_b = ({ struct btc_arr0 __t11 = {}; __u64 __t12 = ((__u64)bpf_get_current_task()); __u64 __t13 = 0; { struct task_struct___btc *__t14 = (struct task_struct___btc *)(unsigned long)(__t12); __u32 __t15 = __builtin_preserve_field_info(__t14->cpus_mask.bits, BTC_FIELD_BYTE_SIZE); bpf_probe_read_kernel(&__t11, __t15 > sizeof(__t11) ? sizeof(__t11) : __t15, (const char *)__builtin_preserve_access_index(&__t14->cpus_mask.bits) + __t13); } __t11; });
#line 11 "script.lines"
  v_i = ((__s64)(((__s64)1LL)));
#line 12 "script.lines"
  {
#line 12 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 12 "script.lines"
    if (__event) {
#line 12 "script.lines"
      __event->header.id = 3;
#line 12 "script.lines"
      __event->header.reserved = 0;
#line 12 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)({ struct btc_arr0 __t16 = __vars->v_b; __u64 __t18 = {}; __u64 __t17 = v_i; if (__t17 < 4) __t18 = __t16.a[__t17]; __t18; }))));
#line 12 "script.lines"
      __event->p.f1 = ((__s64)(({ struct btc_rec1 __t19 = __vars->v_r; struct btc_rec1 __t20 = ({ struct btc_rec1 __t25 = {}; __u64 __t26 = ((__u64)btc_core_ptr_in(btc_checked1, struct task_struct___btc, ((__u64)bpf_get_current_task()), signal, 0)); __u64 __t27 = 0; __t25.f0 = (__u64)btc_core_int_in(bpf_probe_read_kernel, struct signal_struct___btc, __t26, rlim[1].rlim_cur, __t27); __t25.f1 = (__u64)btc_core_int_in(bpf_probe_read_kernel, struct signal_struct___btc, __t26, rlim[1].rlim_max, __t27); __t25; }); const __u8 *__t21 = (const __u8 *)&__t19, *__t22 = (const __u8 *)&__t20; __u64 __t23 = 1; _Pragma("clang loop unroll(full)") for (__u32 __t24 = 0; __t24 < sizeof(__t19); __t24++) __t23 &= __t21[__t24] == __t22[__t24]; __t23; })));
#line 12 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 12 "script.lines"
    } else {
#line 12 "script.lines"
      btc_count_lost();
#line 12 "script.lines"
    }
#line 12 "script.lines"
  }
  return 0;
}
#line 843 "btc_tool.bpf.c"
