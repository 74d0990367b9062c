// Unit tests of kernel symbolization (bcc's rules, as bpftrace 0.17 prints them) and of stacks
// decoded and printed in each mode.
#include "kernel_symbols.h"
#include "map_order.h"
#include "text_format.h"
#include "values.h"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

using namespace btc::rt;

namespace {

const char* const kKallsyms = "0000000000000000 A fixed_percpu_data\n"
                              "ffffffff81000000 T _stext\n"
                              "ffffffff81000000 T _text\n"
                              "ffffffff81000100 t entry_SYSCALL_64_after_hwframe\n"
                              "ffffffff81001000 D some_data\n"
                              "ffffffff81002000 T do_syscall_64\n"
                              "ffffffff81003000 r some_rodata\n"
                              "ffffffff81004000 W weak_fn\n"
                              "ffffffffc0001000 t mod_fn\t[mymod]\n";

TEST(KernelSymbols, NameAndOffsetOfTheLastCodeSymbolAtOrBelow) {
  KernelSymbols t = KernelSymbols::parse(kKallsyms);
  EXPECT_EQ(t.resolve(0xffffffff81000100, true), "entry_SYSCALL_64_after_hwframe+0");
  EXPECT_EQ(t.resolve(0xffffffff81000176, true), "entry_SYSCALL_64_after_hwframe+118");
  EXPECT_EQ(t.resolve(0xffffffff81000176, false), "entry_SYSCALL_64_after_hwframe");
  // Data symbols (d D r R b B) are never chosen: the address stays with the code before it.
  EXPECT_EQ(t.resolve(0xffffffff81001010, true), "entry_SYSCALL_64_after_hwframe+3856");
  EXPECT_EQ(t.resolve(0xffffffff81003008, true), "do_syscall_64+4104");
  EXPECT_EQ(t.resolve(0xffffffff81004001, true), "weak_fn+1");
  // The module column is not part of the name; no size check past a symbol.
  EXPECT_EQ(t.resolve(0xffffffffc0001234, true), "mod_fn+564");
  EXPECT_EQ(t.resolve(0xffffffffffff0000, false), "mod_fn");
}

TEST(KernelSymbols, BelowEverySymbolIsHex) {
  KernelSymbols t = KernelSymbols::parse(kKallsyms);
  EXPECT_EQ(t.resolve(0x1, false), "0x1");
  EXPECT_EQ(t.resolve(0xffffffff80000000, true), "0xffffffff80000000");
  EXPECT_EQ(t.resolve(0, false), "0");
}

TEST(KernelSymbols, HiddenAddressesGiveAnEmptyTable) {
  // What kallsyms shows without privileges (kptr_restrict).
  KernelSymbols t =
      KernelSymbols::parse("0000000000000000 T _stext\n0000000000000000 T vfs_read\n");
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.resolve(0xffffffff81000176, true), "0xffffffff81000176");
}

TEST(KernelSymbols, AliasesAtOneAddressPickOneNameEveryTime) {
  // std::sort is deterministic for the same input, so the choice never changes between runs.
  KernelSymbols a = KernelSymbols::parse(kKallsyms);
  KernelSymbols b = KernelSymbols::parse(kKallsyms);
  std::string name = a.resolve(0xffffffff81000010, false);
  EXPECT_TRUE(name == "_stext" || name == "_text") << name;
  EXPECT_EQ(b.resolve(0xffffffff81000010, false), name);
}

const Type kStackBpftrace{.kind = Kind::Stack, .stack_map = "btc_stack127"};
const Type kStackPerf{
    .kind = Kind::Stack, .stack_mode = StackMode::Perf, .stack_map = "btc_stack3"};
const Type kStackRaw{.kind = Kind::Stack, .stack_mode = StackMode::Raw, .stack_map = "btc_stack3"};

class Stacks : public ::testing::Test {
protected:
  void SetUp() override {
    KernelSymbols::install(KernelSymbols::parse(kKallsyms));
    set_stack_reader([](const Type& type, int64_t id) {
      ++reads;
      if (id != 7) return std::vector<uint64_t>{};
      std::vector<uint64_t> frames = {0xffffffff81002010, 0xffffffff81000176};
      last_map = type.stack_map;
      return frames;
    });
  }
  void TearDown() override {
    set_stack_reader(nullptr);
    KernelSymbols::install(KernelSymbols());
  }
  static Value stack(const Type& type, int64_t id) {
    uint8_t bytes[8];
    std::memcpy(bytes, &id, 8);
    return decode_value(type, bytes);
  }
  static inline int reads = 0;
  static inline std::string last_map;
};

