// printf's %gr: GFP flags as text, with the flags' bits of a given kernel.
#include "gfp_flags.h"

#include "btc/printf_format.h"
#include "text_format.h"

#include <gtest/gtest.h>

using namespace btc::rt;

namespace {

// The layout before 6.4 (bit 9 is __GFP_ATOMIC) and the one of 6.9+ BTF (bit 9 unused).
std::vector<GfpBit> bits(bool atomic) {
  const char* names[] = {
      "DMA",   "HIGHMEM",    "DMA32",         "MOVABLE",  "RECLAIMABLE",    "HIGH",
      "IO",    "FS",         "ZERO",          "ATOMIC",   "DIRECT_RECLAIM", "KSWAPD_RECLAIM",
      "WRITE", "NOWARN",     "RETRY_MAYFAIL", "NOFAIL",   "NORETRY",        "MEMALLOC",
      "COMP",  "NOMEMALLOC", "HARDWALL",      "THISNODE", "ACCOUNT",        "ZEROTAGS"};
  std::vector<GfpBit> out;
  for (uint32_t i = 0; i < 24; i++)
    if (atomic || i != 9) out.push_back({std::string("__GFP_") + names[i], i});
  return out;
}

TEST(GfpFlags, CombinedFlagsFirstThenSingleFlagsThenHex) {
  auto b = bits(false);
  EXPECT_EQ(gfp_flags_text(0, b), "0");
  EXPECT_EQ(gfp_flags_text(0xcc0, b), "GFP_KERNEL");
  EXPECT_EQ(gfp_flags_text(0xcc2, b), "GFP_KERNEL|__GFP_HIGHMEM");
  EXPECT_EQ(gfp_flags_text(0x400cc0, b), "GFP_KERNEL_ACCOUNT");
  EXPECT_EQ(gfp_flags_text(0x400dc0, b), "GFP_KERNEL_ACCOUNT|__GFP_ZERO");
  EXPECT_EQ(gfp_flags_text(0x820, b), "GFP_ATOMIC");
  EXPECT_EQ(gfp_flags_text(0x822, b), "GFP_ATOMIC|__GFP_HIGHMEM");
  EXPECT_EQ(gfp_flags_text(0x4c0, b), "__GFP_IO|__GFP_FS|__GFP_DIRECT_RECLAIM");
  EXPECT_EQ(gfp_flags_text(0x100cca, b), "GFP_HIGHUSER_MOVABLE");
  EXPECT_EQ(gfp_flags_text(0x1, b), "GFP_DMA");
  EXPECT_EQ(gfp_flags_text(0x3000000, b), "0x3000000");
  EXPECT_EQ(gfp_flags_text(0x200 | 0x40, b), "__GFP_IO|0x200");
}

TEST(GfpFlags, TheKernelsBitsDecide) {
  // Before 6.4, GFP_ATOMIC held __GFP_ATOMIC (0x200) too.
  auto old_bits = bits(true);
  EXPECT_EQ(gfp_flags_text(0xa20, old_bits), "GFP_ATOMIC");
  EXPECT_EQ(gfp_flags_text(0x820, old_bits), "GFP_NOWAIT|__GFP_HIGH");
  EXPECT_EQ(gfp_flags_text(0xa20, bits(false)), "GFP_ATOMIC|0x200");
  // Another kernel's numbering: the names follow the bits it gives.
  std::vector<GfpBit> moved = {{"__GFP_IO", 0}, {"__GFP_FS", 1}};
  EXPECT_EQ(gfp_flags_text(0x3, moved), "__GFP_IO|__GFP_FS");
}

TEST(GfpFlags, PrintfConversion) {
  PrintfFormat f = parse_printf_format("[%gr] [%-12gr] [%14gr]\n");
  ASSERT_EQ(f.conversions.size(), 3u);
  EXPECT_EQ(f.conversions[0].token, "gr");
  EXPECT_EQ(f.conversions[0].accepts, ArgClass::Integer);
  EXPECT_EQ(check_printf_args(f, {{ArgClass::String, "string"},
                                  {ArgClass::Integer, "integer"},
                                  {ArgClass::Integer, "integer"}}),
            "printf: %gr specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(format_conversion(f.conversions[1], std::string("GFP_KERNEL")), "GFP_KERNEL  ");
}

} // namespace
