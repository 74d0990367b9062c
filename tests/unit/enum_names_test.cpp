// Names of enum values (printf's %s of an enum): a kernel enum's from the running kernel's BTF,
// the compiler's table otherwise and as a fallback, the number when no enumerator has the value.
#include "enum_names.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace btc::rt;

namespace {

// A table that disagrees with every kernel: BPF_MAP_TYPE_HASH is 1 since BPF began.
const EnumValue kWrongMapTypes[] = {{"NOT_THE_KERNELS", 1}, {"OTHER", 2}};

TEST(EnumNames, ScriptEnumUsesTheCompilersTable) {
  const Type t{.kind = Kind::Enum,
               .is_signed = false,
               .enum_name = "bpf_map_type",
               .enum_values = kWrongMapTypes,
               .num_enum_values = 2};
  EXPECT_EQ(enum_text(t, 1), "NOT_THE_KERNELS");
  EXPECT_EQ(enum_text(t, 2), "OTHER");
  // No enumerator has the value: the number, as current bpftrace prints it.
  EXPECT_EQ(enum_text(t, 77), "77");
}

TEST(EnumNames, KernelEnumUsesTheRunningKernelsBtf) {
  if (access("/sys/kernel/btf/vmlinux", R_OK) != 0) GTEST_SKIP() << "no kernel BTF";
  const Type t{.kind = Kind::Enum,
               .is_signed = false,
               .enum_name = "bpf_map_type",
               .enum_values = kWrongMapTypes,
               .num_enum_values = 2,
               .enum_from_kernel = true};
  EXPECT_EQ(enum_text(t, 1), "BPF_MAP_TYPE_HASH");
  EXPECT_EQ(enum_text(t, 100000), "100000");
}

TEST(EnumNames, KernelEnumMissingThereFallsBackToTheTable) {
  const Type t{.kind = Kind::Enum,
               .is_signed = true,
               .enum_name = "btc_no_such_enum",
               .enum_values = kWrongMapTypes,
               .num_enum_values = 2,
               .enum_from_kernel = true};
  EXPECT_EQ(enum_text(t, 2), "OTHER");
  EXPECT_EQ(enum_text(t, static_cast<uint64_t>(-3)), "-3");
}

} // namespace
