// Reading, clearing and zeroing the tool's BPF maps from user space.
#pragma once

#include "btc/manifest.h"
#include "btc/output.h"

#include <vector>

namespace btc::rt {

// The BPF map of a manifest map, by file descriptor.
struct LiveMap {
  const MapSpec* spec;
  int fd;
  uint32_t key_size;
  uint32_t value_size; // per CPU for per-CPU maps, as the kernel stores it
  uint32_t ncpus;      // possible CPUs: the copies a per-CPU lookup returns
  // An aggregation without keys in a one-element per-CPU array (the compiler's choice): its slot
  // is always there, so it has a value when a byte of it is not zero or since zero() zeroed it.
  bool array = false;
  bool zeroed = false;
};

std::vector<MapEntry> read_map(const LiveMap& map);
void clear_map(LiveMap& map);
void zero_map(LiveMap& map);

} // namespace btc::rt
