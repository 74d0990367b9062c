
char LICENSE[] SEC("license") = "GPL";
struct btc_str6 { char s[6]; };
struct btc_str3 { char s[3]; };
struct btc_str26 { char s[26]; };
struct btc_str2 { char s[2]; };
struct btc_tuple0 { __s64 f0; };
struct btc_str10 { char s[10]; };
struct btc_str12 { char s[12]; };
_Static_assert(sizeof(struct btc_str6) == 6, "btc layout: struct btc_str6 size");
_Static_assert(sizeof(struct btc_str3) == 3, "btc layout: struct btc_str3 size");
_Static_assert(sizeof(struct btc_str26) == 26, "btc layout: struct btc_str26 size");
_Static_assert(sizeof(struct btc_str2) == 2, "btc layout: struct btc_str2 size");
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(sizeof(struct btc_str10) == 10, "btc layout: struct btc_str10 size");
_Static_assert(sizeof(struct btc_str12) == 12, "btc layout: struct btc_str12 size");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_str6) == 6, "btc layout: m_i key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_i value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str6);
  __type(value, __s64);
} m_i SEC(".maps");
_Static_assert(sizeof(struct btc_str3) == 3, "btc layout: m_p key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_p value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str3);
  __type(value, __s64);
} m_p SEC(".maps");
_Static_assert(sizeof(struct btc_str26) == 26, "btc layout: m_sw key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_sw value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str26);
  __type(value, __s64);
} m_sw SEC(".maps");

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

SEC("perf_event")
int btc_p0_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 2 "script.lines"
  {
#line 2 "script.lines"
    struct btc_str6 __key = ({ struct btc_str2 __t0 = ((struct btc_str2){"s"}); struct btc_str6 __t1 = {}; __builtin_memcpy(__t1.s, __t0.s, 2); __t1; });
#line 2 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_i, &__key);
#line 2 "script.lines"
    if (__entry) {
#line 2 "script.lines"
      *__entry += 1;
#line 2 "script.lines"
    } else {
#line 2 "script.lines"
      __s64 __first = 1;
#line 2 "script.lines"
      {
#line 2 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_i, &__key, &__first, BPF_ANY));
#line 2 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 2 "script.lines"
          btc_report_helper(0, __ret);
#line 2 "script.lines"
      }
#line 2 "script.lines"
    }
#line 2 "script.lines"
  }
  return 0;
}
#line 737 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p1_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 3 "script.lines"
  {
#line 3 "script.lines"
    struct btc_str6 __key = ({ struct btc_str3 __t2 = ((struct btc_str3){"ms"}); struct btc_str6 __t3 = {}; __builtin_memcpy(__t3.s, __t2.s, 3); __t3; });
#line 3 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_i, &__key);
#line 3 "script.lines"
    if (__entry) {
#line 3 "script.lines"
      *__entry += 1;
#line 3 "script.lines"
    } else {
#line 3 "script.lines"
      __s64 __first = 1;
#line 3 "script.lines"
      {
#line 3 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_i, &__key, &__first, BPF_ANY));
#line 3 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 3 "script.lines"
          btc_report_helper(1, __ret);
#line 3 "script.lines"
      }
#line 3 "script.lines"
    }
#line 3 "script.lines"
  }
  return 0;
}
#line 773 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p2_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_str6 __key = ({ struct btc_str3 __t4 = ((struct btc_str3){"us"}); struct btc_str6 __t5 = {}; __builtin_memcpy(__t5.s, __t4.s, 3); __t5; });
#line 4 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_i, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_i, &__key, &__first, BPF_ANY));
#line 4 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 4 "script.lines"
          btc_report_helper(2, __ret);
#line 4 "script.lines"
      }
#line 4 "script.lines"
    }
#line 4 "script.lines"
  }
  return 0;
}
#line 809 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p3_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_str6 __key = ({ struct btc_str3 __t6 = ((struct btc_str3){"hz"}); struct btc_str6 __t7 = {}; __builtin_memcpy(__t7.s, __t6.s, 3); __t7; });
#line 5 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_i, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_i, &__key, &__first, BPF_ANY));
#line 5 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 5 "script.lines"
          btc_report_helper(3, __ret);
#line 5 "script.lines"
      }
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
  return 0;
}
#line 845 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p4_0(void *ctx) {
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_str6 __key = ((struct btc_str6){"alias"});
#line 6 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_i, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_i, &__key, &__first, BPF_ANY));
#line 6 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 6 "script.lines"
          btc_report_helper(4, __ret);
#line 6 "script.lines"
      }
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 881 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p5_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 7 "script.lines"
  {
#line 7 "script.lines"
    struct btc_str3 __key = ((struct btc_str3){"hz"});
#line 7 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_p, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_p, &__key, &__first, BPF_ANY));
#line 7 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 7 "script.lines"
          btc_report_helper(5, __ret);
#line 7 "script.lines"
      }
