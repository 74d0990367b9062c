#include "map_order.h"

#include <algorithm>
#include <compare>
#include <numeric>

namespace btc::rt {
namespace {

// Keys compared field by field, strings bytewise up to their NUL, integers as signed (the way
// keys print) or, for bpftrace's sort of maps by key, as unsigned.
std::weak_ordering compare_key(const Value& a, const Value& b, bool signed_ints) {
  switch (a.kind()) {
  case Kind::Str:
  case Kind::Inet:
  case Kind::MacAddr:
  case Kind::Buffer:
    return a.str <=> b.str;
  case Kind::Tuple:
  case Kind::Record:
  case Kind::Array:
    for (size_t i = 0; i < a.fields.size() && i < b.fields.size(); i++)
      if (auto c = compare_key(a.fields[i], b.fields[i], signed_ints); c != 0) return c;
    return std::weak_ordering::equivalent;
  case Kind::Int:
  case Kind::Enum:
    return signed_ints ? a.as_signed() <=> b.as_signed() : a.num <=> b.num;
  case Kind::UStack:
  case Kind::USym:
    if (a.pid != b.pid) return a.pid <=> b.pid;
    return a.num <=> b.num;
  default:
    return a.num <=> b.num;
  }
}

// A value's place in the order of its map: every metric is an int64 or a uint64, both of which a
// signed 128-bit integer holds exactly.
using Metric = __int128 (*)(const Value& v);

__int128 unsigned_num(const Value& v) {
  return v.num;
}
__int128 signed_num(const Value& v) {
  return v.as_signed();
}
__int128 average(const Value& v) {
  return v.average();
}
__int128 bucket_total(const Value& v) {
  return std::accumulate(v.buckets.begin(), v.buckets.end(), uint64_t{0});
}

// By ascending `metric` (none: all equal); equal values by ascending key, integers in keys
// compared as signed after a metric and as unsigned without one (bpftrace 0.17 leaves ties in
// hash-table order, which changes from run to run: docs/differences.md). One stable sort of
// indices serves every order: a sort instantiated per metric cost 20 KB in every tool.
void sort_by(std::vector<MapItem>& items, bool has_key, Metric metric) {
  std::vector<__int128> m(items.size());
  if (metric)
    for (size_t i = 0; i < items.size(); i++) m[i] = metric(items[i].value);
  const bool signed_keys = metric != nullptr;
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (m[a] != m[b]) return m[a] < m[b];
    return has_key && compare_key(items[a].key, items[b].key, signed_keys) < 0;
  });
  std::vector<MapItem> sorted;
  sorted.reserve(items.size());
  for (size_t i : order) sorted.push_back(std::move(items[i]));
  items = std::move(sorted);
}

} // namespace

void sort_for_print(MapSnapshot& snap) {
  std::vector<MapItem>& items = snap.items;
  const Type& vt = *snap.map->value;
  const bool has_key = snap.map->key != nullptr;
  switch (vt.kind) {
  case Kind::Count:
    sort_by(items, has_key, unsigned_num);
    break;
  case Kind::Sum:
  case Kind::Int:
  case Kind::Enum:
    sort_by(items, has_key, vt.is_signed ? signed_num : unsigned_num);
    break;
  case Kind::Min:
  case Kind::Max:
    sort_by(items, has_key, signed_num);
    break;
  case Kind::Avg:
  case Kind::Stats:
    sort_by(items, has_key, average);
    break;
  case Kind::Hist:
  case Kind::LHist:
    sort_by(items, has_key, bucket_total);
    break;
  case Kind::Str:
  case Kind::Tuple:
  case Kind::Timestamp:
  case Kind::Stack:
  case Kind::Ksym:
  case Kind::Username:
  case Kind::Strerror:
  case Kind::Inet:
  case Kind::MacAddr:
  case Kind::CgroupPath:
  case Kind::Buffer:
  case Kind::Record:
  case Kind::Array:
  case Kind::Bool:
  case Kind::UStack:
  case Kind::USym:
  case Kind::TSeries:
    if (has_key) sort_by(items, has_key, nullptr);
    break;
  }
}

} // namespace btc::rt