TEST_F(Stacks, DecodingReadsTheFramesOfTheId) {
  reads = 0;
  Value v = stack(kStackPerf, 7);
  EXPECT_EQ(v.as_signed(), 7);
  EXPECT_EQ(v.frames, (std::vector<uint64_t>{0xffffffff81002010, 0xffffffff81000176}));
  EXPECT_EQ(last_map, "btc_stack3");
  // A negative id is the kernel's error (no stack, or a collision): nothing to read.
  Value none = stack(kStackPerf, -14);
  EXPECT_TRUE(none.frames.empty());
  EXPECT_EQ(reads, 1);
}

TEST_F(Stacks, ValueTextIndentsByEightInBpftraceMode) {
  EXPECT_EQ(value_text(stack(kStackBpftrace, 7)),
            "\n        do_syscall_64+16\n        entry_SYSCALL_64_after_hwframe+118\n");
  EXPECT_EQ(value_text(stack(kStackPerf, 7)),
            "\n\tffffffff81002010 do_syscall_64+16\n"
            "\tffffffff81000176 entry_SYSCALL_64_after_hwframe+118\n");
  EXPECT_EQ(value_text(stack(kStackRaw, 7)), "\nffffffff81002010\nffffffff81000176\n");
  EXPECT_EQ(value_text(stack(kStackBpftrace, -1)), "");
}

TEST_F(Stacks, KeysIndentByFourAndTuplesCloseAfterTheLastFrame) {
  EXPECT_EQ(key_text(stack(kStackBpftrace, 7)),
            "\n    do_syscall_64+16\n    entry_SYSCALL_64_after_hwframe+118\n");
  const Type kI64{.kind = Kind::Int, .is_signed = true};
  const Field fields[] = {{&kStackPerf, 0}, {&kI64, 8}};
  const Type pair{.kind = Kind::Tuple, .size = 16, .fields = fields, .num_fields = 2};
  uint8_t bytes[16];
  int64_t id = 7, five = 5;
  std::memcpy(bytes, &id, 8);
  std::memcpy(bytes + 8, &five, 8);
  EXPECT_EQ(key_text(decode_value(pair, bytes)),
            "\n\tffffffff81002010 do_syscall_64+16\n"
            "\tffffffff81000176 entry_SYSCALL_64_after_hwframe+118\n, 5");
  id = -1;
  std::memcpy(bytes, &id, 8);
  EXPECT_EQ(key_text(decode_value(pair, bytes)), ", 5");
}

TEST_F(Stacks, KsymIsTheSymbolWithoutOffset) {
  const Type ksym{.kind = Kind::Ksym};
  uint64_t addr = 0xffffffff81002010;
  uint8_t bytes[8];
  std::memcpy(bytes, &addr, 8);
  EXPECT_EQ(value_text(decode_value(ksym, bytes)), "do_syscall_64");
  EXPECT_EQ(key_text(decode_value(ksym, bytes)), "do_syscall_64");
  addr = 0x10;
  std::memcpy(bytes, &addr, 8);
  EXPECT_EQ(value_text(decode_value(ksym, bytes)), "0x10");
}

TEST(Strerror, TheCLibrarysMessage) {
  const Type t{.kind = Kind::Strerror, .is_signed = true};
  auto text = [&](int64_t n) {
    uint8_t bytes[8];
    std::memcpy(bytes, &n, 8);
    return value_text(decode_value(t, bytes));
  };
  EXPECT_EQ(text(1), "Operation not permitted");
  EXPECT_EQ(text(0), "Success");
  EXPECT_EQ(text(200), "Unknown error 200");
  EXPECT_EQ(text(int64_t{1} << 40), "Unknown error 1099511627776");
}

TEST_F(Stacks, AMapOfStackValuesEndsWithABlankLine) {
  MapSpec map{
      .name = "@v", .bpf_name = "m_v", .key = nullptr, .value = &kStackBpftrace, .per_cpu = false};
  MapSnapshot snap;
  snap.map = &map;
  snap.items.push_back({Value{}, stack(kStackBpftrace, 7)});
  EXPECT_EQ(map_text(snap),
            "@v: \n        do_syscall_64+16\n        entry_SYSCALL_64_after_hwframe+118\n\n");
}

} // namespace
