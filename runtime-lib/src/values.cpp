#include "values.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <map>

namespace btc::rt {
namespace {

uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
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

StackReader& stack_reader() {
  static StackReader reader;
  return reader;
}

struct Truncation {
  uint32_t size = 0;
  std::string trailer;
};

Truncation& truncation() {
  static Truncation t;
  return t;
}

// The CPUs' copies of one tseries slot, combined: those of the latest interval, by the
// aggregation (meta: the time of a Last value, the count of an Avg).
SeriesPoint combine_slots(const Type& t, const std::vector<btc_tseries_slot>& slots) {
  uint64_t epoch = 0;
  for (const btc_tseries_slot& s : slots) epoch = std::max(epoch, s.epoch);
  bool first = true;
  btc_tseries_slot out{};
  auto less = [&](int64_t a, int64_t b) {
    return t.is_signed ? a < b : static_cast<uint64_t>(a) < static_cast<uint64_t>(b);
  };
  for (const btc_tseries_slot& s : slots) {
    if (s.epoch != epoch) continue;
    if (first) {
      out = s;
      first = false;
      continue;
    }
    switch (t.tseries_agg) {
    case TSeriesAgg::Last:
      if (s.meta > out.meta) out = s;
      break;
    case TSeriesAgg::Avg:
    case TSeriesAgg::Sum:
      out.value =
          static_cast<int64_t>(static_cast<uint64_t>(out.value) + static_cast<uint64_t>(s.value));
      out.meta += s.meta;
      break;
    case TSeriesAgg::Max:
      if (less(out.value, s.value)) out.value = s.value;
      break;
    case TSeriesAgg::Min:
      if (less(s.value, out.value)) out.value = s.value;
      break;
    }
  }
  uint64_t value = static_cast<uint64_t>(out.value);
  if (t.tseries_agg == TSeriesAgg::Avg && out.meta != 0)
    value = t.is_signed ? static_cast<uint64_t>(out.value / static_cast<int64_t>(out.meta))
                        : value / out.meta;
  return {epoch, value, true};
}

// Every key's series from its first interval within the last tseries_count of the map's
// latest one (all keys end there, as in bpftrace) to that one, one point per interval.
void place_series(const Type& t, std::vector<MapItem>& items) {
  uint64_t last = 0;
  for (const MapItem& item : items)
    for (const SeriesPoint& p : item.value.series) last = std::max(last, p.start_ns);
  for (MapItem& item : items) {
    std::map<uint64_t, uint64_t> by_epoch;
    for (const SeriesPoint& p : item.value.series)
      if (p.start_ns + t.tseries_count > last) by_epoch[p.start_ns] = p.value;
    item.value.series.clear();
    if (by_epoch.empty()) continue;
    for (uint64_t e = by_epoch.begin()->first; e <= last; e++) {
      auto found = by_epoch.find(e);
      item.value.series.push_back({e * t.tseries_interval,
                                   found != by_epoch.end() ? found->second : 0,
                                   found != by_epoch.end()});
    }
  }
}

uint32_t bucket_count(const Type& t) {
  return t.kind == Kind::Hist ? hist_buckets(t.count) : lhist_buckets(t);
}

} // namespace

void set_stack_reader(StackReader reader) {
  stack_reader() = std::move(reader);
}

void set_truncation_trailer(uint32_t size, std::string trailer) {
  truncation() = {size, std::move(trailer)};
}

bool gets_truncation_trailer(uint32_t size, size_t length) {
  const Truncation& cut = truncation();
  return !cut.trailer.empty() && size == cut.size && length + 1 == size;
}

Value decode_combined(const Type& type, const uint8_t* data, size_t stride, size_t ncpus) {
  Value v;
  v.type = &type;
  auto cpu = [&](size_t i) { return data + i * stride; };
  switch (type.kind) {
  case Kind::Int:
    v.num = load_int(type, data);
    break;
  case Kind::Str: {
    const char* s = reinterpret_cast<const char*>(data);
    v.str.assign(s, strnlen(s, type.size));
    // bpftrace's test: a string read into a max_strlen buffer that it fills (NUL included)
    // is taken as cut short.
    if (gets_truncation_trailer(type.size, v.str.size())) v.str += truncation().trailer;
    break;
  }
  case Kind::Tuple:
    for (uint32_t i = 0; i < type.num_fields; i++)
      v.fields.push_back(decode_value(*type.fields[i].type, data + type.fields[i].offset));
    break;
  case Kind::Record:
    for (uint32_t i = 0; i < type.num_fields; i++)
      v.fields.push_back(decode_value(*type.fields[i].type, data + type.fields[i].offset));
    break;
  case Kind::Array:
    for (uint32_t i = 0; i < type.count; i++)
      v.fields.push_back(decode_value(*type.fields[0].type, data + i * type.fields[0].type->size));
    break;
  case Kind::Bool:
    v.num = std::any_of(data, data + type.size, [](uint8_t b) { return b != 0; });
    break;
  case Kind::Timestamp:
  case Kind::Ksym:
  case Kind::Username:
  case Kind::Strerror:
  case Kind::CgroupPath:
    v.num = load_u64(data);
    break;
  case Kind::Enum:
    v.num = load_int(type, data);
    break;
  case Kind::MacAddr: {
    char text[18];
    std::snprintf(text, sizeof text, "%02X:%02X:%02X:%02X:%02X:%02X", data[0], data[1], data[2],
                  data[3], data[4], data[5]);
    v.str = text;
    break;
  }
  case Kind::Inet: {
    // bpftrace prints an address of any other family as an empty string.
    int64_t af = static_cast<int64_t>(load_u64(data));
    char text[INET6_ADDRSTRLEN] = "";
    if (af == AF_INET || af == AF_INET6)
      inet_ntop(static_cast<int>(af), data + offsetof(btc_inet, addr), text, sizeof text);
    v.str = text;
    break;
  }
  case Kind::Buffer: {
    uint32_t len;
    std::memcpy(&len, data, sizeof len);
    v.str.assign(reinterpret_cast<const char*>(data) + 4, std::min<uint32_t>(len, type.size - 4));
    break;
  }
  case Kind::Stack:
    v.num = load_u64(data);
    if (v.as_signed() >= 0 && stack_reader()) v.frames = stack_reader()(type, v.as_signed());
    break;
  case Kind::UStack: {
    uint64_t word = load_u64(data);
    v.num = static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(word)));
    v.pid = static_cast<uint32_t>(word >> 32);
    if (v.as_signed() >= 0 && stack_reader()) v.frames = stack_reader()(type, v.as_signed());
    break;
  }
  case Kind::USym:
    v.num = load_u64(data + offsetof(btc_usym, addr));
    v.pid = static_cast<uint32_t>(load_u64(data + offsetof(btc_usym, tgid)));
    break;
  case Kind::Count:
  case Kind::Sum:
    for (size_t i = 0; i < ncpus; i++) v.num += load_u64(cpu(i));
    break;
  case Kind::Min:
  case Kind::Max: {
    v.is_set = false;
    for (size_t i = 0; i < ncpus; i++) {
      if (load_u64(cpu(i) + 8) == 0) continue;
      int64_t x = static_cast<int64_t>(load_u64(cpu(i)));
      if (!v.is_set || (type.kind == Kind::Max ? x > v.as_signed() : x < v.as_signed()))
        v.num = static_cast<uint64_t>(x);
      v.is_set = true;
    }
    break;
  }
  case Kind::Avg:
  case Kind::Stats: {
    uint64_t total = 0, count = 0;
    for (size_t i = 0; i < ncpus; i++) {
      total += load_u64(cpu(i));
      count += load_u64(cpu(i) + 8);
    }
    v.total = static_cast<int64_t>(total);
    v.count = static_cast<int64_t>(count);
    break;
  }
  case Kind::Hist:
  case Kind::LHist:
    v.buckets.assign(bucket_count(type), 0);
    for (size_t i = 0; i < ncpus; i++)
      for (size_t k = 0; k < v.buckets.size(); k++) v.buckets[k] += load_u64(cpu(i) + 8 * k);
    break;
  case Kind::TSeries:
    // Each slot's latest interval, its epoch in start_ns until decode_map places the series.
    for (uint32_t k = 0; k < type.tseries_count; k++) {
      std::vector<btc_tseries_slot> slots;
      for (size_t i = 0; i < ncpus; i++) {
        btc_tseries_slot s;
        std::memcpy(&s, cpu(i) + k * sizeof s, sizeof s);
        if (s.epoch != 0) slots.push_back(s);
      }
      if (!slots.empty()) v.series.push_back(combine_slots(type, slots));
    }
    break;
  }
  return v;
}

Value decode_value(const Type& type, const uint8_t* data) {
  return decode_combined(type, data, 0, 1);
}

MapSnapshot decode_map(const MapSpec& map, const std::vector<MapEntry>& entries) {
  const Type& vt = *map.value;
  const size_t stride = map.per_cpu ? (vt.size + 7) / 8 * 8 : vt.size;
  MapSnapshot snap;
  snap.map = &map;
  snap.items.reserve(entries.size());
  for (const MapEntry& e : entries) {
    if (e.value.size() < vt.size || (map.key && e.key.size() < map.key->size)) continue;
    size_t ncpus = map.per_cpu && stride ? e.value.size() / stride : 1;
    MapItem item;
    if (map.key) item.key = decode_value(*map.key, e.key.data());
    item.value = decode_combined(vt, e.value.data(), stride, ncpus);
    snap.items.push_back(std::move(item));
  }
  if (vt.kind == Kind::TSeries) place_series(vt, snap.items);
  return snap;
}

} // namespace btc::rt