#line 7 "script.lines"
    }
#line 7 "script.lines"
  }
  return 0;
}
#line 919 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p6_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 8 "script.lines"
  {
#line 8 "script.lines"
    struct btc_str3 __key = ((struct btc_str3){"ms"});
#line 8 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_p, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_p, &__key, &__first, BPF_ANY));
#line 8 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 8 "script.lines"
          btc_report_helper(6, __ret);
#line 8 "script.lines"
      }
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
  return 0;
}
#line 957 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p7_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 9 "script.lines"
  {
#line 9 "script.lines"
    struct btc_str3 __key = ({ struct btc_str2 __t8 = ((struct btc_str2){"s"}); struct btc_str3 __t9 = {}; __builtin_memcpy(__t9.s, __t8.s, 2); __t9; });
#line 9 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_p, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_p, &__key, &__first, BPF_ANY));
#line 9 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 9 "script.lines"
          btc_report_helper(7, __ret);
#line 9 "script.lines"
      }
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
  return 0;
}
#line 995 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p8_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 10 "script.lines"
  {
#line 10 "script.lines"
    struct btc_str3 __key = ((struct btc_str3){"us"});
#line 10 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_p, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_p, &__key, &__first, BPF_ANY));
#line 10 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 10 "script.lines"
          btc_report_helper(8, __ret);
#line 10 "script.lines"
      }
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
  return 0;
}
#line 1033 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p9_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 11 "script.lines"
  {
#line 11 "script.lines"
    struct btc_str26 __key = ({ struct btc_str10 __t10 = ((struct btc_str10){"cpu-clock"}); struct btc_str26 __t11 = {}; __builtin_memcpy(__t11.s, __t10.s, 10); __t11; });
#line 11 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_sw, &__key);
#line 11 "script.lines"
    if (__entry) {
#line 11 "script.lines"
      *__entry += 1;
#line 11 "script.lines"
    } else {
#line 11 "script.lines"
      __s64 __first = 1;
#line 11 "script.lines"
      {
#line 11 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_sw, &__key, &__first, BPF_ANY));
#line 11 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 11 "script.lines"
          btc_report_helper(9, __ret);
#line 11 "script.lines"
      }
#line 11 "script.lines"
    }
#line 11 "script.lines"
  }
  return 0;
}
#line 1071 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p10_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 12 "script.lines"
  {
#line 12 "script.lines"
    struct btc_str26 __key = ({ struct btc_str12 __t12 = ((struct btc_str12){"page-faults"}); struct btc_str26 __t13 = {}; __builtin_memcpy(__t13.s, __t12.s, 12); __t13; });
#line 12 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_sw, &__key);
#line 12 "script.lines"
    if (__entry) {
#line 12 "script.lines"
      *__entry += 1;
#line 12 "script.lines"
    } else {
#line 12 "script.lines"
      __s64 __first = 1;
#line 12 "script.lines"
      {
#line 12 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_sw, &__key, &__first, BPF_ANY));
#line 12 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 12 "script.lines"
          btc_report_helper(10, __ret);
#line 12 "script.lines"
      }
#line 12 "script.lines"
    }
#line 12 "script.lines"
  }
  return 0;
}
#line 1109 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p11_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_str26 __key = ({ struct btc_str3 __t14 = ((struct btc_str3){"cs"}); struct btc_str26 __t15 = {}; __builtin_memcpy(__t15.s, __t14.s, 3); __t15; });
#line 13 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_sw, &__key);
#line 13 "script.lines"
    if (__entry) {
#line 13 "script.lines"
      *__entry += 1;
#line 13 "script.lines"
    } else {
#line 13 "script.lines"
      __s64 __first = 1;
#line 13 "script.lines"
      {
#line 13 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_sw, &__key, &__first, BPF_ANY));
#line 13 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 13 "script.lines"
          btc_report_helper(11, __ret);
#line 13 "script.lines"
      }
#line 13 "script.lines"
    }
#line 13 "script.lines"
  }
  return 0;
}
#line 1147 "btc_tool.bpf.c"

SEC("perf_event")
int btc_p12_0(void *ctx) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 14 "script.lines"
  {
#line 14 "script.lines"
    struct btc_str26 __key = ((struct btc_str26){"software:context-switches"});
#line 14 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_sw, &__key);
#line 14 "script.lines"
    if (__entry) {
#line 14 "script.lines"
      *__entry += 1;
#line 14 "script.lines"
    } else {
#line 14 "script.lines"
      __s64 __first = 1;
#line 14 "script.lines"
      {
#line 14 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_sw, &__key, &__first, BPF_ANY));
#line 14 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 14 "script.lines"
          btc_report_helper(12, __ret);
#line 14 "script.lines"
      }
#line 14 "script.lines"
    }
#line 14 "script.lines"
  }
  return 0;
}
#line 1185 "btc_tool.bpf.c"
