
char LICENSE[] SEC("license") = "GPL";
struct btc_str2 { char s[2]; };
struct btc_str16 { char s[16]; };
struct btc_tuple0 { __s64 f0; };
_Static_assert(sizeof(struct btc_str2) == 2, "btc layout: struct btc_str2 size");
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: struct btc_str16 size");
_Static_assert(sizeof(struct btc_tuple0) == 8, "btc layout: struct btc_tuple0 size");
_Static_assert(__builtin_offsetof(struct btc_tuple0, f0) == 0, "btc layout: struct btc_tuple0 field 0");
struct btc_helper_report {
  struct btc_event_header header;
  struct btc_tuple0 p;
};
_Static_assert(__builtin_offsetof(struct btc_helper_report, p.f0) == sizeof(struct btc_event_header) + 0, "btc layout: struct btc_helper_report argument 0");
_Static_assert(sizeof(struct btc_helper_report) == 16, "btc layout: struct btc_helper_report size");
struct btc_event5 { struct btc_event_header header; };
_Static_assert(sizeof(struct btc_event5) == 8, "btc layout: struct btc_event5 size");
const volatile __u32 btc_helper_checks = 0;
char BTC_ZERO_BUFFER[8];
struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 1048576);
} BTC_EVENTS_MAP SEC(".maps");
enum { BPF_MAP_TYPE_LRU_HASH = 9, BPF_MAP_TYPE_LRU_PERCPU_HASH = 10 };
_Static_assert(sizeof(__s64) == 8, "btc layout: m_c key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_c value size");
struct {
  __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
  __uint(max_entries, 10);
  __type(key, __s64);
  __type(value, __s64);
} m_c SEC(".maps");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_h key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_h value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 2);
  __type(key, __s64);
  __type(value, __s64);
} m_h SEC(".maps");
_Static_assert(sizeof(struct btc_str2) == 2, "btc layout: m_l key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_l value size");
struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 300);
  __type(key, struct btc_str2);
  __type(value, __s64);
} m_l SEC(".maps");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_other key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_other value size");
struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 4096);
  __type(key, __s64);
  __type(value, __s64);
} m_other SEC(".maps");
_Static_assert(sizeof(struct btc_str16) == 16, "btc layout: m_pl key size");
_Static_assert(sizeof(__s64) == 8, "btc layout: m_pl value size");
struct {
  __uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);
  __uint(max_entries, 7);
  __type(key, struct btc_str16);
  __type(value, __s64);
} m_pl SEC(".maps");

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

SEC("raw_tp")
int btc_begin0(void *ctx) {
#line 8 "script.lines"
  {
#line 8 "script.lines"
    __s64 __value = ((__s64)(((__s64)1LL)));
#line 8 "script.lines"
    __s64 __key = ((__s64)(((__s64)1LL)));
#line 8 "script.lines"
    {
#line 8 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_h, &__key, &__value, BPF_ANY));
#line 8 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 8 "script.lines"
        btc_report_helper(0, __ret);
#line 8 "script.lines"
    }
#line 8 "script.lines"
  }
#line 9 "script.lines"
  {
#line 9 "script.lines"
    __s64 __value = ((__s64)(((__s64)2LL)));
#line 9 "script.lines"
    struct btc_str2 __key = ((struct btc_str2){"a"});
#line 9 "script.lines"
    {
#line 9 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_l, &__key, &__value, BPF_ANY));
#line 9 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 9 "script.lines"
        btc_report_helper(1, __ret);
#line 9 "script.lines"
    }
#line 9 "script.lines"
  }
#line 10 "script.lines"
  {
#line 10 "script.lines"
    __s64 __key = ((__s64)(((__s64)1LL)));
#line 10 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_c, &__key);
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
        long __ret = (int)(bpf_map_update_elem(&m_c, &__key, &__first, BPF_ANY));
#line 10 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 10 "script.lines"
          btc_report_helper(2, __ret);
#line 10 "script.lines"
      }
#line 10 "script.lines"
    }
#line 10 "script.lines"
  }
#line 11 "script.lines"
  {
#line 11 "script.lines"
    __s64 __arg = (__s64)(((__s64)3LL));
#line 11 "script.lines"
    struct btc_str16 __key; bpf_get_current_comm(__key.s, 16);
#line 11 "script.lines"
    __s64 *__entry = bpf_map_lookup_elem(&m_pl, &__key);
#line 11 "script.lines"
    if (__entry) {
#line 11 "script.lines"
      *__entry += __arg;
#line 11 "script.lines"
    } else {
#line 11 "script.lines"
      __s64 __first = __arg;
#line 11 "script.lines"
      {
#line 11 "script.lines"
        long __ret = (int)(bpf_map_update_elem(&m_pl, &__key, &__first, BPF_ANY));
#line 11 "script.lines"
        if (btc_helper_checks >= 1 && __ret < 0)
#line 11 "script.lines"
          btc_report_helper(3, __ret);
#line 11 "script.lines"
      }
#line 11 "script.lines"
    }
#line 11 "script.lines"
  }
#line 12 "script.lines"
  {
#line 12 "script.lines"
    __s64 __value = ((__s64)(((__s64)4LL)));
#line 12 "script.lines"
    __s64 __key = ((__s64)(((__s64)1LL)));
#line 12 "script.lines"
    {
#line 12 "script.lines"
      long __ret = (int)(bpf_map_update_elem(&m_other, &__key, &__value, BPF_ANY));
#line 12 "script.lines"
      if (btc_helper_checks >= 1 && __ret < 0)
#line 12 "script.lines"
        btc_report_helper(4, __ret);
#line 12 "script.lines"
    }
#line 12 "script.lines"
  }
#line 13 "script.lines"
  {
#line 13 "script.lines"
    struct btc_event5 *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_event5), 0);
#line 13 "script.lines"
    if (__event) {
#line 13 "script.lines"
      __event->header.id = 5;
#line 13 "script.lines"
      __event->header.reserved = 0;
#line 13 "script.lines"
      bpf_ringbuf_submit(__event, 0);
#line 13 "script.lines"
    } else {
#line 13 "script.lines"
      btc_count_lost();
#line 13 "script.lines"
    }
#line 13 "script.lines"
  }
#line 13 "script.lines"
  return 0;
  return 0;
}
#line 851 "btc_tool.bpf.c"
