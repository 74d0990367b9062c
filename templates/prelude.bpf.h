/* The prelude of every BPF program btc generates: basic types, map and helper declarations and
 * the small inline routines the lowered code calls. No kernel headers are needed. btc embeds
 * the text of btc/abi.h (runtime-lib/include) in place of its #include (cmake/embed.cmake). */
#include "btc/abi.h"

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u64 __be64;
typedef __u32 __wsum;

enum {
  BPF_MAP_TYPE_HASH = 1,
  BPF_MAP_TYPE_ARRAY = 2,
  BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4,
  BPF_MAP_TYPE_PERCPU_HASH = 5,
  BPF_MAP_TYPE_PERCPU_ARRAY = 6,
  BPF_MAP_TYPE_STACK_TRACE = 7,
  BPF_MAP_TYPE_RINGBUF = 27,
};
enum { BPF_ANY = 0, BPF_NOEXIST = 1, BPF_EXIST = 2 };

#include <bpf/bpf_helpers.h>

struct btc_raw_tp_args {
  __u64 args[12];
};

/* The tool's control words, shared with user space (enum btc_control_key). */
struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, BTC_CONTROL_KEYS);
  __type(key, __u32);
  __type(value, __u64);
} BTC_CONTROL_MAP SEC(".maps");

static __always_inline void btc_count_lost(void) {
  __u32 key = BTC_LOST;
  __u64* lost = bpf_map_lookup_elem(&BTC_CONTROL_MAP, &key);
  if (lost) __sync_fetch_and_add(lost, 1);
}

/* Set by the tool through its mapping of .bss when it stops: probes return at once while END
 * runs and the maps print, since detaching a tracepoint takes ~70 ms. A global, not a word of
 * BTC_CONTROL_MAP, so that the test is one load (an array lookup with its key on the stack was
 * 14 instructions in every program). */
volatile __u32 BTC_STOP_FLAG;

static __always_inline int btc_stopping(void) {
  return BTC_STOP_FLAG;
}

/* A zeroed buffer as large as the largest map value, to create aggregation entries. */
extern char BTC_ZERO_BUFFER[];

/* Hides a value from the optimizer so that a following bounds check stays in the code for the
 * verifier to see. */
#define BTC_OPAQUE(x) asm volatile("" : "+r"(x))

/* Kernel data through CO-RE (btc's own forms of bpf_core_read.h, which is heavy and whose
 * bitfield macro shadows a variable named `p`). T is a `struct X___btc` whose members have
 * __attribute__((preserve_access_index)); `ptr` a kernel address; `path` a member path with
 * constant indices; `off` bytes added for variable indices. Every read is a probe read of a
 * relocated address, sized by the target kernel's field, so it works on any pointer (the
 * verifier refuses plain loads through bpf_get_current_task()). Little-endian targets.
 * Each macro reads kernel memory; its `_in` form takes the probe-read helper first
 * (bpf_probe_read_user for memory a user address points to: a syscall's struct argument). */
enum {
  BTC_FIELD_BYTE_OFFSET = 0,
  BTC_FIELD_BYTE_SIZE = 1,
  BTC_FIELD_EXISTS = 2,
  BTC_FIELD_SIGNED = 3,
  BTC_FIELD_LSHIFT_U64 = 4,
  BTC_FIELD_RSHIFT_U64 = 5,
  BTC_TYPE_SIZE = 1,
};
#define btc_core_size(T, path) __builtin_preserve_field_info(((T*)0)->path, BTC_FIELD_BYTE_SIZE)
#define btc_core_offset(T, path)                                                                   \
  ((__u64)__builtin_preserve_field_info(((T*)0)->path, BTC_FIELD_BYTE_OFFSET))
#define btc_core_type_size(T) ((__u64)__builtin_preserve_type_info(*(T*)0, BTC_TYPE_SIZE))
/* An integer or enum member, sign-extended from the target's width. Never for pointers:
 * BTC_FIELD_SIGNED on a pointer crashes Clang. */
#define btc_core_int_in(read, T, ptr, path, off)                                                   \
  ({                                                                                               \
    T* __btc_b = (T*)(unsigned long)(ptr);                                                         \
    __u64 __btc_v = 0;                                                                             \
    __u32 __btc_sz = __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_BYTE_SIZE);            \
    read(&__btc_v, __btc_sz > 8 ? 8 : __btc_sz,                                                    \
         (const char*)__builtin_preserve_access_index(&__btc_b->path) + (off));                    \
    if (__builtin_preserve_field_info(__btc_b->path, BTC_FIELD_SIGNED) && __btc_sz < 8) {          \
      __u32 __btc_sh = 64 - __btc_sz * 8;                                                          \
      __btc_v = (__u64)(((__s64)(__btc_v << __btc_sh)) >> __btc_sh);                               \
    }                                                                                              \
    __btc_v;                                                                                       \
  })
