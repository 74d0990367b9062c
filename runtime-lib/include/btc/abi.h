/* The ABI of btc: every constant, enum and record layout that two of the generated BPF C, the
 * generated driver, runtime-lib and the compiler must agree on, defined once.
 *
 * The file is C for the BPF side (the prelude, templates/prelude.bpf.h, includes it; btc embeds
 * its text into every generated program) and C++ for runtime-lib, the driver and the compiler
 * (namespace btc::rt, included by btc/manifest.h). Only predefined types are used, so it needs
 * no other header in either language. The enums are X-macro lists: the C++ enum, its name table
 * (which the compiler prints into the driver) and its properties come from one list. */
#ifndef BTC_ABI_H
#define BTC_ABI_H

/* hist(): bucket 0 counts negative values, bucket 1 the value 0, bucket 2 the value 1, bucket
 * k >= 3 the range [2^(k-2), 2^(k-1)). */
#define BTC_HIST_BUCKETS 66
/* hist(v, k) of current bpftrace, k from 1 to 5: bucket 0 counts negative values, buckets 1 ..
 * 2^(k+1) the values 0 .. 2^(k+1) - 1 one each, then each power of 2 from 2^(k+1) up is split
 * into 2^k buckets of equal width. (k = 0 gives hist(v)'s 66.) */
#define BTC_HIST_BUCKETS_BITS(k) (((65 - (k)) << (k)) + 1)
#define BTC_HIST_MAX_BITS 5

/* lhist(v, min, max, step): one bucket below min, one per whole step, one from max up. */
#define BTC_LHIST_BUCKETS(min, max, step) (((max) - (min)) / (step) + 2)

/* Objects of every BPF program that user space or the prelude names. */
#define BTC_CONTROL_MAP btc_control     /* u64 array indexed by enum btc_control_key */
#define BTC_EVENTS_MAP btc_events       /* the ring buffer of events */
#define BTC_ZERO_BUFFER btc_zero        /* zeroes as large as the largest map value */
#define BTC_FUNC_MAP btc_funcs          /* kernel function address -> name, for `func` */
#define BTC_HAS_FUNC_IP btc_has_func_ip /* .rodata u32: bpf_get_func_ip() works in kprobes */
#define BTC_STOP_FLAG btc_stop          /* .bss u32: nonzero once the tool stops */
#define BTC_SKB_MAP btc_skb_out         /* perf event array: skboutput()'s packets */

/* A uprobe/usdt site's key in BTC_FUNC_MAP (1, 2, ..., its BPF cookie) gives its function as
 * `func` prints it; the key plus BTC_PROBE_NAME_KEY gives the end of its `probe` (the symbol as
 * the file has it, mangled for C++; usdt: "provider:name"). */
#define BTC_PROBE_NAME_KEY 0x100000000ULL

/* The size of a kernel function name as `func` holds it: longer names are cut, to keep
 * programs within the 512 bytes of BPF stack. */
#define BTC_FUNC_NAME_LEN 64

/* The generated line file (see the compiler's line_marker()) ends line N with this marker and
 * N; the verifier's log quotes it, and the runtime maps a rejection back to the script line. */
#define BTC_LINE_MARKER "@btc:"

