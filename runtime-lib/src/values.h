// Decoding: the bytes of map elements and event payloads turned into typed values, with the
// per-CPU copies of aggregations combined. Nothing here knows how a value is shown; the sinks
// (text_sink.h, and later JSON or metrics) render these values.
#pragma once

#include "btc/manifest.h"
#include "btc/output.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace btc::rt {

// One decoded value. `type` says which members are meaningful:
//   Int                 num (sign-extended to 64 bits when type->is_signed)
//   Str                 str (up to the NUL)
//   Tuple               fields; a record of current bpftrace (`(a = 1, b = 2)`) is a tuple
//                       whose fields are named (is_record_tuple())
//   Record              fields: one per member, named by type->fields[i].name
//   Array               fields: the elements
//   Bool                num: 0 or 1
//   Timestamp           num: CLOCK_MONOTONIC nanoseconds
//   Ksym                num: the kernel address
//   Strerror            num: the error number (signed)
//   Stack               num: the stack id (negative: none); frames: the addresses, innermost
//                       first (empty when the kernel had no stack)
//   UStack              num: the stack id (negative: none); pid: the process; frames as Stack
//   USym                num: the user address; pid: the process
//   Count, Sum          num: the sum over CPUs (Sum is signed when type->is_signed)
//   Min, Max            num: the signed min/max over the CPUs that saw a value; is_set says
//                       whether any did (num is 0 otherwise)
//   Avg, Stats          total and count over all CPUs
//   Hist, LHist         buckets summed over CPUs (layout: manifest.h)
//   TSeries             series: one point per interval, oldest first, up to the latest interval
//                       of the whole map (decode_map); intervals without a value are there,
//                       not present
struct SeriesPoint {
  uint64_t start_ns; // boot-clock nanoseconds (Timestamp's clock base)
  uint64_t value;    // signed when the type says so
  bool present;
};

struct Value {
  const Type* type = nullptr;
  uint64_t num = 0;
  bool is_set = true;
  int64_t total = 0;
  int64_t count = 0;
  std::string str;
  std::vector<Value> fields;
  std::vector<uint64_t> buckets;
  std::vector<uint64_t> frames;
  std::vector<SeriesPoint> series;
  uint32_t pid = 0;

  Kind kind() const { return type->kind; }
  // A record `(a = 1, b = 2)`: a tuple with named fields, printed `{ .a = 1, .b = 2 }`.
  bool is_record_tuple() const {
    return type->kind == Kind::Tuple && type->num_fields != 0 && type->fields[0].name != nullptr;
  }
  int64_t as_signed() const { return static_cast<int64_t>(num); }
  // Avg: the integer average bpftrace shows (0 without samples).
  int64_t average() const { return count != 0 ? total / count : 0; }
};

// Reads the frames of stack `id` from the stack map `type.stack_map` names; the tool sets it
// once its maps exist. Without one, every stack decodes as empty.
using StackReader = std::function<std::vector<uint64_t>(const Type& type, int64_t id)>;
void set_stack_reader(StackReader reader);

// A string of `size` bytes (the script's max_strlen) whose text fills it up to its last byte
// was cut there: it decodes with `trailer` (str_trunc_trailer) appended. The tool sets it once;
// without it (or with an empty trailer) strings decode as they are, as in bpftrace 0.17.
void set_truncation_trailer(uint32_t size, std::string trailer);
// Whether a string of `length` characters in a buffer of `size` bytes decodes with the trailer.
bool gets_truncation_trailer(uint32_t size, size_t length);

// A value stored once (event payloads, map keys, maps that are not per-CPU).
Value decode_value(const Type& type, const uint8_t* data);

// A value stored as `ncpus` copies `stride` bytes apart (per-CPU maps), combined.
Value decode_combined(const Type& type, const uint8_t* data, size_t stride, size_t ncpus);

// One map element, decoded. `key` has no type when the map has no keys.
struct MapItem {
  Value key;
  Value value;
};

// A map as read at one moment, its elements in the order they print (map_order.h).
struct MapSnapshot {
  const MapSpec* map = nullptr;
  std::vector<MapItem> items;
};

// Decodes the elements read from the kernel. For a per-CPU map each value holds one copy per
// possible CPU, each `value->size` bytes rounded up to a multiple of 8 (libbpf's layout).
// Elements too short for their key or value type are dropped (never expected from the kernel).
// The items keep the given order; sort_for_print() (map_order.h) orders them.
MapSnapshot decode_map(const MapSpec& map, const std::vector<MapEntry>& entries);

} // namespace btc::rt
