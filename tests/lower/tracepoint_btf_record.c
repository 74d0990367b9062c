
char LICENSE[] SEC("license") = "GPL";
struct trace_event_raw_timer_start___btc;
struct trace_event_raw_sched_switch___btc;
struct trace_event_raw_sched_process_exec___btc;
struct trace_event_raw_filelock_lease___btc;
struct trace_event_raw_timer_start___btc { __u64 now; __u64 expires; } __attribute__((preserve_access_index));
struct trace_event_raw_sched_switch___btc { __s32 next_pid; __s32 prev_pid; char prev_comm[16]; __u32 __data_loc_prev_comm; } __attribute__((preserve_access_index));
struct trace_event_raw_sched_process_exec___btc { char filename[64]; __u32 __data_loc_filename; } __attribute__((preserve_access_index));
struct trace_event_raw_filelock_lease___btc { void *owner; } __attribute__((preserve_access_index));
struct btc_str16 { char s[16]; };
struct btc_tuple0 {
  __u64 f0;
  __u64 f1;
};
struct btc_tuple1 { __s64 f0; };
struct btc_str64 { char s[64]; };
struct btc_tuple2 { struct btc_str64 f0; };
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_tuple0) == 16, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(sizeof(struct btc_tuple1) == 8, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_tuple2) == 64, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(sizeof(struct btc_event0) == 24, "btc layout: struct btc_event0 size");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event2 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event2, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event2 argument 0");
_Static_assert(sizeof(struct btc_event2) == 72, "btc layout: struct btc_event2 size");
const volatile __u32 btc_target_tgid = 0;
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: m_ key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_ value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, struct btc_str16);
  __type(value, __s64);
} m_ SEC(".maps");
_Static_assert(sizeof(__u64) == 8, "btc layout: m_o key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_o value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 4096);
  __type(key, __u64);
  __type(value, __s64);
} m_o SEC(".maps");

SEC("tracepoint/timer/timer_start")
int btc_p0_0(struct trace_event_raw_timer_start___btc *args) {
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
      __event->p.f0 = ((__u64)(((__u64)btc_core_int(struct trace_event_raw_timer_start___btc, args, now, 0))));
#line 4 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)btc_core_int(struct trace_event_raw_timer_start___btc, args, expires, 0))));
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
#line 737 "btc_tool.bpf.c"

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

SEC("tracepoint/sched/sched_switch")
int btc_p1_0(struct trace_event_raw_sched_switch___btc *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 5 "script.lines"
  if (!(((__s64)((__s64)(((__s64)btc_core_int(struct trace_event_raw_sched_switch___btc, args, prev_pid, 0))) != (__s64)(((__s64)btc_core_int(struct trace_event_raw_sched_switch___btc, args, next_pid, 0)))))))
#line 5 "script.lines"
    return 0;
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_str16 __key = ({ struct btc_str16 __t0 = {}; if (__builtin_preserve_field_info(args->__data_loc_prev_comm, BTC_FIELD_EXISTS)) { __u32 __btc_loc = btc_core_int(struct trace_event_raw_sched_switch___btc, args, __data_loc_prev_comm, 0); bpf_probe_read_kernel_str(__t0.s, 16, (char *)args + (__btc_loc & 0xffff)); } else { btc_core_str(struct trace_event_raw_sched_switch___btc, args, prev_comm, 0, __t0.s, 16); } __t0; });
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
#line 792 "btc_tool.bpf.c"

SEC("tracepoint/sched/sched_process_exec")
int btc_p2_0(struct trace_event_raw_sched_process_exec___btc *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 6 "script.lines"
    if (__event) {
#line 6 "script.lines"
      __event->header.id = 2;
#line 6 "script.lines"
      __event->header.reserved = 0;
#line 6 "script.lines"
      __event->p.f0 = ({ struct btc_str64 __t1 = {}; if (__builtin_preserve_field_info(args->__data_loc_filename, BTC_FIELD_EXISTS)) { __u32 __btc_loc = btc_core_int(struct trace_event_raw_sched_process_exec___btc, args, __data_loc_filename, 0); bpf_probe_read_kernel_str(__t1.s, 64, (char *)args + (__btc_loc & 0xffff)); } else { btc_core_str(struct trace_event_raw_sched_process_exec___btc, args, filename, 0, __t1.s, 64); } __t1; });
#line 6 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 6 "script.lines"
    } else {
#line 6 "script.lines"
      btc_count_lost();
#line 6 "script.lines"
    }
#line 6 "script.lines"
  }
  return 0;
}
#line 824 "btc_tool.bpf.c"

SEC("tracepoint/filelock/break_lease_block")
int btc_p3_0(struct trace_event_raw_filelock_lease___btc *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 7 "script.lines"
  {
#line 7 "script.lines"
    __u64 __key = ((__u64)(btc_core_ptr(struct trace_event_raw_filelock_lease___btc, args, owner, 0)));
#line 7 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_o, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_o, &__key, &__first, BPF_ANY));
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
#line 862 "btc_tool.bpf.c"

SEC("tracepoint/filelock/break_lease_noblock")
int btc_p3_1(struct trace_event_raw_filelock_lease___btc *args) {
  if (btc_target_tgid && (__u32)(bpf_get_current_pid_tgid() >> 32) != btc_target_tgid)
    return 0;
  if (btc_stopping())
    return 0;
#line 7 "script.lines"
  {
#line 7 "script.lines"
    __u64 __key = ((__u64)(btc_core_ptr(struct trace_event_raw_filelock_lease___btc, args, owner, 0)));
#line 7 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_o, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_o, &__key, &__first, BPF_ANY));
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
#line 900 "btc_tool.bpf.c"
