
char LICENSE[] SEC("license") = "GPL";
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
_Static_assert(sizeof(struct btc_tuple0) == 56, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f1) == 8, "btc layout: struct btc_tuple0 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f2) == 16, "btc layout: struct btc_tuple0 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f3) == 24, "btc layout: struct btc_tuple0 field 3");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f4) == 32, "btc layout: struct btc_tuple0 field 4");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f5) == 40, "btc layout: struct btc_tuple0 field 5");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f6) == 48, "btc layout: struct btc_tuple0 field 6");
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_str6) == 6, "btc layout: struct btc_str6 size");
_Static_assert(sizeof(struct btc_tuple1) == 40, "btc layout: struct btc_tuple1 size");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f0) == 0, "btc layout: struct btc_tuple1 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f1) == 16, "btc layout: struct btc_tuple1 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f2) == 24, "btc layout: struct btc_tuple1 field 2");
_Static_assert(__builtin_offsetof(struct btc_tuple1, f3) == 32, "btc layout: struct btc_tuple1 field 3");
_Static_assert(sizeof(struct btc_str64) == 64, "btc layout: struct btc_str64 size");
_Static_assert(sizeof(struct btc_tuple2) == 80, "btc layout: struct btc_tuple2 size");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f0) == 0, "btc layout: struct btc_tuple2 field 0");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f1) == 8, "btc layout: struct btc_tuple2 field 1");
_Static_assert(__builtin_offsetof(struct btc_tuple2, f2) == 72, "btc layout: struct btc_tuple2 field 2");
struct btc_event0 {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_event0, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event0 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event0 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f2) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event0 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f3) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event0 argument 3");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f4) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event0 argument 4");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f5) == sizeof(struct btc_event_header) + 40, "btc layout: struct btc_event0 argument 5");
_Static_assert(__builtin_offsetof(struct btc_event0, p.f6) == sizeof(struct btc_event_header) + 48, "btc layout: struct btc_event0 argument 6");
_Static_assert(sizeof(struct btc_event0) == 64, "btc layout: struct btc_event0 size");
struct btc_event1 {
  struct btc_event_header header;
  struct btc_tuple1 p;
};
_Static_assert(__builtin_offsetof(struct btc_event1, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event1 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f1) == sizeof(struct btc_event_header) + 16, "btc layout: struct btc_event1 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f2) == sizeof(struct btc_event_header) + 24, "btc layout: struct btc_event1 argument 2");
_Static_assert(__builtin_offsetof(struct btc_event1, p.f3) == sizeof(struct btc_event_header) + 32, "btc layout: struct btc_event1 argument 3");
_Static_assert(sizeof(struct btc_event1) == 48, "btc layout: struct btc_event1 size");
struct btc_event2 {
  struct btc_event_header header;
  struct btc_tuple2 p;
};
_Static_assert(__builtin_offsetof(struct btc_event2, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_event2 argument 0");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f1) == sizeof(struct btc_event_header) + 8, "btc layout: struct btc_event2 argument 1");
_Static_assert(__builtin_offsetof(struct btc_event2, p.f2) == sizeof(struct btc_event_header) + 72, "btc layout: struct btc_event2 argument 2");
_Static_assert(sizeof(struct btc_event2) == 88, "btc layout: struct btc_event2 size");
struct btc_event3 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event3) == 8, "btc layout: struct btc_event3 size");
const volatile __s64 btc_arg1_num = 0;
const volatile char btc_arg2_str[64] = {};
const volatile __u64 btc_argc = 0;
const volatile __u64 btc_start_ns = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");

SEC("raw_tp")
int btc_begin0(void *ctx) {
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
    struct btc_event1 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event1), 0);
#line 4 "script.lines"
    if (__event) {
#line 4 "script.lines"
      __event->header.id = 1;
#line 4 "script.lines"
      __event->header.reserved = 0;
#line 4 "script.lines"
      bpf_get_current_comm(__event->p.f0.s, 16); 
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
    struct btc_event2 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event2), 0);
#line 5 "script.lines"
    if (__event) {
#line 5 "script.lines"
      __event->header.id = 2;
#line 5 "script.lines"
      __event->header.reserved = 0;
#line 5 "script.lines"
      __event->p.f0 = ((__s64)(btc_arg1_num));
#line 5 "script.lines"
      __event->p.f1 = ({ struct btc_str64 __t0; bpf_probe_read_kernel(__t0.s, 64, (const void *)btc_arg2_str); __t0; });
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
    struct btc_event3 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event3), 0);
#line 6 "script.lines"
    if (__event) {
#line 6 "script.lines"
      __event->header.id = 3;
#line 6 "script.lines"
      __event->header.reserved = 0;
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
#line 835 "btc_tool.bpf.c"
