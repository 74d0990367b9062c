#include "maps.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <algorithm>

namespace btc::rt {

namespace {

uint32_t stored_value_size(const LiveMap& map) {
  if (!map.spec->per_cpu) return map.value_size;
  uint32_t per_cpu = (map.value_size + 7) / 8 * 8;
  return per_cpu * map.ncpus;
}

std::vector<std::vector<uint8_t>> keys_of(const LiveMap& map) {
  std::vector<std::vector<uint8_t>> keys;
  std::vector<uint8_t> key(map.key_size), next(map.key_size);
  const void* prev = nullptr;
  while (bpf_map_get_next_key(map.fd, prev, next.data()) == 0) {
    keys.push_back(next);
    key = next;
    prev = key.data();
  }
  return keys;
}

bool has_value(const LiveMap& map, const std::vector<uint8_t>& value) {
  return map.zeroed || std::any_of(value.begin(), value.end(), [](uint8_t b) { return b != 0; });
}

void write_zeroes(const LiveMap& map) {
  std::vector<uint8_t> key(map.key_size), zero(stored_value_size(map));
  bpf_map_update_elem(map.fd, key.data(), zero.data(), BPF_ANY);
}

} // namespace

std::vector<MapEntry> read_map(const LiveMap& map) {
  std::vector<MapEntry> entries;
  uint32_t size = stored_value_size(map);
  for (auto& key : keys_of(map)) {
    MapEntry e;
    e.value.resize(size);
    if (bpf_map_lookup_elem(map.fd, key.data(), e.value.data()) != 0) continue;
    if (map.array && !has_value(map, e.value)) continue;
    e.key = std::move(key);
    entries.push_back(std::move(e));
  }
  return entries;
}

void clear_map(LiveMap& map) {
  if (map.array) {
    write_zeroes(map);
    map.zeroed = false;
    return;
  }
  for (const auto& key : keys_of(map)) bpf_map_delete_elem(map.fd, key.data());
}

void zero_map(LiveMap& map) {
  std::vector<uint8_t> zero(stored_value_size(map));
  if (map.array) {
    // As zero() of a hash map, which zeroes the entries there are and creates none.
    if (read_map(map).empty()) return;
    write_zeroes(map);
    map.zeroed = true;
    return;
  }
  for (const auto& key : keys_of(map))
    bpf_map_update_elem(map.fd, key.data(), zero.data(), BPF_EXIST);
}

} // namespace btc::rt
