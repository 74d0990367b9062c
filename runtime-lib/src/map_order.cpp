#include "map_order.h"

#include <algorithm>
#include <compare>
#include <numeric>

namespace btc::rt {
namespace {

// Keys of maps sorted by key compare like bpftrace's sort: field by field, integers as
// unsigned, strings bytewise up to their NUL.
std::weak_ordering compare_key(const Value& a, const Value& b) {
  switch (a.kind()) {
  case Kind::Str:
    return a.str <=> b.str;
  case Kind::Tuple:
    for (size_t i = 0; i < a.fields.size() && i < b.fields.size(); i++)
      if (auto c = compare_key(a.fields[i], b.fields[i]); c != 0) return c;
    return std::weak_ordering::equivalent;
  default:
    return a.num <=> b.num;
  }
}

uint64_t bucket_total(const Value& v) {
  return std::accumulate(v.buckets.begin(), v.buckets.end(), uint64_t{0});
}

// bpftrace sorts with std::sort, so ties keep an order that depends on the input order:
// kernel order for count/sum/min/max/int maps, key bytes for avg/stats/hist/lhist maps.
template <typename Metric> void sort_by(std::vector<MapItem>& items, Metric metric) {
  std::sort(items.begin(), items.end(),
            [&](const MapItem& a, const MapItem& b) { return metric(a.value) < metric(b.value); });
}

void sort_by_key_bytes(std::vector<MapItem>& items) {
  std::sort(items.begin(), items.end(),
            [](const MapItem& a, const MapItem& b) { return a.key_bytes < b.key_bytes; });
}

} // namespace

void sort_for_print(MapSnapshot& snap) {
  std::vector<MapItem>& items = snap.items;
  const Type& vt = *snap.map->value;
  switch (vt.kind) {
  case Kind::Count:
    sort_by(items, [](const Value& v) { return v.num; });
    break;
  case Kind::Sum:
  case Kind::Int:
    if (vt.is_signed)
      sort_by(items, [](const Value& v) { return v.as_signed(); });
    else
      sort_by(items, [](const Value& v) { return v.num; });
    break;
  case Kind::Min:
  case Kind::Max:
    sort_by(items, [](const Value& v) { return v.as_signed(); });
    break;
  case Kind::Avg:
  case Kind::Stats:
    sort_by_key_bytes(items);
    sort_by(items, [](const Value& v) { return v.average(); });
    break;
  case Kind::Hist:
  case Kind::LHist:
    sort_by_key_bytes(items);
    sort_by(items, bucket_total);
    break;
  case Kind::Str:
  case Kind::Tuple:
  case Kind::Timestamp:
    if (snap.map->key)
      std::stable_sort(items.begin(), items.end(), [](const MapItem& a, const MapItem& b) {
        return compare_key(a.key, b.key) < 0;
      });
    break;
  }
}

} // namespace btc::rt
