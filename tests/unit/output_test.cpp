// Unit tests of the map and value output. Every expected string below is bpftrace 0.17's stdout
// (after the "Attaching N probes..." line) for the script in the comment above it, except where
// that comment names a difference of docs/differences.md; the tests rebuild the same maps as the
// kernel would hold them and print them with the runtime.
#include "btc/output.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

using namespace btc::rt;

namespace {

// ---- types ---------------------------------------------------------------------------------

constexpr uint32_t kCpus = 3; // per-CPU values are spread over three CPUs

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kU64{.kind = Kind::Int, .is_signed = false};
const Type kStr{.kind = Kind::Str, .size = 64};
const Type kCount{.kind = Kind::Count};
const Type kSumS{.kind = Kind::Sum, .is_signed = true};
const Type kSumU{.kind = Kind::Sum};
const Type kMin{.kind = Kind::Min, .is_signed = true, .size = 16};
const Type kMax{.kind = Kind::Max, .is_signed = true, .size = 16};
const Type kAvg{.kind = Kind::Avg, .is_signed = true, .size = 16};
const Type kStats{.kind = Kind::Stats, .is_signed = true, .size = 16};
const Type kHist{.kind = Kind::Hist, .size = kHistBuckets * 8};

Type lhist_type(int64_t min, int64_t max, int64_t step) {
  Type t{.kind = Kind::LHist, .lhist_min = min, .lhist_max = max, .lhist_step = step};
  t.size = lhist_buckets(t) * 8;
  return t;
}

// A tuple type; the fields are kept alive for the whole test run.
Type tuple_type(std::initializer_list<const Type*> elems) {
  static std::vector<std::vector<Field>> storage;
  std::vector<Field> fields;
  uint32_t off = 0;
  for (const Type* t : elems) {
    fields.push_back(Field{t, off});
    off += (t->size + 7) / 8 * 8;
  }
  storage.push_back(fields);
  return Type{.kind = Kind::Tuple,
              .size = off,
              .fields = storage.back().data(),
              .num_fields = static_cast<uint32_t>(fields.size())};
}

// ---- bytes ---------------------------------------------------------------------------------

struct Bytes {
  std::vector<uint8_t> b;
  Bytes& u64(uint64_t v) {
    size_t at = b.size();
    b.resize(at + 8);
    std::memcpy(b.data() + at, &v, 8);
    return *this;
  }
  Bytes& i64(int64_t v) { return u64(static_cast<uint64_t>(v)); }
  Bytes& str(const std::string& s, size_t size = 64) {
    size_t at = b.size();
    b.resize(at + size, 0);
    std::memcpy(b.data() + at, s.data(), std::min(s.size(), size));
    return *this;
  }
  operator std::vector<uint8_t>() const { return b; }
};

std::vector<uint8_t> ikey(int64_t v) {
  return Bytes().i64(v);
}
std::vector<uint8_t> skey(const std::string& s) {
  return Bytes().str(s);
}
const std::vector<uint8_t> kNoKey = Bytes().u64(0);

// Per-CPU copies: `per_cpu(n, f)` concatenates f(0) .. f(n-1).
template <typename F> std::vector<uint8_t> per_cpu(F f) {
  std::vector<uint8_t> v;
  for (uint32_t cpu = 0; cpu < kCpus; cpu++) {
    std::vector<uint8_t> c = f(cpu);
    v.insert(v.end(), c.begin(), c.end());
  }
  return v;
}

std::vector<uint8_t> count_v(uint64_t n) {
  return per_cpu([&](uint32_t cpu) {
    return Bytes().u64(cpu == 0 ? n - n / 2 : cpu == 1 ? n / 2 : 0);
  });
}

std::vector<uint8_t> sum_v(int64_t v) {
  return per_cpu([&](uint32_t cpu) { return Bytes().i64(cpu == 0 ? v - 3 : cpu == 1 ? 3 : 0); });
}

// min/max: CPU 1 never saw a value; CPU 2 saw a worse one.
std::vector<uint8_t> minmax_v(int64_t v, bool is_max) {
  return per_cpu([&](uint32_t cpu) {
    if (cpu == 1) return Bytes().i64(0).u64(0);
    return Bytes().i64(cpu == 0 ? v : is_max ? v - 5 : v + 5).u64(1);
  });
}
std::vector<uint8_t> min_v(int64_t v) {
  return minmax_v(v, false);
}
std::vector<uint8_t> max_v(int64_t v) {
  return minmax_v(v, true);
}

std::vector<uint8_t> avg_v(int64_t total, uint64_t count) {
  return per_cpu([&](uint32_t cpu) {
    if (cpu == 0) return Bytes().i64(total - 10).u64(count - count / 2);
    if (cpu == 1) return Bytes().i64(10).u64(count / 2);
    return Bytes().i64(0).u64(0);
  });
}

std::vector<uint8_t> buckets_v(const std::vector<uint64_t>& counts) {
  return per_cpu([&](uint32_t cpu) {
    Bytes b;
    for (uint64_t c : counts) b.u64(cpu == 0 ? c - c / 2 : cpu == 1 ? c / 2 : 0);
    return b;
  });
}

// The bucket bpftrace 0.17's hist() puts a value in (its log2 stops at 2^31).
uint32_t hist_bucket(int64_t v) {
  if (v < 0) return 0;
  if (v == 0) return 1;
  uint32_t log2 = 0;
  while (log2 < 31 && (static_cast<uint64_t>(v) >> (log2 + 1)) != 0) log2++;
  return log2 + 2;
}

std::vector<uint8_t> hist_v(std::initializer_list<int64_t> values) {
  std::vector<uint64_t> counts(kHistBuckets, 0);
  for (int64_t v : values) counts[hist_bucket(v)]++;
  return buckets_v(counts);
}

std::vector<uint8_t> lhist_v(const Type& t, std::initializer_list<int64_t> values) {
  const uint32_t n = lhist_buckets(t);
  std::vector<uint64_t> counts(n, 0);
  for (int64_t v : values) {
    int64_t i = v < t.lhist_min ? 0 : (v - t.lhist_min) / t.lhist_step + 1;
    counts[std::min<int64_t>(i, n - 1)]++;
  }
  return buckets_v(counts);
}

// ---- maps ----------------------------------------------------------------------------------

MapSpec spec(const char* name, const Type* key, const Type& value) {
  return MapSpec{name, name, key, &value, is_aggregation(value.kind)};
}

MapContents contents(const MapSpec& s, std::vector<MapEntry> entries) {
  return MapContents{&s, std::move(entries)};
}

} // namespace

// ---- expected output (bpftrace 0.17) -------------------------------------------------------

