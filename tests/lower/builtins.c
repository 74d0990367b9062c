
struct btc_tuple0 {
  __u64 f0;
  __u64 f1;
  __u64 f2;
  __u64 f3;
  __u64 f4;
  __u64 f5;
  __u64 f6;
};
struct btc_str16 { char s[16]; };
struct btc_str6 { char s[6]; };
struct btc_tuple1 {
  struct btc_str16 f0;
  __u64 f1;
  __u64 f2;
  struct btc_str6 f3;
};
struct btc_str64 { char s[64]; };
struct btc_tuple2 {
  __s64 f0;
  struct btc_str64 f1;
  __u64 f2;
};
struct btc_event0 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple0 p;
};
struct btc_event1 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple1 p;
};
struct btc_event2 {
  __u32 id;
  __u32 reserved;
  struct btc_tuple2 p;
};
struct btc_event3 {
  __u32 id;
  __u32 reserved;
};
const volatile __s64 btc_arg1_num = 0;
const volatile char btc_arg2_str[64] = {};
const volatile __u64 btc_argc = 0;
const volatile __u64 btc_start_ns = 0;
char btc_zero[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} btc_events SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
#line 3 "script.lines"
  {
#line 3 "script.lines"
    struct btc_event0 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event0), 0);
#line 3 "script.lines"
    if (__event) {
#line 3 "script.lines"
      __event->id = 0;
#line 3 "script.lines"
      __event->reserved = 0;
#line 3 "script.lines"
      __event->p.f0 = ((__u64)(((__u64)(bpf_get_current_pid_tgid() >> 32))));
#line 3 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)(__u32)bpf_get_current_pid_tgid())));
#line 3 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)(__u32)bpf_get_current_uid_gid())));
#line 3 "script.lines"
      __event->p.f3 = ((__u64)(((__u64)(bpf_get_current_uid_gid() >> 32))));
#line 3 "script.lines"
      __event->p.f4 = ((__u64)(((__u64)bpf_ktime_get_ns())));
#line 3 "script.lines"
      __event->p.f5 = ((__u64)(((__u64)bpf_ktime_get_ns() - btc_start_ns)));
#line 3 "script.lines"
      __event->p.f6 = ((__u64)(((__u64)bpf_get_smp_processor_id())));
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
#line 4 "script.lines"
  {
#line 4 "script.lines"
    struct btc_event1 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event1), 0);
#line 4 "script.lines"
    if (__event) {
#line 4 "script.lines"
      __event->id = 1;
#line 4 "script.lines"
      __event->reserved = 0;
#line 4 "script.lines"
      __event->p.f0 = ({ struct btc_str16 __t0 = {}; bpf_get_current_comm(__t0.s, 16); __t0; });
#line 4 "script.lines"
      __event->p.f1 = ((__u64)(((__u64)bpf_get_prandom_u32())));
#line 4 "script.lines"
      __event->p.f2 = ((__u64)(((__u64)bpf_get_current_cgroup_id())));
#line 4 "script.lines"
      __event->p.f3 = ((struct btc_str6){"BEGIN"});
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
#line 5 "script.lines"
  {
#line 5 "script.lines"
    struct btc_event2 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event2), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->id = 2;
#line 5 "script.lines"
      __event->reserved = 0;
#line 5 "script.lines"
      __event->p.f0 = ((__s64)(btc_arg1_num));
#line 5 "script.lines"
      __event->p.f1 = ({ struct btc_str64 __t1; bpf_probe_read_kernel(__t1.s, 64, (const void *)btc_arg2_str); __t1; });
#line 5 "script.lines"
      __event->p.f2 = ((__u64)(btc_argc));
#line 5 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 5 "script.lines"
    } else {
#line 5 "script.lines"
      btc_count_lost();
#line 5 "script.lines"
    }
#line 5 "script.lines"
  }
#line 6 "script.lines"
  {
#line 6 "script.lines"
    struct btc_event3 *__event = bpf_ringbuf_reserve(&btc_events, sizeof(struct btc_event3), 0);
#line 6 "script.lines"
    if (__event) {
#line 6 "script.lines"
      __event->id = 3;
#line 6 "script.lines"
      __event->reserved = 0;
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
#line 6 "script.lines"
  return 0;
  return 0;
}
#line 339 "btc_tool.bpf.c"
