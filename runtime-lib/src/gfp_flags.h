// printf's %gr (current bpftrace): GFP allocation flags as text, "GFP_KERNEL|__GFP_HIGHMEM".
// The flags' bits differ between kernels, so they are those of the kernel the tool runs on:
// its BTF's ___GFP_*_BIT enumerators (kernels since 6.9), else the layout older kernels share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace btc::rt {

// One flag: its name ("__GFP_IO") and its bit.
struct GfpBit {
  std::string name;
  uint32_t bit;
};

// The text of `flags` with the flags `bits` defines: the combined flags (GFP_TRANSHUGE, ...,
// GFP_KERNEL, ..., GFP_DMA, in that order) whose bits are all set, then each remaining flag in
// bit order, then any bits no flag names in hexadecimal; "0" for no flags. Combined flags made
// of a flag this kernel lacks are left out.
std::string gfp_flags_text(uint64_t flags, const std::vector<GfpBit>& bits);

// The flags of the running kernel (read from its BTF once).
const std::vector<GfpBit>& kernel_gfp_bits();

inline std::string gfp_flags_text(uint64_t flags) {
  return gfp_flags_text(flags, kernel_gfp_bits());
}

} // namespace btc::rt