// clang-format off
// bpftrace -e 'BEGIN { @h = hist(5); @h = hist(1000); @s[1]=sum(5); @c = count(); exit(); }'
const std::string kExitMixed = R"--(

@c: 1
@h: 
[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[8, 16)                0 |                                                    |
[16, 32)               0 |                                                    |
[32, 64)               0 |                                                    |
[64, 128)              0 |                                                    |
[128, 256)             0 |                                                    |
[256, 512)             0 |                                                    |
[512, 1K)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@s[1]: 5
)--";

// bpftrace -e 'BEGIN { @a = hist(-5); @a = hist(0); @a = hist(1); @a = hist(2); @a = hist(3); @a=hist(4); @d = hist(-1); @d = hist(-100); @e = hist(0); exit(); }'
const std::string kHistSmall = R"--(

@a: 
(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[2, 4)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |

@d: 
(..., 0)               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@e: 
[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

)--";

// bpftrace -e 'BEGIN { @b = hist(1024); @b = hist(1048576); @b = hist(1073741824); @c = hist(4294967295); @c = hist(2147483648); exit(); }'
const std::string kHistBig = R"--(

@b: 
[1K, 2K)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[2K, 4K)               0 |                                                    |
[4K, 8K)               0 |                                                    |
[8K, 16K)              0 |                                                    |
[16K, 32K)             0 |                                                    |
[32K, 64K)             0 |                                                    |
[64K, 128K)            0 |                                                    |
[128K, 256K)           0 |                                                    |
[256K, 512K)           0 |                                                    |
[512K, 1M)             0 |                                                    |
[1M, 2M)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[2M, 4M)               0 |                                                    |
[4M, 8M)               0 |                                                    |
[8M, 16M)              0 |                                                    |
[16M, 32M)             0 |                                                    |
[32M, 64M)             0 |                                                    |
[64M, 128M)            0 |                                                    |
[128M, 256M)           0 |                                                    |
[256M, 512M)           0 |                                                    |
[512M, 1G)             0 |                                                    |
[1G, 2G)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@c: 
[2G, 4G)               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

)--";

// bpftrace -e 'BEGIN { unroll(15) { @h = hist(1); @l = lhist(1, 0, 10, 1); } unroll(26) { @h = hist(100); @l = lhist(5, 0, 10, 1);} unroll(7) {@g = hist(0);} unroll(13) {@g = hist(8);}  exit(); }'
const std::string kHistFloat = R"--(

@g: 
[0]                    7 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@                        |
[1]                    0 |                                                    |
[2, 4)                 0 |                                                    |
[4, 8)                 0 |                                                    |
[8, 16)               13 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h: 
[1]                   15 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@                      |
[2, 4)                 0 |                                                    |
[4, 8)                 0 |                                                    |
[8, 16)                0 |                                                    |
[16, 32)               0 |                                                    |
[32, 64)               0 |                                                    |
[64, 128)             26 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@l: 
[1, 2)                15 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@                      |
[2, 3)                 0 |                                                    |
[3, 4)                 0 |                                                    |
[4, 5)                 0 |                                                    |
[5, 6)                26 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

)--";

// bpftrace -e 'BEGIN { @a = lhist(-5, 0, 100, 10); @a = lhist(5, 0, 100, 10); @a = lhist(55, 0, 100, 10); @a=lhist(100,0,100,10); @a=lhist(1000,0,100,10); @b = lhist(15, 0, 100, 10); @b = lhist(35, 0, 100, 10); @c = lhist(2048, 0, 4096, 1024); @c = lhist(5000, 0, 4096, 1024); @d = lhist(1048576, 0, 4194304, 1048576); @e = lhist(150, 100, 200, 50); @e = lhist(50, 100, 200, 50);@e = lhist(0, 100, 200, 50); @f = lhist(3, 0, 10, 3); @f = lhist(9, 0, 10, 3);  @f = lhist(10, 0, 10, 3); @g = lhist(3, 0, 10, 3); exit(); }'
const std::string kLhistBasic = R"--(

@a: 
(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[0, 10)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[10, 20)               0 |                                                    |
[20, 30)               0 |                                                    |
[30, 40)               0 |                                                    |
[40, 50)               0 |                                                    |
[50, 60)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[60, 70)               0 |                                                    |
[70, 80)               0 |                                                    |
[80, 90)               0 |                                                    |
[90, 100)              0 |                                                    |
[100, ...)             2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@b: 
[10, 20)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[20, 30)               0 |                                                    |
[30, 40)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@c: 
[2K, 3K)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[3K, 4K)               0 |                                                    |
[4K, ...)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@d: 
[1M, 2M)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@e: 
(..., 100)             2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[100, 150)             0 |                                                    |
[150, 200)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |

@f: 
[3, 6)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |
[6, 9)                 0 |                                                    |
[10, ...)              2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@g: 
[3, 6)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

)--";

// bpftrace -e 'BEGIN { @a = lhist(1, 0, 4608, 1536); @a = lhist(5000, 0, 4608, 1536); @b = lhist(0, 0, 3145728, 1048576); @b = lhist(3145728, 0, 3145728, 1048576); @d = lhist(1, 1000000, 3000000, 1000000); @d = lhist(2500000, 1000000, 3000000, 1000000); exit(); }'
const std::string kLhistLabels = R"--(

@a: 
[0, 1536)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[1536, 3K)             0 |                                                    |
[3K, 4608)             0 |                                                    |
[4608, ...)            1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@b: 
[0, 1M)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[1M, 2M)               0 |                                                    |
[2M, 3M)               0 |                                                    |
[3M, ...)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@d: 
(..., 1000000)         1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[1000000, 2000000)       0 |                                                    |
[2000000, 3000000)       1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

)--";

// bpftrace -e 'BEGIN { @ = count(); @a[1,"x"] = 5; @b["str"] = "val"; @c = (1, "two", -3); @d[-1] = -5; @e = (1, (2, "x")); @g["bpftrace", 2, "z"] = count(); @h = "s"; exit(); }'
const std::string kValues = R"--(

@: 1
@a[1, x]: 5
@b[str]: val
@c: (1, two, -3)
@d[-1]: -5
@e: (1, (2, x))
@g[bpftrace, 2, z]: 1
@h: s
)--";

// bpftrace -e 'BEGIN { @a[(uint32)-1]=1; @b[(uint8)255]=1; @c[(uint64)-1]=1; @d=(uint32)-1; @e=(int8)-1; @f=(uint64)-1; @g = -1; @h[(int32)-5]=1; @i = (uint8)200; exit(); }'
const std::string kInts = R"--(