#define btc_core_int(T, ptr, path, off) btc_core_int_in(bpf_probe_read_kernel, T, ptr, path, off)
/* An integer array element: libbpf relocates no signedness for an array access, so it is the
 * host's (`is_signed`); the size is still the target's. */
#define btc_core_elem_int_in(read, T, ptr, path, off, is_signed)                                   \
  ({                                                                                               \
    T* __btc_b = (T*)(unsigned long)(ptr);                                                         \
    __u64 __btc_v = 0;                                                                             \
    __u32 __btc_sz = __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_BYTE_SIZE);            \
    read(&__btc_v, __btc_sz > 8 ? 8 : __btc_sz,                                                    \
         (const char*)__builtin_preserve_access_index(&__btc_b->path) + (off));                    \
    if ((is_signed) && __btc_sz < 8) {                                                             \
      __u32 __btc_sh = 64 - __btc_sz * 8;                                                          \
      __btc_v = (__u64)(((__s64)(__btc_v << __btc_sh)) >> __btc_sh);                               \
    }                                                                                              \
    __btc_v;                                                                                       \
  })
#define btc_core_elem_int(T, ptr, path, off, is_signed)                                            \
  btc_core_elem_int_in(bpf_probe_read_kernel, T, ptr, path, off, is_signed)
#define btc_core_ptr_in(read, T, ptr, path, off)                                                   \
  ({                                                                                               \
    T* __btc_b = (T*)(unsigned long)(ptr);                                                         \
    __u64 __btc_v = 0;                                                                             \
    read(&__btc_v, sizeof(void*),                                                                  \
         (const char*)__builtin_preserve_access_index(&__btc_b->path) + (off));                    \
    __btc_v;                                                                                       \
  })
#define btc_core_ptr(T, ptr, path, off) btc_core_ptr_in(bpf_probe_read_kernel, T, ptr, path, off)
#define btc_core_bitfield_in(read, T, ptr, path, off)                                              \
  ({                                                                                               \
    T* __btc_b = (T*)(unsigned long)(ptr);                                                         \
    __u64 __btc_v = 0;                                                                             \
    __u32 __btc_sz = __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_BYTE_SIZE);            \
    read(&__btc_v, __btc_sz > 8 ? 8 : __btc_sz,                                                    \
         (const char*)__btc_b +                                                                    \
             __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_BYTE_OFFSET) + (off));         \
    __btc_v <<= __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_LSHIFT_U64);                \
    if (__builtin_preserve_field_info(__btc_b->path, BTC_FIELD_SIGNED))                            \
      __btc_v = (__u64)((__s64)__btc_v >>                                                          \
                        __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_RSHIFT_U64));       \
    else                                                                                           \
      __btc_v >>= __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_RSHIFT_U64);              \
    __btc_v;                                                                                       \
  })
#define btc_core_bitfield(T, ptr, path, off)                                                       \
  btc_core_bitfield_in(bpf_probe_read_kernel, T, ptr, path, off)
/* A char array member into `dst` (N bytes, the last one always NUL). */
#define btc_core_str_in(read, T, ptr, path, off, dst, N)                                           \
  ({                                                                                               \
    T* __btc_b = (T*)(unsigned long)(ptr);                                                         \
    __u32 __btc_sz = __builtin_preserve_field_info(__btc_b->path, BTC_FIELD_BYTE_SIZE);            \
    read(dst, __btc_sz > (N) ? (N) : __btc_sz,                                                     \
         (const char*)__builtin_preserve_access_index(&__btc_b->path) + (off));                    \
    (dst)[(N)-1] = 0;                                                                              \
  })
#define btc_core_str(T, ptr, path, off, dst, N)                                                    \
  btc_core_str_in(bpf_probe_read_kernel, T, ptr, path, off, dst, N)
/* Memory whose layout btc knows (no relocation): `size` bytes at `addr`, sign-extended. */
#define btc_read_int_in(read, addr, size, is_signed)                                               \
  ({                                                                                               \
    __u64 __btc_v = 0;                                                                             \
    read(&__btc_v, size, (const void*)(unsigned long)(addr));                                      \
    if ((is_signed) && (size) < 8) {                                                               \
      __u32 __btc_sh = 64 - (size)*8;                                                              \
      __btc_v = (__u64)(((__s64)(__btc_v << __btc_sh)) >> __btc_sh);                               \
    }                                                                                              \
    __btc_v;                                                                                       \
  })
#define btc_read_int(addr, size, is_signed)                                                        \
  btc_read_int_in(bpf_probe_read_kernel, addr, size, is_signed)

/* A bit field of a script's record: `bits` bits from bit `shift` of the `size` bytes (at most
 * 8) at `addr`, sign-extended when `is_signed`. */
