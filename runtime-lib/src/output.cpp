// Text output of values and maps as bpftrace 0.17 prints them (see docs/output-format.md).
#include "btc/output.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <numeric>

namespace btc::rt {
namespace {

constexpr int kBarWidth = 52;

uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

int64_t load_i64(const uint8_t* p) {
  return static_cast<int64_t>(load_u64(p));
}

// An Int of `size` bytes, sign- or zero-extended to 64 bits.
uint64_t load_int(const Type& t, const uint8_t* p) {
  switch (t.size) {
  case 1:
    return t.is_signed ? static_cast<uint64_t>(static_cast<int8_t>(p[0])) : p[0];
  case 2: {
    uint16_t v;
    std::memcpy(&v, p, sizeof v);
    return t.is_signed ? static_cast<uint64_t>(static_cast<int16_t>(v)) : v;
  }
  case 4: {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return t.is_signed ? static_cast<uint64_t>(static_cast<int32_t>(v)) : v;
  }
  default:
    return load_u64(p);
  }
}

std::string load_str(const Type& t, const uint8_t* p) {
  const char* s = reinterpret_cast<const char*>(p);
  return std::string(s, strnlen(s, t.size));
}

int64_t signed_div(int64_t v, uint32_t div) {
  return v / static_cast<int64_t>(div);
}

// --- per-CPU reduction ----------------------------------------------------------------------

struct Copies {
  const uint8_t* data;
  size_t stride;
  size_t ncpus;
  const uint8_t* cpu(size_t i) const { return data + i * stride; }
};

uint64_t reduce_sum(const Copies& c) {
  uint64_t s = 0;
  for (size_t i = 0; i < c.ncpus; i++) s += load_u64(c.cpu(i));
  return s;
}

int64_t reduce_minmax(const Copies& c, bool is_max) {
  bool any = false;
  int64_t r = 0;
  for (size_t i = 0; i < c.ncpus; i++) {
    const uint8_t* p = c.cpu(i);
    if (load_u64(p + 8) == 0) continue;
    int64_t v = load_i64(p);
    if (!any || (is_max ? v > r : v < r)) r = v;
    any = true;
  }
  return r;
}

struct AvgValue {
  int64_t total = 0;
  int64_t count = 0;
  int64_t average() const { return count != 0 ? total / count : 0; }
};

AvgValue reduce_avg(const Copies& c) {
  uint64_t total = 0, count = 0;
  for (size_t i = 0; i < c.ncpus; i++) {
    total += load_u64(c.cpu(i));
    count += load_u64(c.cpu(i) + 8);
  }
  return {static_cast<int64_t>(total), static_cast<int64_t>(count)};
}

std::vector<uint64_t> reduce_buckets(const Copies& c, uint32_t nbuckets) {
  std::vector<uint64_t> b(nbuckets, 0);
  for (size_t i = 0; i < c.ncpus; i++)
    for (uint32_t k = 0; k < nbuckets; k++) b[k] += load_u64(c.cpu(i) + 8 * k);
  return b;
}

uint32_t bucket_count(const Type& t) {
  return t.kind == Kind::Hist ? kHistBuckets : lhist_buckets(t);
}

// --- histograms -----------------------------------------------------------------------------

std::string power_label(uint32_t power) {
  static constexpr struct {
    uint32_t power;
    char suffix;
  } kSuffixes[] = {{60, 'E'}, {50, 'P'}, {40, 'T'}, {30, 'G'}, {20, 'M'}, {10, 'K'}};
  for (const auto& s : kSuffixes)
    if (power >= s.power) return std::to_string(uint64_t{1} << (power - s.power)) + s.suffix;
  return std::to_string(uint64_t{1} << power);
}

std::string lhist_label(int64_t n) {
  if (n == 0) return "0";
  if (n % 1048576 == 0) return std::to_string(n / 1048576) + "M";
  if (n % 1024 == 0) return std::to_string(n / 1024) + "K";
  return std::to_string(n);
}

std::string pad_right(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string pad_left(const std::string& s, size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

// Rows from the first to the last non-zero bucket; "" when all are zero. Bars are scaled to the
// largest (undivided) bucket in float arithmetic; counts are shown divided by `div`.
template <typename LabelFn>
std::string histogram_rows(const std::vector<uint64_t>& values, uint32_t div, LabelFn label) {
  int first = -1, last = -1;
  uint64_t max_value = 0;
  for (size_t i = 0; i < values.size(); i++) {
    if (values[i] > 0) {
      if (first == -1) first = static_cast<int>(i);
      last = static_cast<int>(i);
    }
    max_value = std::max(max_value, values[i]);
  }
  if (last == -1) return "";
  std::string out;
  for (int i = first; i <= last; i++) {
    uint64_t v = values[i];
    int bar = static_cast<int>(static_cast<float>(v) / static_cast<float>(max_value) *
                               static_cast<float>(kBarWidth));
    out += pad_right(label(i), 16);
    out += pad_left(std::to_string(v / div), 8);
    out += " |";
    out += pad_right(std::string(bar, '@'), kBarWidth);
    out += "|\n";
  }
  return out;
}

std::string hist_rows(const std::vector<uint64_t>& values, uint32_t div) {
  return histogram_rows(values, div, [](int i) -> std::string {
    if (i == 0) return "(..., 0)";
    if (i == 1) return "[0]";
    if (i == 2) return "[1]";
    return "[" + power_label(i - 2) + ", " + power_label(i - 1) + ")";
  });
}

std::string lhist_rows(const Type& t, const std::vector<uint64_t>& values) {
  const int64_t buckets = (t.lhist_max - t.lhist_min) / t.lhist_step;
  return histogram_rows(values, 1, [&](int i) -> std::string {
    if (i == 0) return "(..., " + lhist_label(t.lhist_min) + ")";
    if (i == buckets + 1) return "[" + lhist_label(t.lhist_max) + ", ...)";
    return "[" + lhist_label((i - 1) * t.lhist_step + t.lhist_min) + ", " +
           lhist_label(i * t.lhist_step + t.lhist_min) + ")";
  });
}

// --- values ---------------------------------------------------------------------------------

std::string value_text(const Type& t, const Copies& c, uint32_t div);

std::string tuple_text(const Type& t, const uint8_t* data, uint32_t div) {
  std::string out = "(";
  for (uint32_t i = 0; i < t.num_fields; i++) {
    if (i) out += ", ";
    const Field& f = t.fields[i];
    out += value_text(*f.type, Copies{data + f.offset, 0, 1}, div);
  }
  return out + ")";
}

std::string stats_text(const AvgValue& a) {
  return "count " + std::to_string(a.count) + ", average " + std::to_string(a.average()) +
         ", total " + std::to_string(a.total);
}

std::string value_text(const Type& t, const Copies& c, uint32_t div) {
  switch (t.kind) {
  case Kind::Int: {
    uint64_t v = load_int(t, c.data);
    return t.is_signed ? std::to_string(signed_div(static_cast<int64_t>(v), div))
                       : std::to_string(v / div);
  }
  case Kind::Str:
    return load_str(t, c.data);
  case Kind::Tuple:
    return tuple_text(t, c.data, div);
  case Kind::Timestamp:
    return format_timestamp(t.strftime_fmt, load_u64(c.data));
  case Kind::Count:
    return std::to_string(reduce_sum(c) / div);
  case Kind::Sum: {
    uint64_t v = reduce_sum(c);
    return t.is_signed ? std::to_string(signed_div(static_cast<int64_t>(v), div))
                       : std::to_string(v / div);
  }
  case Kind::Min:
  case Kind::Max:
    return std::to_string(signed_div(reduce_minmax(c, t.kind == Kind::Max), div));
  case Kind::Avg:
    return std::to_string(signed_div(reduce_avg(c).average(), div));
  case Kind::Stats:
    return stats_text(reduce_avg(c));
  case Kind::Hist:
    return hist_rows(reduce_buckets(c, kHistBuckets), div);
  case Kind::LHist:
    return lhist_rows(t, reduce_buckets(c, lhist_buckets(t)));
  }
  return "";
}

std::string key_elem_text(const Type& t, const uint8_t* data) {
  if (t.kind == Kind::Int) return std::to_string(static_cast<int64_t>(load_int(t, data)));
  return value_text(t, Copies{data, 0, 1}, 1);
}

// Orders keys like bpftrace's sort by key: field by field, integers as unsigned, strings as C
// strings, anything else by its bytes.
int compare_key_elem(const Type& t, const uint8_t* a, const uint8_t* b) {
  switch (t.kind) {
  case Kind::Int: {
    uint64_t x = load_int(t, a), y = load_int(t, b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  case Kind::Str:
    return strncmp(reinterpret_cast<const char*>(a), reinterpret_cast<const char*>(b), t.size);
  default:
    return std::memcmp(a, b, t.size);
  }
}

bool key_less(const Type& t, const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  if (a.size() < t.size || b.size() < t.size) return a < b;
  if (t.kind != Kind::Tuple) return compare_key_elem(t, a.data(), b.data()) < 0;
  for (uint32_t i = 0; i < t.num_fields; i++) {
    const Field& f = t.fields[i];
    int c = compare_key_elem(*f.type, a.data() + f.offset, b.data() + f.offset);
    if (c != 0) return c < 0;
  }
  return false;
}

} // namespace

// --- timestamps -------------------------------------------------------------------------------

namespace {

struct TimeBase {
  int64_t sec = 0;
  int64_t nsec = 0;
};

TimeBase& time_base() {
  static TimeBase base;
  return base;
}

std::once_flag time_base_once;

void sample_time_base() {
  timespec real{}, boot{};
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_BOOTTIME, &boot);
  int64_t sec = real.tv_sec - boot.tv_sec;
  int64_t nsec = real.tv_nsec - boot.tv_nsec;
  if (nsec < 0) {
    nsec += 1000000000;
    sec -= 1;
  }
  time_base() = {sec, nsec};
}

} // namespace

void init_timestamp_base() {
  std::call_once(time_base_once, sample_time_base);
}

std::string format_timestamp(const char* strftime_fmt, uint64_t nsecs) {
  init_timestamp_base();
  const TimeBase& base = time_base();
  uint64_t nsec = static_cast<uint64_t>(base.nsec) + nsecs % 1000000000;
  time_t sec = static_cast<time_t>(base.sec + static_cast<int64_t>(nsecs / 1000000000) +
                                   static_cast<int64_t>(nsec / 1000000000));
  nsec %= 1000000000;

  char usec[16];
  std::snprintf(usec, sizeof usec, "%06llu", static_cast<unsigned long long>(nsec / 1000));
  std::string fmt;
  for (const char* p = strftime_fmt ? strftime_fmt : ""; *p; p++) {
    if (p[0] == '%' && p[1] == 'f') {
      fmt += usec;
      p++;
    } else {
      fmt += *p;
    }
  }

  struct tm tm {};
  char buf[64];
  if (!localtime_r(&sec, &tm) || std::strftime(buf, sizeof buf, fmt.c_str(), &tm) == 0) {
    std::fputs("ERROR: strftime returned 0\n", stderr);
    return "(?)";
  }
  return buf;
}

// --- public formatting ------------------------------------------------------------------------

std::string format_value(const Type& type, const uint8_t* data) {
  return value_text(type, Copies{data, 0, 1}, 1);
}

std::string format_key(const Type& key, const uint8_t* data) {
  if (key.kind != Kind::Tuple) return key_elem_text(key, data);
  std::string out;
  for (uint32_t i = 0; i < key.num_fields; i++) {
    if (i) out += ", ";
    out += key_elem_text(*key.fields[i].type, data + key.fields[i].offset);
  }
  return out;
}

std::string format_map(const MapSpec& map, std::vector<MapEntry> entries, uint64_t top64,
                       uint64_t div64) {
  const Type& vt = *map.value;
  const uint32_t top = static_cast<uint32_t>(top64);
  uint32_t div = static_cast<uint32_t>(div64);
  if (div == 0) div = 1;

  const size_t stride = map.per_cpu ? (vt.size + 7) / 8 * 8 : vt.size;
  auto copies = [&](const MapEntry& e) {
    size_t n = map.per_cpu && stride ? e.value.size() / stride : 1;
    return Copies{e.value.data(), stride, n};
  };
  // Drops entries whose value is too short to read (never expected from the kernel).
  std::erase_if(entries, [&](const MapEntry& e) { return e.value.size() < vt.size; });

  std::vector<size_t> order(entries.size());
  std::iota(order.begin(), order.end(), 0);

  // bpftrace sorts with std::sort, so ties keep an order that depends on the input order:
  // kernel order for count/sum/min/max/int maps, key bytes for avg/stats/hist/lhist maps.
  auto sort_by = [&](auto metric) {
    using M = decltype(metric(entries[0]));
    std::vector<M> m;
    m.reserve(entries.size());
    for (const auto& e : entries) m.push_back(metric(e));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return m[a] < m[b]; });
  };
  auto sort_by_key_bytes = [&]() {
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return entries[a].key < entries[b].key; });
  };

