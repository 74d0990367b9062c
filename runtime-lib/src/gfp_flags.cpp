#include "gfp_flags.h"

#include "kernel_btf.h"
#include "pieces.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>

namespace btc::rt {

namespace {

// The layout of the kernels before the ___GFP_*_BIT enum (4.13 to 6.8): bit 9 was
// __GFP_ATOMIC until 6.4 and unused after; bits above 23 depend on the kernel's configuration.
std::vector<GfpBit> classic_bits() {
  static constexpr const char* kNames[] = {
      "DMA",   "HIGHMEM",    "DMA32",         "MOVABLE",  "RECLAIMABLE",    "HIGH",
      "IO",    "FS",         "ZERO",          "ATOMIC",   "DIRECT_RECLAIM", "KSWAPD_RECLAIM",
      "WRITE", "NOWARN",     "RETRY_MAYFAIL", "NOFAIL",   "NORETRY",        "MEMALLOC",
      "COMP",  "NOMEMALLOC", "HARDWALL",      "THISNODE", "ACCOUNT",        "ZEROTAGS"};
  std::vector<GfpBit> out;
  for (uint32_t i = 0; i < sizeof kNames / sizeof kNames[0]; i++)
    out.push_back({std::string("__GFP_") + kNames[i], i});
  return out;
}

// The ___GFP_<NAME>_BIT enumerators of the kernel's BTF as __GFP_<NAME>; empty without them.
std::vector<GfpBit> btf_bits() {
  std::string error;
  const BtfView* btf = kernel_btf(error);
  std::vector<GfpBit> out;
  if (!btf) return out;
  constexpr std::string_view kPrefix = "___GFP_", kSuffix = "_BIT";
  for (uint32_t id = 1; id < btf->count(); id++) {
    const btf_type* t = btf->type(id);
    if (!t || !btf_is_enum(t)) continue;
    for (uint32_t i = 0; i < btf_vlen(t); i++) {
      const struct btf_enum& e = btf_enum(t)[i];
      std::string_view n = btf->name(e.name_off);
      if (n.size() <= kPrefix.size() + kSuffix.size() || !n.starts_with(kPrefix) ||
          !n.ends_with(kSuffix))
        continue;
      std::string_view flag = n.substr(kPrefix.size(), n.size() - kPrefix.size() - kSuffix.size());
      // ___GFP_LAST_BIT counts the bits; ___GFP_UNUSED_BIT is a hole.
      if (flag == "LAST" || flag == "UNUSED" || e.val < 0 || e.val >= 64) continue;
      out.push_back({"__GFP_" + std::string(flag), static_cast<uint32_t>(e.val)});
    }
    if (!out.empty()) break;
  }
  return out;
}

struct Combined {
  const char* name;
  std::vector<const char*> flags; // all of them set; "NAME?": where the kernel has it
};

// The combined flags as the kernel defines them (include/linux/gfp_types.h), in the order
// current bpftrace tries them.
const std::vector<Combined>& combined_flags() {
  static const std::vector<Combined> kCombined = {
      {"GFP_TRANSHUGE",
       {"__GFP_DIRECT_RECLAIM", "__GFP_IO", "__GFP_FS", "__GFP_HARDWALL", "__GFP_HIGHMEM",
        "__GFP_MOVABLE", "__GFP_COMP", "__GFP_NOMEMALLOC", "__GFP_NOWARN"}},
      {"GFP_TRANSHUGE_LIGHT",
       {"__GFP_IO", "__GFP_FS", "__GFP_HARDWALL", "__GFP_HIGHMEM", "__GFP_MOVABLE", "__GFP_COMP",
        "__GFP_NOMEMALLOC", "__GFP_NOWARN"}},
      {"GFP_HIGHUSER_MOVABLE",
       {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO", "__GFP_FS", "__GFP_HARDWALL",
        "__GFP_HIGHMEM", "__GFP_MOVABLE"}},
      {"GFP_HIGHUSER",
       {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO", "__GFP_FS", "__GFP_HARDWALL",
        "__GFP_HIGHMEM"}},
      {"GFP_KERNEL_ACCOUNT",
       {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO", "__GFP_FS", "__GFP_ACCOUNT"}},
      {"GFP_KERNEL", {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO", "__GFP_FS"}},
      {"GFP_USER",
       {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO", "__GFP_FS", "__GFP_HARDWALL"}},
      // __GFP_ATOMIC is part of it where the kernel has that flag (before 6.4).
      {"GFP_ATOMIC", {"__GFP_HIGH", "__GFP_ATOMIC?", "__GFP_KSWAPD_RECLAIM"}},
      {"GFP_NOWAIT", {"__GFP_KSWAPD_RECLAIM"}},
      {"GFP_NOIO", {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM"}},
      {"GFP_NOFS", {"__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM", "__GFP_IO"}},
      {"GFP_DMA32", {"__GFP_DMA32"}},
      {"GFP_DMA", {"__GFP_DMA"}},
  };
  return kCombined;
}

} // namespace

const std::vector<GfpBit>& kernel_gfp_bits() {
  static const std::vector<GfpBit> bits = [] {
    std::vector<GfpBit> b = btf_bits();
    return b.empty() ? classic_bits() : b;
  }();
  return bits;
}

std::string gfp_flags_text(uint64_t flags, const std::vector<GfpBit>& bits) {
  if (flags == 0) return "0";
  std::map<std::string_view, uint64_t> mask_of;
  for (const GfpBit& b : bits) mask_of[b.name] = uint64_t{1} << b.bit;
  std::string out;
  auto add = [&](std::string_view name) {
    if (!out.empty()) out += '|';
    out += name;
  };
  uint64_t left = flags;
  for (const Combined& c : combined_flags()) {
    uint64_t mask = 0;
    bool known = true;
    for (std::string_view f : c.flags) {
      bool optional = f.ends_with('?');
      if (optional) f.remove_suffix(1);
      auto it = mask_of.find(f);
      if (it != mask_of.end())
        mask |= it->second;
      else if (!optional)
        known = false;
    }
    if (!known || mask == 0 || (left & mask) != mask) continue;
    add(c.name);
    left &= ~mask;
  }
  std::vector<GfpBit> ordered = bits;
  std::sort(ordered.begin(), ordered.end(),
            [](const GfpBit& a, const GfpBit& b) { return a.bit < b.bit; });
  for (const GfpBit& b : ordered) {
    uint64_t m = uint64_t{1} << b.bit;
    if (!(left & m)) continue;
    add(b.name);
    left &= ~m;
  }
  if (left != 0) {
    char hex[24];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(left));
    add(hex);
  }
  return out;
}

void install_gfp_flags() {
  static const PieceApi<Piece::GfpFlags> api = {
      .text = [](uint64_t flags) { return gfp_flags_text(flags); }};
  install_piece(api);
}

} // namespace btc::rt
