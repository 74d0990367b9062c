// Unit tests of the C layouts of bpftrace values (lower/c_types): sizes, alignments and tuple
// offsets, which the runtime decodes byte for byte, and the C struct names handed out for them.
#include "lower/c_types.h"

#include "frontend_test_util.h"

#include <btc/abi.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace btc {
namespace {

const Type kI64 = Type::integer();
const Type kU64 = Type::integer(64, false);

void expect_layout(const Type& t, uint32_t size, uint32_t align) {
  Layout l = layout_of(t);
  EXPECT_EQ(l.size, size) << type_name(t);
  EXPECT_EQ(l.align, align) << type_name(t);
}

TEST(CTypes, ScalarLayouts) {
  expect_layout(kI64, 8, 8);
  expect_layout(kU64, 8, 8);
  expect_layout(Type::integer(8, false), 8, 8); // every integer is stored in 64 bits
  expect_layout(Type::of(TypeKind::Pointer), 8, 8);
  expect_layout(Type::of(TypeKind::Timestamp), 8, 8);
  expect_layout(Type::string(1), 1, 1);
  expect_layout(Type::string(16), 16, 1);
  expect_layout(Type::string(64), 64, 1);
}

TEST(CTypes, AggregationLayouts) {
  expect_layout(Type::of(TypeKind::Count), 8, 8);
  expect_layout(Type::of(TypeKind::Sum), 8, 8);
  expect_layout(Type::of(TypeKind::Min), 16, 8);
  expect_layout(Type::of(TypeKind::Max), 16, 8);
  expect_layout(Type::of(TypeKind::Avg), 16, 8);
  expect_layout(Type::of(TypeKind::Stats), 16, 8);
  expect_layout(Type::of(TypeKind::Hist), rt::kHistBuckets * 8, 8);
  // lhist: one bucket per step plus the under- and overflow buckets.
  EXPECT_EQ(lhist_bucket_count(Type::lhist(0, 100, 10)), 12u);
  expect_layout(Type::lhist(0, 100, 10), 12 * 8, 8);
  EXPECT_EQ(lhist_bucket_count(Type::lhist(0, 5, 2)), 4u);
  EXPECT_EQ(lhist_bucket_count(Type::lhist(10, 11, 1)), 3u);
}

struct TupleCase {
  Type type;
  uint32_t size;
  uint32_t align;
  std::vector<uint32_t> offsets;
};

TEST(CTypes, TupleLayoutsMixingIntegersAndStrings) {
  const Type s3 = Type::string(3), s5 = Type::string(5), s7 = Type::string(7),
             s16 = Type::string(16), s64 = Type::string(64);
  const TupleCase cases[] = {
      {Type::tuple({kI64, kI64}), 16, 8, {0, 8}},
      {Type::tuple({kI64, s5}), 16, 8, {0, 8}},         // 13 bytes padded to 16
      {Type::tuple({s5, kI64}), 16, 8, {0, 8}},         // the int is aligned to 8
      {Type::tuple({s3, s5}), 8, 1, {0, 3}},            // strings alone need no padding
      {Type::tuple({s3, kI64, s5}), 24, 8, {0, 8, 16}}, // 21 bytes padded to 24
      {Type::tuple({kI64, s16, kU64}), 32, 8, {0, 8, 24}},
      {Type::tuple({s64, kI64}), 72, 8, {0, 64}},
      {Type::tuple({kI64, s64}), 72, 8, {0, 8}},
      {Type::tuple({s7, s7, kI64}), 24, 8, {0, 7, 16}},
      {Type::tuple({kI64, Type::tuple({s3, kI64}), s7}), 32, 8, {0, 8, 24}}, // (s3,i64) is 16 bytes
      {Type::tuple({s3, Type::tuple({s5, s3})}), 11, 1, {0, 3}},
      {Type::tuple({Type::string(1)}), 1, 1, {0}},
  };
  for (const TupleCase& c : cases) {
    SCOPED_TRACE(type_name(c.type));
    Layout l = layout_of(c.type);
    EXPECT_EQ(l.size, c.size);
    EXPECT_EQ(l.align, c.align);
    EXPECT_EQ(tuple_offsets(c.type), c.offsets);
  }
}

TEST(CTypes, EventLayouts) {
  // The header, then the payload at its alignment; the record is padded to its alignment.
  Layout none = event_layout(Type::of(TypeKind::Tuple));
  EXPECT_EQ(none.size, 8u);
  EXPECT_EQ(none.align, 4u);
  Layout ints = event_layout(Type::tuple({kI64, kU64}));
  EXPECT_EQ(ints.size, 24u);
  EXPECT_EQ(ints.align, 8u);
  Layout str = event_layout(Type::tuple({Type::string(5)}));
  EXPECT_EQ(str.size, 16u); // 13 bytes padded to the header's alignment
  EXPECT_EQ(str.align, 4u);
}

TEST(CTypes, LayoutAssertionsForEveryStruct) {
  CTypes types;
  std::string name = types.name(Type::tuple({Type::string(3), kI64}));
  EXPECT_EQ(types.assertions(),
            "_Static_assert(sizeof(struct btc_str3) == 3, \"btc layout: struct btc_str3 size\");\n"
            "_Static_assert(sizeof(" +
                name + ") == 16, \"btc layout: " + name +
                " size\");\n"
                "_Static_assert(__builtin_offsetof(" +
                name + ", f0) == 0, \"btc layout: " + name +
                " field 0\");\n"
                "_Static_assert(__builtin_offsetof(" +
                name + ", f1) == 8, \"btc layout: " + name + " field 1\");\n");
}

TEST(CTypes, ScalarNames) {
  CTypes types;
  EXPECT_EQ(types.name(kI64), "__s64");
  EXPECT_EQ(types.name(kU64), "__u64");
  EXPECT_EQ(types.name(Type::of(TypeKind::Pointer)), "__u64");
  EXPECT_EQ(types.name(Type::of(TypeKind::Timestamp)), "__u64");
  EXPECT_EQ(types.name(Type::of(TypeKind::Count)), "__s64");
  EXPECT_EQ(types.name(Type::of(TypeKind::Sum)), "__s64");
  EXPECT_EQ(types.name(Type::of(TypeKind::Min)), "struct btc_minmax");
  EXPECT_EQ(types.name(Type::of(TypeKind::Max)), "struct btc_minmax");
  EXPECT_EQ(types.name(Type::of(TypeKind::Avg)), "struct btc_avg");
  EXPECT_EQ(types.name(Type::of(TypeKind::Stats)), "struct btc_avg");
  EXPECT_EQ(types.name(Type::of(TypeKind::Hist)), "struct btc_hist");
  EXPECT_EQ(types.definitions(), "");
}

TEST(CTypes, StringAndLhistStructs) {
  CTypes types;
  EXPECT_EQ(types.name(Type::string(16)), "struct btc_str16");
  EXPECT_EQ(types.name(Type::string(16)), "struct btc_str16"); // defined once
  EXPECT_EQ(types.name(Type::lhist(0, 100, 10)), "struct btc_lhist12");
  EXPECT_EQ(types.name(Type::lhist(0, 10, 1)), "struct btc_lhist12"); // same bucket count
  EXPECT_EQ(types.definitions(), "struct btc_str16 { char s[16]; };\n"
                                 "struct btc_lhist12 { __u64 b[12]; };\n");
}

TEST(CTypes, TupleStructsComeAfterTheirElements) {
  CTypes types;
  std::string name = types.name(Type::tuple({kI64, Type::string(8), kU64}));
  EXPECT_EQ(types.name(Type::tuple({kI64, Type::string(8), kU64})), name);
  EXPECT_EQ(types.definitions(), "struct btc_str8 { char s[8]; };\n" + name +
                                     " {\n"
                                     "  __s64 f0;\n"
                                     "  struct btc_str8 f1;\n"
                                     "  __u64 f2;\n"
                                     "};\n");
}

TEST(CTypes, NestedTupleNamedFirstGetsItsOwnName) {
  // The outer tuple's name was chosen before its elements were named, so an inner tuple named
  // for the first time inside it got the same number: `struct btc_tuple0` defined twice.
  CTypes types;
  Type inner = Type::tuple({kI64, kI64});
  std::string outer_name = types.name(Type::tuple({kI64, inner}));
  std::string inner_name = types.name(inner);
  EXPECT_NE(outer_name, inner_name);
  // Every struct is defined exactly once.
  std::set<std::string> defined;
  std::string defs = types.definitions();
  for (size_t pos = 0; (pos = defs.find("struct ", pos)) != std::string::npos; pos += 7) {
    if (pos != 0 && defs[pos - 1] != '\n') continue;
    std::string name = defs.substr(pos, defs.find(' ', pos + 7) - pos);
    EXPECT_TRUE(defined.insert(name).second) << name << " defined twice in:\n" << defs;
  }
}

// A record value is btc's layout, not the record's: the members btc reads (the float is left
// out) in order at their natural alignment, ints at their declared width, a char array as a
// string, an array of a nested record; the union's members each get a place of their own.
TEST(CTypes, RecordAndArrayValues) {
  RecordDef in;
  in.name = "ct_in";
  in.is_union = true;
  in.size = 4;
  in.fields = {{"x", Type::integer(16, false), 0}, {"y", Type::integer(32, true), 0}};
  const RecordDef* inner = intern_record(in);
  ASSERT_TRUE(inner);
  RecordDef out;
  out.name = "ct_out";
  out.size = 40;
  out.fields = {{"flag", Type::integer(8, false), 0},
                {"ratio", Type::none(), 4},
                {"name", Type::string(5), 8},
                {"ins", Type::array(Type::record_of(*inner), 2), 16},
                {"p", Type::pointer(Type::none(), AddrSpace::Kernel), 24}};
  const RecordDef* outer = intern_record(out);
  ASSERT_TRUE(outer);
  Type t = Type::record_of(*outer);
  EXPECT_EQ(value_members(*outer).size(), 4u);
  // flag@0, name@1..5, ins@8 (2 x {u16@0, s32@4} = 16), p@24
  EXPECT_EQ(value_member_offsets(*outer), (std::vector<uint32_t>{0, 1, 8, 24}));
  expect_layout(t, 32, 8);
  expect_layout(Type::array(Type::integer(16, true), 3), 6, 2);
  EXPECT_TRUE(is_value_aggregate(t));
  EXPECT_FALSE(is_value_aggregate(Type::array(Type::none(), 2)));
  CTypes types;
  std::string name = types.name(t);
  EXPECT_EQ(types.definitions(), "struct btc_str5 { char s[5]; };\n"
                                 "struct btc_rec0 {\n"
                                 "  __u16 f0;\n"
                                 "  __s32 f1;\n"
                                 "};\n"
                                 "struct btc_arr1 { struct btc_rec0 a[2]; };\n"
                                 "struct btc_rec2 {\n"
                                 "  __u8 f0;\n"
                                 "  struct btc_str5 f1;\n"
                                 "  struct btc_arr1 f2;\n"
                                 "  __u64 f3;\n"
                                 "};\n");
  EXPECT_EQ(name, "struct btc_rec2");
}

} // namespace
} // namespace btc