  // bpftrace 0.17 shows a count() map without keys as 0 when it has no entry (never fired,
  // cleared or deleted).
  if (entries.empty() && vt.kind == Kind::Count && !map.key) return map.name + std::string(": 0\n");

  std::string blank_after = "\n";
  bool hist_style = false;
  bool apply_top = true;
  if (!entries.empty()) {
    switch (vt.kind) {
    case Kind::Count:
      sort_by([&](const MapEntry& e) { return reduce_sum(copies(e)); });
      break;
    case Kind::Sum:
    case Kind::Int:
      if (vt.is_signed) {
        sort_by([&](const MapEntry& e) {
          Copies c = copies(e);
          return vt.kind == Kind::Int ? static_cast<int64_t>(load_int(vt, c.data))
                                      : static_cast<int64_t>(reduce_sum(c));
        });
      } else {
        sort_by([&](const MapEntry& e) {
          Copies c = copies(e);
          return vt.kind == Kind::Int ? load_int(vt, c.data) : reduce_sum(c);
        });
      }
      break;
    case Kind::Min:
    case Kind::Max:
      sort_by([&](const MapEntry& e) { return reduce_minmax(copies(e), vt.kind == Kind::Max); });
      break;
    case Kind::Avg:
    case Kind::Stats:
      sort_by_key_bytes();
      sort_by([&](const MapEntry& e) { return reduce_avg(copies(e)).average(); });
      break;
    case Kind::Hist:
    case Kind::LHist:
      sort_by_key_bytes();
      sort_by([&](const MapEntry& e) {
        auto b = reduce_buckets(copies(e), bucket_count(vt));
        return std::accumulate(b.begin(), b.end(), uint64_t{0});
      });
      break;
    case Kind::Str:
    case Kind::Tuple:
    case Kind::Timestamp:
      if (map.key)
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
          return key_less(*map.key, entries[a].key, entries[b].key);
        });
      break;
    }
  }
  switch (vt.kind) {
  case Kind::Avg:
    blank_after = "\n\n";
    break;
  case Kind::Stats:
    blank_after = "\n\n";
    apply_top = false; // bpftrace ignores top and div for stats maps
    div = 1;
    break;
  case Kind::Hist:
  case Kind::LHist:
    hist_style = true;
    break;
  default:
    break;
  }

  size_t skip = 0;
  if (apply_top && top != 0 && order.size() > top) skip = order.size() - top;

  std::string out;
  for (size_t i = skip; i < order.size(); i++) {
    const MapEntry& e = entries[order[i]];
    if (i > skip) out += "\n";
    out += map.name;
    if (map.key) {
      out += "[";
      if (e.key.size() >= map.key->size) out += format_key(*map.key, e.key.data());
      out += "]";
    }
    out += hist_style ? ": \n" : ": ";
    out += value_text(vt, copies(e), div);
  }
  return out + blank_after;
}

std::string format_maps_at_exit(std::vector<MapContents> maps) {
  std::string out = "\n\n";
  for (auto& m : maps) out += format_map(*m.map, std::move(m.entries));
  return out;
}

} // namespace btc::rt