#ifdef __cplusplus
namespace btc::rt {
#endif

/* The words of BTC_CONTROL_MAP. BTC_LOST counts the events that found the ring buffer full. */
enum btc_control_key { BTC_LOST = 0, BTC_CONTROL_KEYS = 1 };

/* Every ring-buffer record starts with this header; the payload follows at
 * sizeof(struct btc_event_header). */
struct btc_event_header {
  __UINT32_TYPE__ id;       /* index into the manifest's events */
  __UINT32_TYPE__ reserved; /* 0; in an iterator's stream, the size of the whole record */
};

/* What skboutput() sends ahead of a packet's bytes (bpf_skb_output() copies `offset + len`
 * bytes of the packet after it): the pcap file (an index into the manifest's pcap_paths), the
 * bytes to leave out at the start, the CLOCK_MONOTONIC time and the bytes asked for. */
struct btc_skb_record {
  __UINT32_TYPE__ file;
  __UINT32_TYPE__ offset;
  __UINT64_TYPE__ ns;
  __UINT64_TYPE__ len;
};

/* Aggregation values, per CPU. count() and sum() are one int64. */
struct btc_minmax { /* min(), max() */
  __INT64_TYPE__ value;
  __UINT64_TYPE__ is_set;
};
struct btc_avg { /* avg(), stats() */
  __INT64_TYPE__ sum;
  __UINT64_TYPE__ count;
};
struct btc_inet { /* ntop(): af is AF_INET (4 address bytes) or AF_INET6 (16) */
  __INT64_TYPE__ af;
  unsigned char addr[16];
};
struct btc_hist {
  __UINT64_TYPE__ b[BTC_HIST_BUCKETS];
};
/* One interval of a tseries() per CPU: the interval it holds (`epoch`, the boot-clock time in
 * nanoseconds divided by the interval; 0: never written), its value so far and what the
 * aggregation keeps beside it (the last write's time, an avg's count). */
struct btc_tseries_slot {
  __INT64_TYPE__ value;
  __UINT64_TYPE__ meta;
  __UINT64_TYPE__ epoch;
};
struct btc_usym { /* usym(): printed as the symbol of `addr` in process `tgid` */
  __UINT64_TYPE__ addr;
  __UINT64_TYPE__ tgid;
};

/* What a value is: X(name, is_aggregation). Storage layouts (little-endian, as on the BPF side):
 *   Int        8 bytes, signed or unsigned.
 *   Str        a char array, NUL-terminated unless it fills the buffer.
 *   Tuple      a C struct of its elements at their natural alignment.
 *   Timestamp  8 bytes of CLOCK_MONOTONIC nanoseconds.
 *   Stack      8 bytes: the int64 id bpf_get_stackid() gave in the BPF_MAP_TYPE_STACK_TRACE map
 *              the type names; negative when the kernel had no stack (an empty stack).
 *   Ksym       8 bytes: a kernel address, printed as its symbol's name where the tool runs.
 *   Strerror   8 bytes: a signed error number, printed as the C library's message for it.
 *   Username   8 bytes: a uid, printed as the user's name in /etc/passwd where the tool runs.
 *   Inet       struct btc_inet, printed as inet_ntop() text of the address where the tool runs.
 *   Buffer     a __u32 length, then that many bytes (at most the rest of the value's size).
 *   MacAddr    8 bytes: a MAC address's 6 bytes in order, then 2 zero bytes.
 *   CgroupPath 8 bytes: a cgroup id, printed as its paths in the cgroup hierarchies where the
 *              tool runs.
 *   Record     a struct or union copied member by member into btc's layout (types.h
 *              ValueLayout): each member at its natural alignment, ints at their declared width
 *              (1, 2, 4 or 8 bytes, as `size` says).
 *   Array      `count` elements, `size / count` bytes apart.
 *   Bool       8 bytes (1 inside a record or array): 0 is false, anything else true.
 *   UStack     8 bytes: the process's tgid in the high 32 bits, the int32 id bpf_get_stackid()
 *              gave (BPF_F_USER_STACK) in the low 32 (negative: an empty stack); the frames are
 *              user addresses of that process, symbolized where the tool runs.
 *   USym       struct btc_usym: a user address and the tgid of the process it belongs to.
 *   Enum       8 bytes: a value of an enum, printed as its enumerator's name (printf's %s).
 * Aggregations live in per-CPU maps, one value per possible CPU, combined when printed:
 *   Count, Sum  int64 per CPU; summed.
 *   Min, Max    struct btc_minmax per CPU; the min/max over the CPUs that are set.
 *   Avg, Stats  struct btc_avg per CPU; summed.
 *   Hist        struct btc_hist per CPU.
 *   LHist       uint64[n] per CPU with n = (max - min) / step + 2: bucket 0 counts values below
 *               min, bucket i in 1..n-2 the range [min + (i-1)*step, min + i*step), bucket n-1
 *               values >= max.
 *   TSeries     struct btc_tseries_slot[count] per CPU: interval `epoch` lives in slot
 *               epoch % count; a slot whose epoch is not the current one is restarted by the
 *               next write. User space keeps, per slot, the latest epoch any CPU holds, and
 *               combines the CPUs that hold it by the aggregation (BTC_TSERIES_AGGS). */
#define BTC_VALUE_KINDS(X)                                                                         \
  X(Int, 0)                                                                                        \
  X(Str, 0)                                                                                        \
  X(Tuple, 0)                                                                                      \
  X(Timestamp, 0)                                                                                  \
  X(Stack, 0)                                                                                      \
  X(Ksym, 0)                                                                                       \
  X(Strerror, 0)                                                                                   \
  X(Inet, 0)                                                                                       \
  X(Buffer, 0)                                                                                     \
  X(MacAddr, 0)                                                                                    \
  X(CgroupPath, 0)                                                                                 \
  X(Record, 0)                                                                                     \
  X(Array, 0)                                                                                      \
  X(Bool, 0)                                                                                       \
  X(Count, 1)                                                                                      \
  X(Sum, 1)                                                                                        \
  X(Min, 1)                                                                                        \
  X(Max, 1)                                                                                        \
  X(Avg, 1)                                                                                        \
  X(Stats, 1)                                                                                      \
  X(Hist, 1)                                                                                       \
  X(LHist, 1)                                                                                      \
  X(TSeries, 1)                                                                                    \
  X(UStack, 0)                                                                                     \
  X(Username, 0)                                                                                   \
  X(USym, 0)                                                                                       \
  X(Enum, 0)

/* How a probe attaches: X(name, BPF section prefix of its program). */
#define BTC_PROBE_KINDS(X)                                                                         \
  X(Begin, "raw_tp")          /* run once with BPF_PROG_TEST_RUN at start */                       \
  X(End, "raw_tp")            /* run once with BPF_PROG_TEST_RUN at exit */                        \
  X(Tracepoint, "tracepoint") /* target "category:event" */                                        \
  X(RawTracepoint, "raw_tp")  /* target "event" */                                                 \
  X(Interval, "perf_event")   /* one CPU, period in nanoseconds */                                 \
  X(Profile, "perf_event")    /* every CPU; period in ns, or frequency in Hz */                    \
  X(Software, "perf_event")   /* every CPU; target is the event name, period the sample period */  \
  X(Kprobe, "kprobe")         /* target "fn", "mod:fn" or a glob, resolved at start; offset */     \
  X(Kretprobe, "kretprobe")   /* as Kprobe, on return */                                           \
  X(Fentry, "fentry")         /* kfunc: target "fn" or "mod:fn", set before load */                \
  X(Fexit, "fexit")           /* kretfunc */                                                       \
  X(Iter, "iter")             /* target "task", "task_file" or "task_vma"; run until drained */    \
  X(Uprobe, "uprobe")         /* target: the binary as written; symbol, offset or address */       \
  X(Uretprobe, "uretprobe")   /* as Uprobe, on return */                                           \
  X(Usdt, "usdt") /* target: the binary; symbol "provider:name" (provider may be "") */            \
  X(Watchpoint, "perf_event") /* address, or symbol + watch_arg; watch_len, watch_mode */          \
  X(Hardware, "perf_event")   /* every CPU; target is the event name, period the sample period */  \
  X(Signal, "raw_tp") /* self:signal:SIGUSR1: run with BPF_PROG_TEST_RUN when the tool gets it */  \
  X(Bench, "raw_tp")  /* bench:NAME: run repeatedly with BPF_PROG_TEST_RUN under --bench */        \
  X(Test, "raw_tp")   /* test:NAME: run once with BPF_PROG_TEST_RUN under --test */

/* How tseries(v, interval, count, AGG) combines the values of one interval: X(name, as
 * written). Last keeps the latest value (its time in `meta`), Avg the sum and count (`meta`). */
#define BTC_TSERIES_AGGS(X)                                                                        \
  X(Last, "")                                                                                      \
  X(Avg, "avg")                                                                                    \
  X(Max, "max")                                                                                    \
  X(Min, "min")                                                                                    \
  X(Sum, "sum")

/* How a stack prints, as kstack(MODE): X(name). */
#define BTC_STACK_MODES(X)                                                                         \
  X(Bpftrace) /* "name+offset" per frame, indented */                                              \
  X(Perf)     /* tab, hex address, space, "name+offset" */                                         \
  X(Raw)      /* hex address only */

/* The entries of every stack map: bpftrace's 131072 would take 136 MB of kernel memory for one
 * map of 127 frames. */
#define BTC_STACK_MAP_ENTRIES 16384

/* What an event asks user space to do: X(name). */
#define BTC_EVENT_KINDS(X)                                                                         \
  X(Printf)      /* format + args */                                                               \
  X(Print)       /* print(value): args[0] */                                                       \
  X(PrintMap)    /* print(@map [, top [, div]]) */                                                 \
  X(Clear)       /* clear(@map) */                                                                 \
  X(Zero)        /* zero(@map) */                                                                  \
  X(Time)        /* time(format) */                                                                \
  X(Join)        /* join(argv, sep): format is sep, one string per argument */                     \
  X(Cat)         /* cat(fmt, args): the contents of the file printf() would name */                \
  X(System)      /* system(fmt, args): the output of the command printf() would format */          \
  X(Exit)        /* exit() */                                                                      \
  X(NewPid)      /* a process's first ustack/usym: args[0] is its tgid, whose maps are read now */ \
  X(HelperError) /* -k: a BPF helper failed; format is its name, args[0] its return value */       \
  X(Errorf)      /* errorf(fmt, args): format is "FILE:L:C-E: ERROR: " + fmt, printed to stderr */ \
  X(Warnf)       /* warnf(fmt, args): format is "FILE:L:C-E: WARNING: " + fmt, to stderr */        \
  X(WatchAttach) /* FUNCTION+argN's uprobe: args probe index, address, tgid (sync: stopped) */     \
  X(Unwatch)     /* unwatch(addr): args[0] the address whose watchpoints are removed */

#ifdef __cplusplus

#define BTC_ABI_ENUMERATOR(name, ...) name,
#define BTC_ABI_NAME(name, ...) #name,

enum class Kind : unsigned char { BTC_VALUE_KINDS(BTC_ABI_ENUMERATOR) };
enum class ProbeKind : unsigned char { BTC_PROBE_KINDS(BTC_ABI_ENUMERATOR) };
enum class EventKind : unsigned char { BTC_EVENT_KINDS(BTC_ABI_ENUMERATOR) };
enum class StackMode : unsigned char { BTC_STACK_MODES(BTC_ABI_ENUMERATOR) };
enum class TSeriesAgg : unsigned char { BTC_TSERIES_AGGS(BTC_ABI_ENUMERATOR) };

namespace abi_detail {
#define BTC_ABI_AGGREGATION(name, aggregation) aggregation,
#define BTC_ABI_SECTION(name, section) section,
inline constexpr const char* kKindNames[] = {BTC_VALUE_KINDS(BTC_ABI_NAME)};
inline constexpr bool kKindIsAggregation[] = {BTC_VALUE_KINDS(BTC_ABI_AGGREGATION)};
inline constexpr const char* kProbeKindNames[] = {BTC_PROBE_KINDS(BTC_ABI_NAME)};
inline constexpr const char* kProbeSections[] = {BTC_PROBE_KINDS(BTC_ABI_SECTION)};
inline constexpr const char* kEventKindNames[] = {BTC_EVENT_KINDS(BTC_ABI_NAME)};
inline constexpr const char* kStackModeNames[] = {BTC_STACK_MODES(BTC_ABI_NAME)};
#define BTC_ABI_SPELLING(name, spelling) spelling,
inline constexpr const char* kTSeriesAggNames[] = {BTC_TSERIES_AGGS(BTC_ABI_NAME)};
inline constexpr const char* kTSeriesAggSpellings[] = {BTC_TSERIES_AGGS(BTC_ABI_SPELLING)};
#undef BTC_ABI_SPELLING
#undef BTC_ABI_AGGREGATION
#undef BTC_ABI_SECTION
} // namespace abi_detail

#undef BTC_ABI_ENUMERATOR
#undef BTC_ABI_NAME

/* The enumerator's name, as C++ spells it after `Kind::`, `ProbeKind::`, `EventKind::`. */
constexpr const char* name_of(Kind k) {
  return abi_detail::kKindNames[static_cast<unsigned>(k)];
}
constexpr const char* name_of(ProbeKind k) {
  return abi_detail::kProbeKindNames[static_cast<unsigned>(k)];
}
constexpr const char* name_of(EventKind k) {
  return abi_detail::kEventKindNames[static_cast<unsigned>(k)];
}
constexpr const char* name_of(StackMode m) {
  return abi_detail::kStackModeNames[static_cast<unsigned>(m)];
}
constexpr const char* name_of(TSeriesAgg a) {
  return abi_detail::kTSeriesAggNames[static_cast<unsigned>(a)];
}
/* tseries()'s fourth argument for `a` ("" for Last, which has none). */
constexpr const char* spelling_of(TSeriesAgg a) {
  return abi_detail::kTSeriesAggSpellings[static_cast<unsigned>(a)];
}
inline constexpr unsigned kTSeriesAggCount =
    sizeof(abi_detail::kTSeriesAggNames) / sizeof(abi_detail::kTSeriesAggNames[0]);

constexpr bool is_aggregation(Kind k) {
  return abi_detail::kKindIsAggregation[static_cast<unsigned>(k)];
}

/* BEGIN, END, self:signal, bench and test: programs the tool runs itself (BPF_PROG_TEST_RUN),
 * attached to nothing. */
constexpr bool run_by_tool(ProbeKind k) {
  return k == ProbeKind::Begin || k == ProbeKind::End || k == ProbeKind::Signal ||
         k == ProbeKind::Bench || k == ProbeKind::Test;
}

/* The section prefix of a probe's BPF program; libbpf derives the program type from it. */
constexpr const char* section_of(ProbeKind k) {
  return abi_detail::kProbeSections[static_cast<unsigned>(k)];
}

#define BTC_ABI_STR_(x) #x
#define BTC_ABI_STR(x) BTC_ABI_STR_(x)
inline constexpr const char* kControlMap = BTC_ABI_STR(BTC_CONTROL_MAP);
inline constexpr const char* kStopFlag = BTC_ABI_STR(BTC_STOP_FLAG);
inline constexpr const char* kEventsMap = BTC_ABI_STR(BTC_EVENTS_MAP);
inline constexpr const char* kZeroBuffer = BTC_ABI_STR(BTC_ZERO_BUFFER);
inline constexpr const char* kFuncMap = BTC_ABI_STR(BTC_FUNC_MAP);
inline constexpr const char* kSkbMap = BTC_ABI_STR(BTC_SKB_MAP);
inline constexpr unsigned kFuncNameLen = BTC_FUNC_NAME_LEN;
inline constexpr unsigned long long kProbeNameKey = BTC_PROBE_NAME_KEY;
#undef BTC_ABI_STR
#undef BTC_ABI_STR_

inline constexpr unsigned kHistBuckets = BTC_HIST_BUCKETS;
inline constexpr unsigned kMaxHistBits = BTC_HIST_MAX_BITS;
// The buckets of hist(v, bits).
inline constexpr unsigned hist_buckets(unsigned bits) {
  return BTC_HIST_BUCKETS_BITS(bits);
}
static_assert(hist_buckets(0) == kHistBuckets);

using EventHeader = btc_event_header;

static_assert(sizeof(EventHeader) == 8, "the payload starts 8-byte aligned");
static_assert(sizeof(btc_minmax) == 16 && sizeof(btc_avg) == 16);
static_assert(sizeof(btc_skb_record) == 24);
static_assert(sizeof(btc_hist) == kHistBuckets * 8);

} // namespace btc::rt

#endif /* __cplusplus */

#endif /* BTC_ABI_H */
