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
  for (TypeKind k : {TypeKind::None, TypeKind::Int, TypeKind::Str, TypeKind::Tuple,
                     TypeKind::Timestamp, TypeKind::Pointer, TypeKind::Args})
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

} // namespace
} // namespace btc