#define btc_read_bits_in(read, addr, size, shift, bits, is_signed)                                 \
  ({                                                                                               \
    __u64 __btc_v = 0;                                                                             \
    read(&__btc_v, size, (const void*)(unsigned long)(addr));                                      \
    __btc_v <<= 64 - (shift) - (bits);                                                             \
    if (is_signed)                                                                                 \
      __btc_v = (__u64)((__s64)__btc_v >> (64 - (bits)));                                          \
    else                                                                                           \
      __btc_v >>= 64 - (bits);                                                                     \
    __btc_v;                                                                                       \
  })

/* hist() bucket: 0 for negatives, 1 for 0, 2 + floor(log2(v)) otherwise. Like bpftrace 0.17,
 * the search starts at 16-bit steps, so every value from 2^31 up counts in [2G, 4G). */
static __always_inline __u32 btc_hist_bucket(__s64 value) {
  if (value < 0) return 0;
  if (value == 0) return 1;
  __u64 v = value;
  __u32 log = 0;
  if (v >> 16) {
    v >>= 16;
    log += 16;
  }
  if (v >> 8) {
    v >>= 8;
    log += 8;
  }
  if (v >> 4) {
    v >>= 4;
    log += 4;
  }
  if (v >> 2) {
    v >>= 2;
    log += 2;
  }
  if (v >> 1) {
    log += 1;
  }
  return log + 2;
}

/* hist(v, k) bucket (current bpftrace, k from 1 to 5): 0 for negatives, 1 + v up to
 * 2^(k+1) - 1, then for v in [2^p, 2^(p+1)): ((p - k + 1) << k) + 1 + the 2^(p-k) wide
 * sub-bucket v falls in. Unlike hist(v), every 64-bit value has its bucket. */
static __always_inline __u32 btc_hist_bucket_bits(__s64 value, __u32 k) {
  if (value < 0) return 0;
  __u64 v = value;
  if (v < (2ULL << k)) return (__u32)v + 1;
  __u32 p = 0;
  __u64 t = v;
  if (t >> 32) {
    t >>= 32;
    p += 32;
  }
  if (t >> 16) {
    t >>= 16;
    p += 16;
  }
  if (t >> 8) {
    t >>= 8;
    p += 8;
  }
  if (t >> 4) {
    t >>= 4;
    p += 4;
  }
  if (t >> 2) {
    t >>= 2;
    p += 2;
  }
  if (t >> 1) p += 1;
  __u32 sub = (__u32)(v >> (p - k)) - (1U << k);
  return ((p - k + 1) << k) + 1 + sub;
}

/* lhist() bucket: 0 below min, 1 + (v - min) / step above, capped at the overflow bucket
 * n - 1 (so, as in bpftrace, the overflow bucket starts at the last whole step, not at max). */
static __always_inline __u32 btc_lhist_bucket(__s64 value, __s64 min, __s64 max, __u64 step,
                                              __u32 buckets) {
  if (value < min) return 0;
  if (value >= max) return buckets - 1;
  __u64 index = 1 + (__u64)(value - min) / step;
  return index > buckets - 1 ? buckets - 1 : index;
}

static __always_inline __s64 btc_streq(const char* a, __u32 a_size, const char* b, __u32 b_size,
                                       __u32 limit) {
  for (__u32 i = 0; i < limit; i++) {
    __u32 k = i;
    BTC_OPAQUE(k);
    char ca = k < a_size ? a[k] : 0;
    char cb = k < b_size ? b[k] : 0;
    if (ca != cb) return 0;
    if (ca == 0) return 1;
  }
  return 1;
}

/* The indexes are hidden from the optimizer: with known low bits it would turn `base + k` into
 * `base | k`, pointer arithmetic the verifier refuses. */
static __always_inline __s64 btc_strcontains(const char* hay, __u32 hay_size, const char* needle,
                                             __u32 needle_size) {
  if (needle_size == 0 || needle[0] == 0) return 1;
  for (__u32 i = 0; i < hay_size; i++) {
    __u32 at = i;
    BTC_OPAQUE(at);
    if (at >= hay_size || hay[at] == 0) return 0;
    __u32 j = 0;
    for (; j < needle_size; j++) {
      __u32 n = j, k = i + j;
      BTC_OPAQUE(n);
      BTC_OPAQUE(k);
      if (n >= needle_size || needle[n] == 0) return 1;
      if (k >= hay_size || hay[k] != needle[n]) break;
    }
    if (j == needle_size) return 1;
  }
  return 0;
}

static __always_inline __u64 btc_div(__u64 a, __u64 b) {
  return b ? a / b : 0;
}
static __always_inline __u64 btc_mod(__u64 a, __u64 b) {
  return b ? a % b : 0;
}
static __always_inline __u64 btc_shl(__u64 a, __u64 b) {
  return b < 64 ? a << b : 0;
}
static __always_inline __u64 btc_shr(__u64 a, __u64 b) {
  return b < 64 ? a >> b : 0;
}
