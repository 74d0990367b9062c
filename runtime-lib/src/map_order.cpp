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

uint64_t bucket_total(const Value& v) {
  return std::accumulate(v.buckets.begin(), v.buckets.end(), uint64_t{0});
}

// By ascending value; equal values by ascending key (bpftrace 0.17 leaves ties in hash-table
// order, which changes from run to run: docs/differences.md).
template <typename Metric> void sort_by(std::vector<MapItem>& items, bool has_key, Metric metric) {
  std::stable_sort(items.begin(), items.end(), [&](const MapItem& a, const MapItem& b) {
    auto ma = metric(a.value), mb = metric(b.value);
    if (ma != mb) return ma < mb;
    return has_key && compare_key(a.key, b.key, true) < 0;
  });
}

} // namespace

void sort_for_print(MapSnapshot& snap) {
  std::vector<MapItem>& items = snap.items;
  const Type& vt = *snap.map->value;
  const bool has_key = snap.map->key != nullptr;
  switch (vt.kind) {
  case Kind::Count:
    sort_by(items, has_key, [](const Value& v) { return v.num; });
    break;
  case Kind::Sum:
  case Kind::Int:
  case Kind::Enum:
    if (vt.is_signed)
      sort_by(items, has_key, [](const Value& v) { return v.as_signed(); });
    else
      sort_by(items, has_key, [](const Value& v) { return v.num; });
    break;
  case Kind::Min:
  case Kind::Max:
    sort_by(items, has_key, [](const Value& v) { return v.as_signed(); });
    break;
  case Kind::Avg:
  case Kind::Stats:
    sort_by(items, has_key, [](const Value& v) { return v.average(); });
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
    if (has_key)
      std::stable_sort(items.begin(), items.end(), [](const MapItem& a, const MapItem& b) {
        return compare_key(a.key, b.key, false) < 0;
      });
    break;
  }
}

} // namespace btc::rt