@a[4294967295]: 1
@b[255]: 1
@c[-1]: 1
@d: 4294967295
@e: -1
@f: 18446744073709551615
@g: -1
@h[-5]: 1
@i: 200
)--";

// bpftrace -e 'BEGIN { @s[5]="a"; @s[-3]="b"; @s[10]="c"; @s[0]="d"; @t["zeta"]="a"; @t["alpha"]="b"; @t["Beta"]="c"; @t["al"]="d"; @m[2,"b"]="x"; @m[1,"z"]="y"; @m[2,"a"]="z"; @m[1,"a"]="w"; @v[1]=(1,2); @v[0]=(3,4); exit(); }'
const std::string kKeysort = R"--(

@m[1, a]: w
@m[1, z]: y
@m[2, a]: z
@m[2, b]: x
@s[0]: d
@s[5]: a
@s[10]: c
@s[-3]: b
@t[Beta]: c
@t[al]: d
@t[alpha]: b
@t[zeta]: a
@v[0]: (3, 4)
@v[1]: (1, 2)
)--";

// bpftrace -e 'BEGIN { @s[256]="a"; @s[1]="b"; @s[2]="c"; @s[512]="d"; @m["b", 256]="x"; @m["a",1]="y"; @m["b",1]="z"; @m["a",256]="w"; @m["a",2]="v"; exit(); }'
const std::string kKeysort2 = R"--(

@m[a, 1]: y
@m[a, 2]: v
@m[a, 256]: w
@m[b, 1]: z
@m[b, 256]: x
@s[1]: b
@s[2]: c
@s[256]: a
@s[512]: d
)--";

// bpftrace -e 'BEGIN { @h[256]=hist(1); @h[1]=hist(1); @h[2]=hist(1); @h[513]=hist(1); @a[256]=avg(1); @a[1]=avg(1); @a[2]=avg(1); @a[513]=avg(1); @s[256]=stats(1); @s[1]=stats(1); @s[2]=stats(1); @s[513]=stats(1); exit(); }'
// with the ties in key order (docs/differences.md): bpftrace 0.17 prints 256, 1, 513, 2.
const std::string kTies = R"--(

@a[1]: 1
@a[2]: 1
@a[256]: 1
@a[513]: 1

@h[1]: 
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h[2]: 
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h[256]: 
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h[513]: 
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@s[1]: count 1, average 1, total 1
@s[2]: count 1, average 1, total 1
@s[256]: count 1, average 1, total 1
@s[513]: count 1, average 1, total 1

)--";

// bpftrace -e 'BEGIN { $i = 0; unroll(40) { @h[$i] = avg(1); $i++; } exit(); }'
// with the ties in key order: bpftrace 0.17's std::sort scrambles them (30, 21..29, 20, ...).
const std::string kTies40 = R"--(

@h[0]: 1
@h[1]: 1
@h[2]: 1
@h[3]: 1
@h[4]: 1
@h[5]: 1
@h[6]: 1
@h[7]: 1
@h[8]: 1
@h[9]: 1
@h[10]: 1
@h[11]: 1
@h[12]: 1
@h[13]: 1
@h[14]: 1
@h[15]: 1
@h[16]: 1
@h[17]: 1
@h[18]: 1
@h[19]: 1
@h[20]: 1
@h[21]: 1
@h[22]: 1
@h[23]: 1
@h[24]: 1
@h[25]: 1
@h[26]: 1
@h[27]: 1
@h[28]: 1
@h[29]: 1
@h[30]: 1
@h[31]: 1
@h[32]: 1
@h[33]: 1
@h[34]: 1
@h[35]: 1
@h[36]: 1
@h[37]: 1
@h[38]: 1
@h[39]: 1

)--";

// bpftrace -e 'BEGIN { @x[1] = -1; @x[2] = 5; @x[3] = -7; @u[1] = (uint64)-1; @u[2] = (uint64)5; @s[1] = sum(-5); @s[2]=sum(3); @m[1]=min(-5); @m[2]=min(3); @m[3]=min(-9); @mx[1]=max(10); @mx[2]=max(3); @a[1]=avg(-5); @a[2]=avg(5); @a[3]=avg(-100); @su[1]=sum((uint64)5); @su[2]=sum((uint64)-1); exit(); }'
const std::string kValsort = R"--(

@a[3]: -100
@a[1]: -5
@a[2]: 5

@m[3]: -9
@m[1]: -5
@m[2]: 3
@mx[2]: 3
@mx[1]: 10
@s[1]: -5
@s[2]: 3
@su[1]: 5
@su[2]: 18446744073709551615
@u[2]: 5
@u[1]: 18446744073709551615
@x[3]: -7
@x[1]: -1
@x[2]: 5
)--";

// bpftrace -e 'BEGIN { @c[1]=sum(10); @c[2]=sum(25); @c[3]=sum(-7); @c[4]=sum(100); print(@c, 2); print(@c, 0, 3); print(@c, 10, 2); @s["a"]="x"; @s["b"]="y"; @s["c"]="z"; print(@s, 2); print(@s,0,2); @i[1]=5; @i[2]=-7; print(@i, 0, 2); @v = 7; print(@v, 0, 2); print(@v,1); clear(@c); clear(@s); clear(@i); clear(@v); exit(); }'
const std::string kTopdiv = R"--(@c[2]: 25
@c[4]: 100
@c[3]: -2
@c[1]: 3
@c[2]: 8
@c[4]: 33
@c[3]: -3
@c[1]: 5
@c[2]: 12
@c[4]: 50
@s[b]: y
@s[c]: z
@s[a]: x
@s[b]: y
@s[c]: z
@i[2]: -3
@i[1]: 2
@v: 3
@v: 7






)--";

// bpftrace -e 'BEGIN { @h[1]=hist(1); @h[2]=hist(1);@h[2]=hist(1);@h[2]=hist(100); @h[3]=hist(5); @h[3]=hist(5);@h[3]=hist(5);@h[3]=hist(5);  print(@h, 2); print(@h, 0, 2); @a[1]=avg(10); @a[2]=avg(-30); @a[3]=avg(7); print(@a, 2); print(@a,0,3); @s[1]=stats(10); @s[2]=stats(-30);@s[3]=stats(7); @s[3]=stats(9); print(@s, 1); print(@s, 0, 2); @l[1]=lhist(5,0,10,1); @l[2]=lhist(5,0,10,1);@l[2]=lhist(5,0,10,1);@l[2]=lhist(5,0,10,1); print(@l, 1, 2); clear(@h); clear(@a); clear(@s); clear(@l); exit(); }'
const std::string kTopdivAgg = R"--(@h[2]: 
[1]                    2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[2, 4)                 0 |                                                    |
[4, 8)                 0 |                                                    |
[8, 16)                0 |                                                    |
[16, 32)               0 |                                                    |
[32, 64)               0 |                                                    |
[64, 128)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |

@h[3]: 
[4, 8)                 4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h[1]: 
[1]                    0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h[2]: 
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[2, 4)                 0 |                                                    |
[4, 8)                 0 |                                                    |
[8, 16)                0 |                                                    |
[16, 32)               0 |                                                    |
[32, 64)               0 |                                                    |
[64, 128)              0 |@@@@@@@@@@@@@@@@@@@@@@@@@@                          |

@h[3]: 
[4, 8)                 2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@a[3]: 7
@a[1]: 10

@a[2]: -10
@a[3]: 2
@a[1]: 3

@s[2]: count 1, average -30, total -30
@s[3]: count 2, average 8, total 16
@s[1]: count 1, average 10, total 10

@s[2]: count 1, average -30, total -30
@s[3]: count 2, average 8, total 16
@s[1]: count 1, average 10, total 10

@l[2]: 
[5, 6)                 3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|









)--";

// bpftrace -e 'BEGIN { @t = (10, "a", (uint64)-1, -7); print(@t, 0, 2); @m[1] = min(-7); @m[2]=min(9); print(@m, 0, 2); @x[1] = max(9); print(@x, 1, 2); @u = (uint64)-1; print(@u, 0, 2); @c[1]=sum(10); @c[2]=sum(20); print(@c, 4294967297, 4294967298); print(@c, 0, -1); clear(@t); clear(@m); clear(@x); clear(@u); clear(@c); exit(); }'
const std::string kTopdivMisc = R"--(@t: (5, a, 9223372036854775807, -3)
@m[1]: -3
@m[2]: 4
@x[1]: 4
@u: 9223372036854775807
@c[2]: 10
@c[1]: 0
@c[2]: 0







)--";

// bpftrace -e 'BEGIN { @a[1] = avg(1); @s[1]=stats(1); @c[1]=count(); @h[1]=hist(1); @l[1]=lhist(1,0,10,1); @v[1]=5; @str[1]="x"; clear(@a); clear(@s); clear(@c); clear(@h); clear(@l); clear(@v); clear(@str); exit(); }'
const std::string kEmpty = R"--(










)--";

// bpftrace -e 'BEGIN { @h[1]=hist(1); @h[2]=hist(3); zero(@h); @a[1]=avg(1); zero(@a); @s[1]=stats(1); zero(@s); @mi[1]=min(5); zero(@mi); @c[1]=count(); zero(@c); exit(); }'
const std::string kZeroed = R"--(

@a[1]: 0

@c[1]: 0
@h[1]: 

@h[2]: 

@mi[1]: 0
@s[1]: count 0, average 0, total 0

)--";

// bpftrace -e 'BEGIN { @a = avg(-5); @a = avg(0); @b = avg((uint64)-1); @c = stats((uint64)-1); @d = stats(-5); @d = stats(0); exit(); }'
const std::string kAvgneg = R"--(

@a: -2

@b: -1

@c: count 1, average -1, total -1

@d: count 2, average -2, total -5

)--";

// bpftrace -e 'BEGIN { @aa = 1; @a_ = 2; @a1 = 3; @_a = 4; @Z = 5; @ = 6; @a = 7; @_ = 8; exit(); }'
const std::string kNames = R"--(

@: 6
@Z: 5
@_: 8
@_a: 4
@a: 7
@a1: 3
@a_: 2
@aa: 1
)--";

// bpftrace -e 'BEGIN { print(5); print(-5); print("abc"); print((1,"a",(2,-3))); print((uint64)-1); print((uint32)-1); print((int16)-2); print(((uint64)-1, (uint32)-1, (int8)-1)); exit(); }'
const std::string kPrintValues = R"--(5
-5
abc
(1, a, (2, -3))
18446744073709551615
4294967295
-2
(18446744073709551615, 4294967295, -1)


)--";

// clang-format on

// hist buckets split over CPUs are summed; maps without keys print "@name: "; a hist is followed
// by a blank line, count and sum maps are not.
TEST(OutputExit, MixedMaps) {
  MapSpec c = spec("@c", nullptr, kCount);
  MapSpec h = spec("@h", nullptr, kHist);
  MapSpec s = spec("@s", &kI64, kSumS);
  std::string out = format_maps_at_exit({
      contents(c, {{kNoKey, count_v(1)}}),
      contents(h, {{kNoKey, hist_v({5, 1000})}}),
      contents(s, {{ikey(1), sum_v(5)}}),
  });
  EXPECT_EQ(out, kExitMixed);
}

TEST(OutputHist, NegativeZeroOneAndSmallValues) {
  MapSpec a = spec("@a", nullptr, kHist);
  MapSpec d = spec("@d", nullptr, kHist);
  MapSpec e = spec("@e", nullptr, kHist);
  std::string out = format_maps_at_exit({
      contents(a, {{kNoKey, hist_v({-5, 0, 1, 2, 3, 4})}}),
      contents(d, {{kNoKey, hist_v({-1, -100})}}),
      contents(e, {{kNoKey, hist_v({0})}}),
  });
  EXPECT_EQ(out, kHistSmall);
}

TEST(OutputHist, KMGLabelsAndTheTopBucket) {
  MapSpec b = spec("@b", nullptr, kHist);
  MapSpec c = spec("@c", nullptr, kHist);
  std::string out = format_maps_at_exit({
      contents(b, {{kNoKey, hist_v({1024, 1048576, 1073741824})}}),
      contents(c, {{kNoKey, hist_v({4294967295, 2147483648})}}),
  });
  EXPECT_EQ(out, kHistBig);
}

// 15 of 26 is 30 '@' (float arithmetic; double would give 29).
TEST(OutputHist, BarWidthsUseFloat) {
  const Type lt = lhist_type(0, 10, 1);
  MapSpec g = spec("@g", nullptr, kHist);
  MapSpec h = spec("@h", nullptr, kHist);
  MapSpec l = spec("@l", nullptr, lt);
  std::vector<uint64_t> hg(kHistBuckets, 0), hh(kHistBuckets, 0), hl(lhist_buckets(lt), 0);
  hg[hist_bucket(0)] = 7;
  hg[hist_bucket(8)] = 13;
  hh[hist_bucket(1)] = 15;
  hh[hist_bucket(100)] = 26;
  hl[2] = 15;
  hl[6] = 26;
  std::string out = format_maps_at_exit({
      contents(g, {{kNoKey, buckets_v(hg)}}),
      contents(h, {{kNoKey, buckets_v(hh)}}),
      contents(l, {{kNoKey, buckets_v(hl)}}),
  });
  EXPECT_EQ(out, kHistFloat);
}

