// Unit tests of sema's types: names, assignability and the common type of two values.
#include "types/types.h"

#include "frontend_test_util.h"

#include <gtest/gtest.h>

namespace btc {
namespace {

using test::lhist;
using test::tuple;

Type pointer(bool to_char) {
  Type t = Type::of(TypeKind::Pointer);
  t.points_to_char = to_char;
  return t;
}

const Type kI64 = Type::integer();
const Type kU64 = Type::integer(64, false);
const Type kStr16 = Type::string(16);
const Type kStr64 = Type::string(64);

// ---- type_name ----------------------------------------------------------------------------------

TEST(Types, TypeNameOfScalars) {
  EXPECT_EQ(type_name(Type::none()), "none");
  EXPECT_EQ(type_name(kI64), "int64");
  EXPECT_EQ(type_name(kU64), "uint64");
  EXPECT_EQ(type_name(Type::integer(8, true)), "int8");
  EXPECT_EQ(type_name(Type::integer(16, false)), "uint16");
  EXPECT_EQ(type_name(Type::integer(32, true)), "int32");
  EXPECT_EQ(type_name(kStr16), "string[16]");
  EXPECT_EQ(type_name(Type::string(1)), "string[1]");
  EXPECT_EQ(type_name(Type::of(TypeKind::Timestamp)), "timestamp");
  EXPECT_EQ(type_name(pointer(false)), "pointer");
  EXPECT_EQ(type_name(pointer(true)), "char *");
  EXPECT_EQ(type_name(Type::of(TypeKind::Args)), "args");
}

TEST(Types, TypeNameOfAggregations) {
  EXPECT_EQ(type_name(Type::of(TypeKind::Count)), "count");
  EXPECT_EQ(type_name(Type::of(TypeKind::Sum)), "sum");
  EXPECT_EQ(type_name(Type::of(TypeKind::Min)), "min");
  EXPECT_EQ(type_name(Type::of(TypeKind::Max)), "max");
  EXPECT_EQ(type_name(Type::of(TypeKind::Avg)), "avg");
  EXPECT_EQ(type_name(Type::of(TypeKind::Stats)), "stats");
  EXPECT_EQ(type_name(Type::of(TypeKind::Hist)), "hist");
  EXPECT_EQ(type_name(lhist(0, 100, 10)), "lhist(0, 100, 10)");
}

TEST(Types, TypeNameOfTuples) {
  EXPECT_EQ(type_name(tuple({kI64, kStr64})), "(int64,string[64])");
  EXPECT_EQ(type_name(tuple({kU64, tuple({kStr16, kI64}), kStr64})),
            "(uint64,(string[16],int64),string[64])");
  EXPECT_EQ(type_name(tuple({})), "()");
}

TEST(Types, Predicates) {
  EXPECT_TRUE(kI64.is_int());
  EXPECT_TRUE(pointer(true).is_int());
  EXPECT_FALSE(kStr16.is_int());
  EXPECT_TRUE(kStr16.is_str());
  EXPECT_FALSE(kI64.is_str());
  for (TypeKind k : {TypeKind::Count, TypeKind::Sum, TypeKind::Min, TypeKind::Max, TypeKind::Avg,
                     TypeKind::Stats, TypeKind::Hist, TypeKind::LHist})
    EXPECT_TRUE(Type::of(k).is_aggregation()) << type_name(Type::of(k));
  for (TypeKind k : {TypeKind::None, TypeKind::Int, TypeKind::Bool, TypeKind::Str, TypeKind::Tuple,
                     TypeKind::Timestamp, TypeKind::Pointer, TypeKind::Record, TypeKind::Array,
                     TypeKind::Enum, TypeKind::Stack, TypeKind::Args})
    EXPECT_FALSE(Type::of(k).is_aggregation()) << type_name(Type::of(k));
}

// ---- equality -----------------------------------------------------------------------------------

TEST(Types, Equality) {
  EXPECT_EQ(kI64, Type::integer());
  EXPECT_FALSE(kI64 == kU64);
  EXPECT_EQ(kStr16, Type::string(16));
  EXPECT_FALSE(kStr16 == kStr64);
  EXPECT_FALSE(kStr16 == kI64);
  EXPECT_EQ(tuple({kI64, kStr16}), tuple({kI64, kStr16}));
  EXPECT_FALSE(tuple({kI64, kStr16}) == tuple({kI64, kStr64}));
  EXPECT_FALSE(tuple({kI64}) == tuple({kI64, kI64}));
  EXPECT_EQ(lhist(0, 100, 10), lhist(0, 100, 10));
  EXPECT_FALSE(lhist(0, 100, 10) == lhist(0, 100, 5));
  EXPECT_FALSE(lhist(0, 100, 10) == lhist(1, 100, 10));
  EXPECT_FALSE(lhist(0, 100, 10) == lhist(0, 200, 10));
  EXPECT_EQ(Type::of(TypeKind::Count), Type::of(TypeKind::Count));
  EXPECT_FALSE(Type::of(TypeKind::Count) == Type::of(TypeKind::Sum));
}

// ---- assignable ---------------------------------------------------------------------------------

TEST(Types, AssignableIntegers) {
  EXPECT_TRUE(assignable(kI64, kU64));
  EXPECT_TRUE(assignable(kU64, kI64));
  EXPECT_TRUE(assignable(Type::integer(8, false), kI64));
  EXPECT_TRUE(assignable(kI64, pointer(true)));
  EXPECT_TRUE(assignable(pointer(false), kU64));
  EXPECT_FALSE(assignable(kI64, kStr16));
  EXPECT_FALSE(assignable(kStr16, kI64));
  EXPECT_FALSE(assignable(kI64, tuple({kI64})));
  EXPECT_FALSE(assignable(kI64, Type::of(TypeKind::Count)));
}

TEST(Types, AssignableStringsOfAnySize) {
  EXPECT_TRUE(assignable(kStr16, kStr64));
  EXPECT_TRUE(assignable(kStr64, kStr16));
  EXPECT_FALSE(assignable(kStr16, Type::of(TypeKind::Timestamp)));
}

TEST(Types, AssignableTuples) {
  EXPECT_TRUE(assignable(tuple({kI64, kStr16}), tuple({kU64, kStr64})));
  EXPECT_FALSE(assignable(tuple({kI64, kStr16}), tuple({kStr16, kI64})));
  EXPECT_FALSE(assignable(tuple({kI64, kStr16}), tuple({kI64, kStr16, kI64})));
  EXPECT_FALSE(assignable(tuple({kI64}), tuple({})));
  EXPECT_TRUE(assignable(tuple({kI64, tuple({kStr16})}), tuple({kI64, tuple({kStr64})})));
  EXPECT_FALSE(assignable(tuple({kI64, tuple({kStr16})}), tuple({kI64, tuple({kI64})})));
}

TEST(Types, AssignableAggregations) {
  for (TypeKind k : {TypeKind::Count, TypeKind::Sum, TypeKind::Min, TypeKind::Max, TypeKind::Avg,
                     TypeKind::Stats, TypeKind::Hist}) {
    EXPECT_TRUE(assignable(Type::of(k), Type::of(k))) << type_name(Type::of(k));
    EXPECT_FALSE(assignable(Type::of(k), kI64)) << type_name(Type::of(k));
  }
  EXPECT_FALSE(assignable(Type::of(TypeKind::Count), Type::of(TypeKind::Sum)));
  EXPECT_FALSE(assignable(Type::of(TypeKind::Avg), Type::of(TypeKind::Stats)));
  EXPECT_TRUE(assignable(lhist(0, 100, 10), lhist(0, 100, 10)));
  EXPECT_FALSE(assignable(lhist(0, 100, 10), lhist(0, 100, 20)));
  EXPECT_FALSE(assignable(Type::of(TypeKind::Hist), lhist(0, 100, 10)));
}

// ---- common_type --------------------------------------------------------------------------------

TEST(Types, CommonTypeOfStringsIsTheWider) {
  EXPECT_EQ(common_type(kStr16, kStr64), kStr64);
  EXPECT_EQ(common_type(kStr64, kStr16), kStr64);
  EXPECT_EQ(common_type(Type::string(6), Type::string(6)), Type::string(6));
}

TEST(Types, CommonTypeOfIntegers) {
  EXPECT_EQ(common_type(kI64, kI64), kI64);
  EXPECT_EQ(common_type(kI64, kU64), kU64);
  EXPECT_EQ(common_type(kU64, kI64), kU64);
  Type t = common_type(Type::integer(8, true), Type::integer(16, true));
  EXPECT_EQ(t.kind, TypeKind::Int);
  EXPECT_EQ(t.bits, 64);
  EXPECT_TRUE(t.is_signed);
  t = common_type(Type::integer(32, false), Type::integer(32, false));
  EXPECT_EQ(t.bits, 64);
  EXPECT_FALSE(t.is_signed);
}

TEST(Types, CommonTypeOfTuplesIsElementwise) {
  Type t = common_type(tuple({kI64, kStr16, tuple({kStr64})}),
                       tuple({kU64, kStr64, tuple({Type::string(8)})}));
  EXPECT_EQ(t, tuple({kU64, kStr64, tuple({kStr64})}));
  EXPECT_EQ(type_name(t), "(uint64,string[64],(string[64]))");
}

TEST(Types, CommonTypeOfOtherKindsIsTheFirst) {
  EXPECT_EQ(common_type(Type::of(TypeKind::Count), Type::of(TypeKind::Count)),
            Type::of(TypeKind::Count));
  EXPECT_EQ(common_type(lhist(0, 10, 1), lhist(0, 10, 1)), lhist(0, 10, 1));
}

// ---- types of kernel data -----------------------------------------------------------------------

RecordDef task_record(uint32_t pid_offset) {
  RecordDef def;
  def.name = "btc_test_task";
  def.size = 16;
  def.fields = {{"pid", Type::integer(32, true), pid_offset}, {"comm", Type::string(8), 8}};
  return def;
}

TEST(Types, RecordsAreInternedByName) {
  const RecordDef* a = intern_record(task_record(0));
  const RecordDef* b = intern_record(task_record(0));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a, b);
  EXPECT_EQ(intern_record(task_record(4)), nullptr) << "one layout per name";
  ASSERT_NE(a->find("comm"), nullptr);
  EXPECT_EQ(a->find("comm")->offset, 8u);
  EXPECT_EQ(a->find("nope"), nullptr);
  EXPECT_EQ(type_name(Type::record_of(*a)), "struct btc_test_task");
  EXPECT_EQ(Type::record_of(*a), Type::record_of(*b));
}

TEST(Types, AnonymousRecordsAreInternedByLayout) {
  RecordDef u;
  u.is_union = true;
  u.size = 8;
  u.fields = {{"a", kI64, 0}, {"b", kU64, 0}};
  const RecordDef* x = intern_record(u);
  EXPECT_EQ(x, intern_record(u));
  u.fields[1].type = Type::integer(32, false);
  const RecordDef* y = intern_record(u);
  ASSERT_NE(y, nullptr);
  EXPECT_NE(x, y);
  EXPECT_EQ(type_name(Type::record_of(*x)), "union (anonymous)");
  EXPECT_FALSE(Type::record_of(*x) == Type::record_of(*y));
  EXPECT_FALSE(assignable(Type::record_of(*x), Type::record_of(*y)));
}

TEST(Types, PointersKeepTheirPointeeAndAddressSpace) {
  const RecordDef* task = intern_record(task_record(0));
  Type kptr = Type::pointer(Type::record_of(*task), AddrSpace::Kernel);
  Type uptr = Type::pointer(Type::record_of(*task), AddrSpace::User);
  EXPECT_EQ(type_name(kptr), "struct btc_test_task *");
  EXPECT_EQ(kptr, Type::pointer(Type::record_of(*task), AddrSpace::Kernel));
  EXPECT_FALSE(kptr == uptr);
  EXPECT_EQ(kptr.pointee, Type::pointer(Type::record_of(*task), AddrSpace::Kernel).pointee);
  Type chars = Type::pointer(Type::integer(8, true), AddrSpace::User);
  EXPECT_TRUE(chars.points_to_char);
  EXPECT_EQ(type_name(chars), "int8 *");
  Type pp = Type::pointer(kptr, AddrSpace::Kernel);
  EXPECT_EQ(type_name(pp), "struct btc_test_task * *");
  Type void_ptr = Type::pointer(Type::none(), AddrSpace::Kernel);
  EXPECT_EQ(void_ptr.pointee, nullptr);
  EXPECT_TRUE(kptr.is_int()) << "pointers are addresses: arithmetic and comparisons work";
}

TEST(Types, Arrays) {
  Type a = Type::array(Type::integer(32, true), 4);
  EXPECT_EQ(type_name(a), "int32[4]");
  EXPECT_EQ(a, Type::array(Type::integer(32, true), 4));
  EXPECT_FALSE(a == Type::array(Type::integer(32, true), 5));
  EXPECT_FALSE(a == Type::array(Type::integer(32, false), 4));
  EXPECT_TRUE(assignable(a, Type::array(Type::integer(32, true), 4)));
  EXPECT_FALSE(assignable(a, Type::array(Type::integer(32, true), 2)));
  EXPECT_FALSE(a.is_int());
}

TEST(Types, EnumsAreIntegersWithNames) {
  EnumDef def;
  def.name = "btc_test_state";
  def.bits = 32;
  def.values = {{"RUNNING", 0}, {"SLEEPING", 1}};
  const EnumDef* e = intern_enum(def);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e, intern_enum(def));
  def.values.push_back({"DEAD", 2});
  EXPECT_EQ(intern_enum(def), nullptr);
  Type t = Type::enum_of(*e);
  EXPECT_EQ(type_name(t), "enum btc_test_state");
  EXPECT_EQ(t.bits, 32);
  EXPECT_TRUE(t.is_int());
  EXPECT_TRUE(assignable(kI64, t));
}

