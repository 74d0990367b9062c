#include "maps.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

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

} // namespace

std::vector<MapEntry> read_map(const LiveMap& map) {
  std::vector<MapEntry> entries;
  uint32_t size = stored_value_size(map);
  for (auto& key : keys_of(map)) {
    MapEntry e;
    e.value.resize(size);
    if (bpf_map_lookup_elem(map.fd, key.data(), e.value.data()) != 0) continue;
    e.key = std::move(key);
    entries.push_back(std::move(e));
  }
  return entries;
}

void clear_map(const LiveMap& map) {
  for (const auto& key : keys_of(map)) bpf_map_delete_elem(map.fd, key.data());
}

void zero_map(const LiveMap& map) {
  std::vector<uint8_t> zero(stored_value_size(map));
  for (const auto& key : keys_of(map))
    bpf_map_update_elem(map.fd, key.data(), zero.data(), BPF_EXIST);
}

} // namespace btc::rt