TEST(OutputLhist, UnderflowOverflowAndTrimming) {
  const Type t_a = lhist_type(0, 100, 10), t_c = lhist_type(0, 4096, 1024),
             t_d = lhist_type(0, 4194304, 1048576), t_e = lhist_type(100, 200, 50),
             t_f = lhist_type(0, 10, 3);
  MapSpec a = spec("@a", nullptr, t_a), b = spec("@b", nullptr, t_a), c = spec("@c", nullptr, t_c),
          d = spec("@d", nullptr, t_d), e = spec("@e", nullptr, t_e), f = spec("@f", nullptr, t_f),
          g = spec("@g", nullptr, t_f);
  std::string out = format_maps_at_exit({
      contents(a, {{kNoKey, lhist_v(t_a, {-5, 5, 55, 100, 1000})}}),
      contents(b, {{kNoKey, lhist_v(t_a, {15, 35})}}),
      contents(c, {{kNoKey, lhist_v(t_c, {2048, 5000})}}),
      contents(d, {{kNoKey, lhist_v(t_d, {1048576})}}),
      contents(e, {{kNoKey, lhist_v(t_e, {150, 50, 0})}}),
      contents(f, {{kNoKey, lhist_v(t_f, {3, 9, 10})}}),
      contents(g, {{kNoKey, lhist_v(t_f, {3})}}),
  });
  EXPECT_EQ(out, kLhistBasic);
}

TEST(OutputLhist, LabelsAndWideLabels) {
  const Type t_a = lhist_type(0, 4608, 1536), t_b = lhist_type(0, 3145728, 1048576),
             t_d = lhist_type(1000000, 3000000, 1000000);
  MapSpec a = spec("@a", nullptr, t_a), b = spec("@b", nullptr, t_b), d = spec("@d", nullptr, t_d);
  std::string out = format_maps_at_exit({
      contents(a, {{kNoKey, lhist_v(t_a, {1, 5000})}}),
      contents(b, {{kNoKey, lhist_v(t_b, {0, 3145728})}}),
      contents(d, {{kNoKey, lhist_v(t_d, {1, 2500000})}}),
  });
  EXPECT_EQ(out, kLhistLabels);
}

TEST(OutputValues, KeysTuplesAndStrings) {
  const Type int_str = tuple_type({&kI64, &kStr});
  const Type str_int_str = tuple_type({&kStr, &kI64, &kStr});
  const Type t_c = tuple_type({&kI64, &kStr, &kI64});
  const Type inner = tuple_type({&kI64, &kStr});
  const Type t_e = tuple_type({&kI64, &inner});
  MapSpec m_ = spec("@", nullptr, kCount), a = spec("@a", &int_str, kI64),
          b = spec("@b", &kStr, kStr), c = spec("@c", nullptr, t_c), d = spec("@d", &kI64, kI64),
          e = spec("@e", nullptr, t_e), g = spec("@g", &str_int_str, kCount),
          h = spec("@h", nullptr, kStr);
  std::string out = format_maps_at_exit({
      contents(m_, {{kNoKey, count_v(1)}}),
      contents(a, {{Bytes().i64(1).str("x"), Bytes().i64(5)}}),
      contents(b, {{skey("str"), Bytes().str("val")}}),
      contents(c, {{kNoKey, Bytes().i64(1).str("two").i64(-3)}}),
      contents(d, {{ikey(-1), Bytes().i64(-5)}}),
      contents(e, {{kNoKey, Bytes().i64(1).i64(2).str("x")}}),
      contents(g, {{Bytes().str("bpftrace").i64(2).str("z"), count_v(1)}}),
      contents(h, {{kNoKey, Bytes().str("s")}}),
  });
  EXPECT_EQ(out, kValues);
}

// Keys print as signed 64-bit integers (a uint32 key is zero-extended, so it stays positive);
// values by their signedness.
TEST(OutputValues, IntegerSignedness) {
  MapSpec a = spec("@a", &kU64, kI64), b = spec("@b", &kU64, kI64), c = spec("@c", &kU64, kI64),
          d = spec("@d", nullptr, kU64), e = spec("@e", nullptr, kI64),
          f = spec("@f", nullptr, kU64), g = spec("@g", nullptr, kI64), h = spec("@h", &kI64, kI64),
          i = spec("@i", nullptr, kU64);
  std::string out = format_maps_at_exit({
      contents(a, {{Bytes().u64(4294967295), Bytes().i64(1)}}),
      contents(b, {{Bytes().u64(255), Bytes().i64(1)}}),
      contents(c, {{Bytes().u64(~0ull), Bytes().i64(1)}}),
      contents(d, {{kNoKey, Bytes().u64(4294967295)}}),
      contents(e, {{kNoKey, Bytes().i64(-1)}}),
      contents(f, {{kNoKey, Bytes().u64(~0ull)}}),
      contents(g, {{kNoKey, Bytes().i64(-1)}}),
      contents(h, {{ikey(-5), Bytes().i64(1)}}),
      contents(i, {{kNoKey, Bytes().u64(200)}}),
  });
  EXPECT_EQ(out, kInts);
}

// Maps of strings and tuples are sorted by key: integers as unsigned, strings bytewise, field by
// field for several keys.
TEST(OutputSort, ByKey) {
  const Type int_str = tuple_type({&kI64, &kStr});
  const Type pair = tuple_type({&kI64, &kI64});
  MapSpec m = spec("@m", &int_str, kStr), s = spec("@s", &kI64, kStr), t = spec("@t", &kStr, kStr),
          v = spec("@v", &kI64, pair);
  std::string out = format_maps_at_exit({
      contents(m, {{Bytes().i64(2).str("b"), Bytes().str("x")},
                   {Bytes().i64(1).str("z"), Bytes().str("y")},
                   {Bytes().i64(2).str("a"), Bytes().str("z")},
                   {Bytes().i64(1).str("a"), Bytes().str("w")}}),
      contents(s, {{ikey(5), Bytes().str("a")},
                   {ikey(-3), Bytes().str("b")},
                   {ikey(10), Bytes().str("c")},
                   {ikey(0), Bytes().str("d")}}),
      contents(t, {{skey("zeta"), Bytes().str("a")},
                   {skey("alpha"), Bytes().str("b")},
                   {skey("Beta"), Bytes().str("c")},
                   {skey("al"), Bytes().str("d")}}),
      contents(v, {{ikey(1), Bytes().i64(1).i64(2)}, {ikey(0), Bytes().i64(3).i64(4)}}),
  });
  EXPECT_EQ(out, kKeysort);
}

