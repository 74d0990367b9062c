// The buckets of current bpftrace's hist(v, k), k from 1 to 5 (btc/abi.h): where each starts
// and ends, and the label bpftrace prints for a bucket's bound.
#pragma once

#include <cstdint>
#include <string>

namespace btc::rt {

// Buckets 1 .. 2^(k+1) hold one value each (index - 1).
inline bool hist_bits_single(uint32_t index, uint32_t k) {
  return index <= (2u << k);
}

// The first value of bucket `index` + 1, the bound between it and the next: bucket j's sub-bucket
// (j & (2^k - 1)) of the power of 2 that (j >> k) - 1 + k names, 2^power wide.
inline uint64_t hist_bits_bound(uint32_t j, uint32_t k) {
  uint32_t power = (j >> k) - 1;
  return (uint64_t{1} << power) * ((uint64_t{1} << k) + (j & ((1u << k) - 1)));
}

// The first and last value of bucket `index` (> 0).
inline uint64_t hist_bits_min(uint32_t index, uint32_t k) {
  return hist_bits_single(index, k) ? index - 1 : hist_bits_bound(index - 1, k);
}
inline uint64_t hist_bits_max(uint32_t index, uint32_t k) {
  if (hist_bits_single(index, k)) return index - 1;
  return hist_bits_min(index, k) + (uint64_t{1} << ((((index - 1) >> k)) - 1)) - 1;
}

// The bound as bpftrace labels it: the multiplier of the largest power of 1024 that the
// sub-bucket width allows, with its suffix (K, M, G, T, P, E).
inline std::string hist_bits_label(uint32_t j, uint32_t k) {
  uint32_t power = (j >> k) - 1;
  uint32_t decade = power / 10;
  std::string text = std::to_string((uint64_t{1} << (power - 10 * decade)) *
                                    ((uint64_t{1} << k) + (j & ((1u << k) - 1))));
  if (decade) text += "\0KMGTPE"[decade];
  return text;
}

} // namespace btc::rt