TEST(Types, BoolAndStacks) {
  EXPECT_EQ(type_name(Type::boolean()), "bool");
  EXPECT_EQ(Type::boolean(), Type::boolean());
  EXPECT_FALSE(Type::boolean().is_int());
  EXPECT_FALSE(assignable(Type::boolean(), kI64));
  EXPECT_EQ(type_name(Type::stack(false, 0)), "kstack");
  EXPECT_EQ(type_name(Type::stack(true, 0)), "ustack");
  EXPECT_EQ(type_name(Type::stack(false, 10, StackMode::Perf)), "kstack(perf, 10)");
  EXPECT_FALSE(Type::stack(false, 0) == Type::stack(true, 0));
  EXPECT_FALSE(assignable(Type::stack(false, 0), Type::stack(false, 5)));
  EXPECT_TRUE(assignable(Type::stack(true, 0), Type::stack(true, 0)));
}

TEST(Types, InterningIsByStructure) {
  EXPECT_EQ(intern(tuple({kI64, kStr16})), intern(tuple({kI64, kStr16})));
  EXPECT_NE(intern(tuple({kI64, kStr16})), intern(tuple({kI64, kStr64})));
  EXPECT_NE(intern(kI64), intern(kU64));
  EXPECT_EQ(*intern(lhist(0, 10, 1)), lhist(0, 10, 1));
}

} // namespace
} // namespace btc