TEST(OutputSort, ByKeyNumericNotBytewise) {
  const Type str_int = tuple_type({&kStr, &kI64});
  MapSpec m = spec("@m", &str_int, kStr), s = spec("@s", &kI64, kStr);
  std::string out = format_maps_at_exit({
      contents(m, {{Bytes().str("b").i64(256), Bytes().str("x")},
                   {Bytes().str("a").i64(1), Bytes().str("y")},
                   {Bytes().str("b").i64(1), Bytes().str("z")},
                   {Bytes().str("a").i64(256), Bytes().str("w")},
                   {Bytes().str("a").i64(2), Bytes().str("v")}}),
      contents(s, {{ikey(256), Bytes().str("a")},
                   {ikey(1), Bytes().str("b")},
                   {ikey(2), Bytes().str("c")},
                   {ikey(512), Bytes().str("d")}}),
  });
  EXPECT_EQ(out, kKeysort2);
}

// Ties in avg/stats/hist maps print in key order (bpftrace: by the raw key bytes, 256 first).
TEST(OutputSort, AggregationTiesInKeyOrder) {
  MapSpec a = spec("@a", &kI64, kAvg), h = spec("@h", &kI64, kHist), s = spec("@s", &kI64, kStats);
  std::vector<MapEntry> ea, eh, es;
  for (int64_t k : {1, 2, 513, 256}) {
    ea.push_back({ikey(k), avg_v(1, 1)});
    eh.push_back({ikey(k), hist_v({1})});
    es.push_back({ikey(k), avg_v(1, 1)});
  }
  std::string out = format_maps_at_exit({contents(a, ea), contents(h, eh), contents(s, es)});
  EXPECT_EQ(out, kTies);
}

// More than 16 ties (bpftrace's introsort scrambles them) still print in key order.
TEST(OutputSort, ManyAggregationTies) {
  MapSpec h = spec("@h", &kI64, kAvg);
  std::vector<MapEntry> e;
  for (int64_t k = 39; k >= 0; k--) e.push_back({ikey(k), avg_v(1, 1)});
  EXPECT_EQ(format_maps_at_exit({contents(h, e)}), kTies40);
}

// Equal values print in key order whatever order the kernel iterates them in: integer keys as
// signed (as they print), string keys bytewise, tuple keys field by field.
TEST(OutputSort, TiesInKeyOrder) {
  const Type pair = tuple_type({&kI64, &kStr});
  MapSpec c = spec("@c", &kI64, kCount), s = spec("@s", &kStr, kSumS), t = spec("@t", &pair, kI64),
          x = spec("@x", &kU64, kMax);
  auto tkey = [](int64_t i, const std::string& str) -> std::vector<uint8_t> {
    return Bytes().i64(i).str(str);
  };
  std::string out = format_maps_at_exit({
      contents(c, {{ikey(5), count_v(1)},
                   {ikey(100), count_v(1)},
                   {ikey(7), count_v(2)},
                   {ikey(-3), count_v(1)},
                   {ikey(0), count_v(1)}}),
      contents(s, {{skey("b"), sum_v(2)},
                   {skey("c"), sum_v(1)},
                   {skey("ab"), sum_v(2)},
                   {skey("B"), sum_v(2)},
                   {skey("a"), sum_v(2)}}),
      contents(t, {{tkey(2, "x"), Bytes().i64(4)},
                   {tkey(1, "y"), Bytes().i64(4)},
                   {tkey(-1, "z"), Bytes().i64(9)},
                   {tkey(1, "x"), Bytes().i64(4)}}),
      contents(x, {{Bytes().u64(3), max_v(8)}, {Bytes().u64(~0ull), max_v(8)}}),
  });
  EXPECT_EQ(out, "\n\n"
                 "@c[-3]: 1\n@c[0]: 1\n@c[5]: 1\n@c[100]: 1\n@c[7]: 2\n"
                 "@s[c]: 1\n@s[B]: 2\n@s[a]: 2\n@s[ab]: 2\n@s[b]: 2\n"
                 "@t[1, x]: 4\n@t[1, y]: 4\n@t[2, x]: 4\n@t[-1, z]: 9\n"
                 "@x[-1]: 8\n@x[3]: 8\n");
}

TEST(OutputSort, ByValueSignedness) {
  MapSpec a = spec("@a", &kI64, kAvg), m = spec("@m", &kI64, kMin), mx = spec("@mx", &kI64, kMax),
          s = spec("@s", &kI64, kSumS), su = spec("@su", &kI64, kSumU), u = spec("@u", &kI64, kU64),
          x = spec("@x", &kI64, kI64);
  std::string out = format_maps_at_exit({
      contents(a, {{ikey(1), avg_v(-5, 1)}, {ikey(2), avg_v(5, 1)}, {ikey(3), avg_v(-100, 1)}}),
      contents(m, {{ikey(1), min_v(-5)}, {ikey(2), min_v(3)}, {ikey(3), min_v(-9)}}),
      contents(mx, {{ikey(1), max_v(10)}, {ikey(2), max_v(3)}}),
      contents(s, {{ikey(1), sum_v(-5)}, {ikey(2), sum_v(3)}}),
      contents(su, {{ikey(1), sum_v(5)}, {ikey(2), sum_v(-1)}}),
      contents(u, {{ikey(1), Bytes().u64(~0ull)}, {ikey(2), Bytes().u64(5)}}),
      contents(x,
               {{ikey(1), Bytes().i64(-1)}, {ikey(2), Bytes().i64(5)}, {ikey(3), Bytes().i64(-7)}}),
  });
  EXPECT_EQ(out, kValsort);
}

// print(@m, top, div) during the run, then the (cleared) maps at exit.
TEST(OutputPrint, TopAndDiv) {
  MapSpec c = spec("@c", &kI64, kSumS), i = spec("@i", &kI64, kI64), s = spec("@s", &kStr, kStr),
          v = spec("@v", nullptr, kI64);
  std::vector<MapEntry> ec = {
      {ikey(1), sum_v(10)}, {ikey(2), sum_v(25)}, {ikey(3), sum_v(-7)}, {ikey(4), sum_v(100)}};
  std::vector<MapEntry> es = {
      {skey("c"), Bytes().str("z")}, {skey("a"), Bytes().str("x")}, {skey("b"), Bytes().str("y")}};
  std::vector<MapEntry> ei = {{ikey(1), Bytes().i64(5)}, {ikey(2), Bytes().i64(-7)}};
  std::vector<MapEntry> ev = {{kNoKey, Bytes().i64(7)}};
  std::string out;
  out += format_map(c, ec, 2);
  out += format_map(c, ec, 0, 3);
  out += format_map(c, ec, 10, 2);
  out += format_map(s, es, 2);
  out += format_map(s, es, 0, 2);
  out += format_map(i, ei, 0, 2);
  out += format_map(v, ev, 0, 2);
  out += format_map(v, ev, 1);
  out += format_maps_at_exit({contents(c, {}), contents(i, {}), contents(s, {}), contents(v, {})});
  EXPECT_EQ(out, kTopdiv);
}

