// Text output of values and maps, byte for byte as bpftrace 0.17 prints them, on raw bytes as
// the kernel holds them (decoded by the runtime's values.cpp, rendered by its text sink).
// docs/output-format.md lists the rules with the bpftrace output they were taken from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "btc/manifest.h"

namespace btc::rt {

// A value as print(value) shows it (no trailing newline): integers by their signedness, strings
// up to their NUL, tuples as "(1, two, (3, x))", timestamps through strftime. Aggregation kinds
// are printed from a single (already combined) CPU copy.
std::string format_value(const Type& type, const uint8_t* data);

// A map key as it appears between the brackets of "@m[...]": integers always as signed 64-bit,
// multiple keys (a Tuple key type) joined with ", ".
std::string format_key(const Type& key, const uint8_t* data);

// strftime() of a CLOCK_MONOTONIC timestamp the way bpftrace does it: the wall time is the boot
// time (CLOCK_REALTIME - CLOCK_BOOTTIME, taken once) plus `nsecs`; every "%f" is replaced by the
// 6-digit microseconds first; a result that does not fit 64 bytes prints
// "ERROR: strftime returned 0" on stderr and yields "(?)".
std::string format_timestamp(const char* strftime_fmt, uint64_t nsecs);

// format_timestamp() followed by "." and the first `digits` (0-9) digits of the wall time's
// fraction of a second (nothing for 0): tseries() rows.
std::string format_timestamp_fraction(const char* strftime_fmt, uint64_t nsecs, int digits);

// Samples the boot time used by format_timestamp() (done on first use otherwise).
void init_timestamp_base();

// One map element as read from the kernel. For a per-CPU map, `value` holds one copy per
// possible CPU, each `type.size` bytes rounded up to a multiple of 8 (libbpf's layout).
struct MapEntry {
  std::vector<uint8_t> key;
  std::vector<uint8_t> value;
};

// What print(@map, top, div) prints, including the trailing newline(s). Entries print sorted
// (by value, equal values by key; or by key), whatever order `entries` come in.
// top/div are truncated to 32 bits like bpftrace's; div 0 means 1.
std::string format_map(const MapSpec& map, std::vector<MapEntry> entries, uint64_t top = 0,
                       uint64_t div = 0);

struct MapContents {
  const MapSpec* map;
  std::vector<MapEntry> entries;
};

// What bpftrace prints at exit: two newlines, then every map (in the order given: the manifest
// keeps maps sorted by name) as print(@map) would.
std::string format_maps_at_exit(std::vector<MapContents> maps);

} // namespace btc::rt