// hist: div divides the counts but not the bars; lhist ignores div; avg honours both;
// stats ignores both.
TEST(OutputPrint, TopAndDivOnAggregations) {
  const Type lt = lhist_type(0, 10, 1);
  MapSpec h = spec("@h", &kI64, kHist), a = spec("@a", &kI64, kAvg), s = spec("@s", &kI64, kStats),
          l = spec("@l", &kI64, lt);
  std::vector<MapEntry> eh = {
      {ikey(3), hist_v({5, 5, 5, 5})}, {ikey(1), hist_v({1})}, {ikey(2), hist_v({1, 1, 100})}};
  std::vector<MapEntry> ea = {
      {ikey(1), avg_v(10, 1)}, {ikey(2), avg_v(-30, 1)}, {ikey(3), avg_v(7, 1)}};
  std::vector<MapEntry> es = {
      {ikey(1), avg_v(10, 1)}, {ikey(2), avg_v(-30, 1)}, {ikey(3), avg_v(16, 2)}};
  std::vector<MapEntry> el = {{ikey(1), lhist_v(lt, {5})}, {ikey(2), lhist_v(lt, {5, 5, 5})}};
  std::string out;
  out += format_map(h, eh, 2);
  out += format_map(h, eh, 0, 2);
  out += format_map(a, ea, 2);
  out += format_map(a, ea, 0, 3);
  out += format_map(s, es, 1);
  out += format_map(s, es, 0, 2);
  out += format_map(l, el, 1, 2);
  out += format_maps_at_exit({contents(a, {}), contents(h, {}), contents(l, {}), contents(s, {})});
  EXPECT_EQ(out, kTopdivAgg);
}

// div reaches integers inside tuples; top and div are truncated to 32 bits.
TEST(OutputPrint, DivOnTuplesMinMaxAndTruncation) {
  const Type tt = tuple_type({&kI64, &kStr, &kU64, &kI64});
  MapSpec t = spec("@t", nullptr, tt), m = spec("@m", &kI64, kMin), x = spec("@x", &kI64, kMax),
          u = spec("@u", nullptr, kU64), c = spec("@c", &kI64, kSumS);
  std::vector<MapEntry> ec = {{ikey(1), sum_v(10)}, {ikey(2), sum_v(20)}};
  std::string out;
  out += format_map(t, {{kNoKey, Bytes().i64(10).str("a").u64(~0ull).i64(-7)}}, 0, 2);
  out += format_map(m, {{ikey(1), min_v(-7)}, {ikey(2), min_v(9)}}, 0, 2);
  out += format_map(x, {{ikey(1), max_v(9)}}, 1, 2);
  out += format_map(u, {{kNoKey, Bytes().u64(~0ull)}}, 0, 2);
  out += format_map(c, ec, 4294967297ull, 4294967298ull);
  out += format_map(c, ec, 0, 4294967295ull);
  out += format_maps_at_exit(
      {contents(c, {}), contents(m, {}), contents(t, {}), contents(u, {}), contents(x, {})});
  EXPECT_EQ(out, kTopdivMisc);
}

// An empty map prints one newline, or two for avg and stats maps.
TEST(OutputExit, EmptyMaps) {
  const Type lt = lhist_type(0, 10, 1);
  MapSpec a = spec("@a", &kI64, kAvg), c = spec("@c", &kI64, kCount), h = spec("@h", &kI64, kHist),
          l = spec("@l", &kI64, lt), s = spec("@s", &kI64, kStats), str = spec("@str", &kI64, kStr),
          v = spec("@v", &kI64, kI64);
  std::string out =
      format_maps_at_exit({contents(a, {}), contents(c, {}), contents(h, {}), contents(l, {}),
                           contents(s, {}), contents(str, {}), contents(v, {})});
  EXPECT_EQ(out, kEmpty);
}

// zero(): all-zero histograms print only their "@h[k]: " line.
TEST(OutputExit, ZeroedMaps) {
  MapSpec a = spec("@a", &kI64, kAvg), c = spec("@c", &kI64, kCount), h = spec("@h", &kI64, kHist),
          mi = spec("@mi", &kI64, kMin), s = spec("@s", &kI64, kStats);
  std::vector<uint8_t> zero_hist(kHistBuckets * 8 * kCpus, 0);
  std::vector<uint8_t> zero16(16 * kCpus, 0);
  std::string out = format_maps_at_exit({
      contents(a, {{ikey(1), zero16}}),
      contents(c, {{ikey(1), std::vector<uint8_t>(8 * kCpus, 0)}}),
      contents(h, {{ikey(2), zero_hist}, {ikey(1), zero_hist}}),
      contents(mi, {{ikey(1), zero16}}),
      contents(s, {{ikey(1), zero16}}),
  });
  EXPECT_EQ(out, kZeroed);
}

// Integer division truncates toward zero; an unsigned total is still shown signed.
TEST(OutputValues, AvgAndStatsOfNegatives) {
  MapSpec a = spec("@a", nullptr, kAvg), b = spec("@b", nullptr, kAvg),
          c = spec("@c", nullptr, kStats), d = spec("@d", nullptr, kStats);
  std::string out = format_maps_at_exit({
      contents(a, {{kNoKey, avg_v(-5, 2)}}),
      contents(b, {{kNoKey, avg_v(-1, 1)}}),
      contents(c, {{kNoKey, avg_v(-1, 1)}}),
      contents(d, {{kNoKey, avg_v(-5, 2)}}),
  });
  EXPECT_EQ(out, kAvgneg);
}

TEST(OutputExit, NamesInByteOrder) {
  MapSpec m[] = {spec("@", nullptr, kI64),   spec("@Z", nullptr, kI64), spec("@_", nullptr, kI64),
                 spec("@_a", nullptr, kI64), spec("@a", nullptr, kI64), spec("@a1", nullptr, kI64),
                 spec("@a_", nullptr, kI64), spec("@aa", nullptr, kI64)};
  const int64_t values[] = {6, 5, 8, 4, 7, 3, 2, 1};
  std::vector<MapContents> maps;
  for (size_t i = 0; i < 8; i++) maps.push_back(contents(m[i], {{kNoKey, Bytes().i64(values[i])}}));
  EXPECT_EQ(format_maps_at_exit(maps), kNames);
}

TEST(OutputValues, PrintValue) {
  const Type inner = tuple_type({&kI64, &kI64});
  const Type t1 = tuple_type({&kI64, &kStr, &inner});
  const Type t2 = tuple_type({&kU64, &kU64, &kI64});
  std::string out;
  out += format_value(kI64, Bytes().i64(5).b.data()) + "\n";
  out += format_value(kI64, Bytes().i64(-5).b.data()) + "\n";
  out += format_value(kStr, Bytes().str("abc").b.data()) + "\n";
  out += format_value(t1, Bytes().i64(1).str("a").i64(2).i64(-3).b.data()) + "\n";
  out += format_value(kU64, Bytes().u64(~0ull).b.data()) + "\n";
  out += format_value(kU64, Bytes().u64(4294967295).b.data()) + "\n";
  out += format_value(kI64, Bytes().i64(-2).b.data()) + "\n";
  out += format_value(t2, Bytes().u64(~0ull).u64(4294967295).i64(-1).b.data()) + "\n";
  out += format_maps_at_exit({});
  EXPECT_EQ(out, kPrintValues);
}

// Narrow integers are extended by their signedness; a string fills its buffer without a NUL.
TEST(OutputValues, NarrowIntsAndFullStrings) {
  const Type u32{.kind = Kind::Int, .is_signed = false, .size = 4};
  const Type s8{.kind = Kind::Int, .is_signed = true, .size = 1};
  const Type s3{.kind = Kind::Str, .size = 3};
  const uint8_t ff[4] = {0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(format_value(u32, ff), "4294967295");
  EXPECT_EQ(format_value(s8, ff), "-1");
  EXPECT_EQ(format_key(s8, ff), "-1");
  EXPECT_EQ(format_key(u32, ff), "4294967295");
  const uint8_t abc[3] = {'a', 'b', 'c'};
  EXPECT_EQ(format_value(s3, abc), "abc");
}

// Histogram labels above the range bpftrace 0.17's hist() reaches continue the pattern.
TEST(OutputHist, LabelsBeyondFourG) {
  MapSpec h = spec("@h", nullptr, kHist);
  std::vector<uint64_t> counts(kHistBuckets, 0);
  counts[42] = 1; // [1T, 2T)
  counts[65] = 1; // [8E, 16E)
  std::string out = format_map(h, {{kNoKey, buckets_v(counts)}});
  EXPECT_NE(out.find("\n[1T, 2T)               1 |"), std::string::npos) << out;
  EXPECT_NE(out.find("\n[4E, 8E)               0 |"), std::string::npos) << out;
  EXPECT_NE(out.find("\n[8E, 16E)              1 |"), std::string::npos) << out;
}

// A map that is not per-CPU holds one copy of the value.
TEST(OutputValues, NotPerCpu) {
  MapSpec c{"@c", "AT_c", &kI64, &kCount, false};
  EXPECT_EQ(format_map(c, {{ikey(1), Bytes().u64(3)}, {ikey(2), Bytes().u64(1)}}),
            "@c[2]: 1\n@c[1]: 3\n");
}

TEST(OutputTimestamp, FormatsAndErrors) {
  // "%f" is the microseconds, the same in both places.
  std::string us = format_timestamp("%f %f", 1234567891);
  ASSERT_EQ(us.size(), 13u);
  EXPECT_EQ(us.substr(0, 6), us.substr(7));
  // glibc keeps an unknown conversion; results longer than 63 bytes and empty results are errors.
  EXPECT_EQ(format_timestamp("%Q", 1000000000), "%Q");
  testing::internal::CaptureStderr();
  EXPECT_EQ(format_timestamp("", 1), "(?)");
  EXPECT_EQ(format_timestamp("%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Yabcd", 1), "(?)");
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "ERROR: strftime returned 0\nERROR: strftime returned 0\n");
  EXPECT_EQ(format_timestamp("%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Yabc", 1).size(), 63u);
  // One second later is one second later.
  long a = std::stol(format_timestamp("%s", 5000000000));
  long b = std::stol(format_timestamp("%s", 6000000000));
  EXPECT_EQ(b - a, 1);
}

// Records and arrays in btc's value layout (manifest.h): members at their declared widths,
// printed as bpftrace 0.17 prints `@ = curtask->signal->rlim[7]` and `@[...] = count()` on
// records: `{ .a = 1, .b = [1,2] }` as values, `{.a=1,.b=[1,2]}` with signed integers in keys;
// char arrays as strings. Bools print as current bpftrace's `true` and `false`.
TEST(OutputValues, RecordsArraysAndBools) {
  const Type s32{.kind = Kind::Int, .is_signed = true, .size = 4};
  const Type u8{.kind = Kind::Int, .size = 1};
  const Type u64{.kind = Kind::Int, .size = 8};
  const Type name{.kind = Kind::Str, .size = 6};
  const Field elem[] = {{&u8, 0}};
  const Type bytes{.kind = Kind::Array, .size = 3, .fields = elem, .num_fields = 1, .count = 3};
  const Field members[] = {{&s32, 0, "a"}, {&name, 4, "name"}, {&bytes, 10, "b"}, {&u64, 16, "c"}};
  const Type rec{.kind = Kind::Record, .size = 24, .fields = members, .num_fields = 4};
  const Type flag{.kind = Kind::Bool};
  MapSpec r = spec("@r", nullptr, rec), k = spec("@k", &rec, kCount), f = spec("@f", &flag, flag);
  auto value = [](int32_t a, const std::string& s, uint64_t c) {
    std::vector<uint8_t> v(24, 0);
    std::memcpy(v.data(), &a, 4);
    std::memcpy(v.data() + 4, s.data(), s.size());
    v[10] = 1, v[11] = 2, v[12] = 255;
    std::memcpy(v.data() + 16, &c, 8);
    return v;
  };
  std::string out = format_maps_at_exit({
      contents(f, {{Bytes().u64(1), Bytes().u64(0)}}),
      contents(k, {{value(-2, "ab", ~0ull), count_v(3)}}),
      contents(r, {{kNoKey, value(-2, "Linux", ~0ull)}}),
  });
  EXPECT_EQ(out, "\n\n@f[true]: false\n"
                 "@k[{.a=-2,.name=ab,.b=[1,2,255],.c=-1}]: 3\n"
                 "@r: { .a = -2, .name = Linux, .b = [1,2,255], .c = 18446744073709551615 }\n");
}
