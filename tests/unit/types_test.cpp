// Unit tests of sema's types: names, assignability and the common type of two values.
#include "types/types.h"

#include "frontend_test_util.h"

#include <gtest/gtest.h>

namespace btc {
namespace {

Type pointer(bool to_char) {
  return Type::untyped_pointer(to_char);
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
  EXPECT_EQ(type_name(Type::lhist(0, 100, 10)), "lhist(0, 100, 10)");
}

TEST(Types, TypeNameOfTuples) {
  EXPECT_EQ(type_name(Type::tuple({kI64, kStr64})), "(int64,string[64])");
  EXPECT_EQ(type_name(Type::tuple({kU64, Type::tuple({kStr16, kI64}), kStr64})),
            "(uint64,(string[16],int64),string[64])");
  EXPECT_EQ(type_name(Type::tuple({})), "()");
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
  EXPECT_EQ(Type::tuple({kI64, kStr16}), Type::tuple({kI64, kStr16}));
  EXPECT_FALSE(Type::tuple({kI64, kStr16}) == Type::tuple({kI64, kStr64}));
  EXPECT_FALSE(Type::tuple({kI64}) == Type::tuple({kI64, kI64}));
  EXPECT_EQ(Type::lhist(0, 100, 10), Type::lhist(0, 100, 10));
  EXPECT_FALSE(Type::lhist(0, 100, 10) == Type::lhist(0, 100, 5));
  EXPECT_FALSE(Type::lhist(0, 100, 10) == Type::lhist(1, 100, 10));
  EXPECT_FALSE(Type::lhist(0, 100, 10) == Type::lhist(0, 200, 10));
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
  EXPECT_FALSE(assignable(kI64, Type::tuple({kI64})));
  EXPECT_FALSE(assignable(kI64, Type::of(TypeKind::Count)));
}

TEST(Types, AssignableStringsOfAnySize) {
  EXPECT_TRUE(assignable(kStr16, kStr64));
  EXPECT_TRUE(assignable(kStr64, kStr16));
  EXPECT_FALSE(assignable(kStr16, Type::of(TypeKind::Timestamp)));
}

TEST(Types, AssignableTuples) {
  EXPECT_TRUE(assignable(Type::tuple({kI64, kStr16}), Type::tuple({kU64, kStr64})));
  EXPECT_FALSE(assignable(Type::tuple({kI64, kStr16}), Type::tuple({kStr16, kI64})));
  EXPECT_FALSE(assignable(Type::tuple({kI64, kStr16}), Type::tuple({kI64, kStr16, kI64})));
  EXPECT_FALSE(assignable(Type::tuple({kI64}), Type::tuple({})));
  EXPECT_TRUE(assignable(Type::tuple({kI64, Type::tuple({kStr16})}),
                         Type::tuple({kI64, Type::tuple({kStr64})})));
  EXPECT_FALSE(assignable(Type::tuple({kI64, Type::tuple({kStr16})}),
                          Type::tuple({kI64, Type::tuple({kI64})})));
}

TEST(Types, AssignableAggregations) {
  for (TypeKind k : {TypeKind::Count, TypeKind::Sum, TypeKind::Min, TypeKind::Max, TypeKind::Avg,
                     TypeKind::Stats, TypeKind::Hist}) {
    EXPECT_TRUE(assignable(Type::of(k), Type::of(k))) << type_name(Type::of(k));
    EXPECT_FALSE(assignable(Type::of(k), kI64)) << type_name(Type::of(k));
  }
  EXPECT_FALSE(assignable(Type::of(TypeKind::Count), Type::of(TypeKind::Sum)));
  EXPECT_FALSE(assignable(Type::of(TypeKind::Avg), Type::of(TypeKind::Stats)));
  EXPECT_TRUE(assignable(Type::lhist(0, 100, 10), Type::lhist(0, 100, 10)));
  EXPECT_FALSE(assignable(Type::lhist(0, 100, 10), Type::lhist(0, 100, 20)));
  EXPECT_FALSE(assignable(Type::of(TypeKind::Hist), Type::lhist(0, 100, 10)));
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
  EXPECT_EQ(t.kind(), TypeKind::Int);
  EXPECT_EQ(t.bits(), 64);
  EXPECT_TRUE(t.is_signed());
  t = common_type(Type::integer(32, false), Type::integer(32, false));
  EXPECT_EQ(t.bits(), 64);
  EXPECT_FALSE(t.is_signed());
}

TEST(Types, CommonTypeOfTuplesIsElementwise) {
  Type t = common_type(Type::tuple({kI64, kStr16, Type::tuple({kStr64})}),
                       Type::tuple({kU64, kStr64, Type::tuple({Type::string(8)})}));
  EXPECT_EQ(t, Type::tuple({kU64, kStr64, Type::tuple({kStr64})}));
  EXPECT_EQ(type_name(t), "(uint64,string[64],(string[64]))");
}

TEST(Types, CommonTypeOfOtherKindsIsTheFirst) {
  EXPECT_EQ(common_type(Type::of(TypeKind::Count), Type::of(TypeKind::Count)),
            Type::of(TypeKind::Count));
  EXPECT_EQ(common_type(Type::lhist(0, 10, 1), Type::lhist(0, 10, 1)), Type::lhist(0, 10, 1));
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
  EXPECT_EQ(kptr.pointee(), Type::pointer(Type::record_of(*task), AddrSpace::Kernel).pointee());
  Type chars = Type::pointer(Type::integer(8, true), AddrSpace::User);
  EXPECT_TRUE(chars.points_to_char());
  EXPECT_EQ(type_name(chars), "int8 *");
  Type pp = Type::pointer(kptr, AddrSpace::Kernel);
  EXPECT_EQ(type_name(pp), "struct btc_test_task * *");
  Type void_ptr = Type::pointer(Type::none(), AddrSpace::Kernel);
  EXPECT_EQ(void_ptr.pointee(), nullptr);
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
  EXPECT_EQ(t.bits(), 32);
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

// ---- interning ----------------------------------------------------------------------------------

TEST(Types, EqualTypesAreOneNode) {
  EXPECT_TRUE(Type::integer(32, false).same_node(Type::integer(32, false)));
  EXPECT_FALSE(Type::integer(32, false).same_node(Type::integer(64, false)));
  EXPECT_FALSE(kI64.same_node(kU64));
  EXPECT_TRUE(Type::string(16).same_node(kStr16));
  EXPECT_TRUE(Type::boolean().same_node(Type::of(TypeKind::Bool)));
  EXPECT_TRUE(Type::of(TypeKind::Count).same_node(Type::of(TypeKind::Count)));
  EXPECT_TRUE(Type::lhist(0, 10, 1).same_node(Type::lhist(0, 10, 1)));
  EXPECT_FALSE(Type::lhist(0, 10, 1).same_node(Type::lhist(0, 10, 2)));
  EXPECT_TRUE(Type::timestamp("%H").same_node(Type::timestamp("%H")));
  EXPECT_FALSE(Type::timestamp("%H").same_node(Type::timestamp("%M")));
  EXPECT_TRUE(
      Type::stack(true, 5, StackMode::Perf).same_node(Type::stack(true, 5, StackMode::Perf)));
  EXPECT_FALSE(Type::stack(true, 5).same_node(Type::stack(true, 5, StackMode::Raw)));
  EXPECT_TRUE(Type::untyped_pointer(true).same_node(Type::untyped_pointer(true)));
  EXPECT_FALSE(Type::untyped_pointer(true).same_node(Type::untyped_pointer(false)));
  EXPECT_EQ(kI64.identity(), Type::integer().identity());
  EXPECT_NE(kI64.identity(), kU64.identity());
}

TEST(Types, TheUnknownTypeIsTheEmptyHandle) {
  Type t;
  EXPECT_EQ(t.kind(), TypeKind::None);
  EXPECT_TRUE(t.same_node(Type::none()));
  EXPECT_TRUE(t.same_node(Type::of(TypeKind::None)));
  EXPECT_EQ(t.identity(), nullptr);
  EXPECT_TRUE(t.elems().empty());
  EXPECT_EQ(t.pointee(), nullptr);
  EXPECT_EQ(t.record(), nullptr);
}

TEST(Types, TuplesAreBuiltOfInternedElements) {
  Type a = Type::tuple({kI64, Type::tuple({kStr16, kU64})});
  Type b =
      Type::tuple({Type::integer(), Type::tuple({Type::string(16), Type::integer(64, false)})});
  EXPECT_TRUE(a.same_node(b));
  ASSERT_EQ(a.elems().size(), 2u);
  EXPECT_TRUE(a.elems()[0].same_node(kI64));
  EXPECT_TRUE(a.elems()[1].same_node(Type::tuple({kStr16, kU64})));
  EXPECT_EQ(&a.elems(), &b.elems()) << "one node holds the elements of both";
  EXPECT_FALSE(a.same_node(Type::tuple({kI64, Type::tuple({kStr64, kU64})})));
  EXPECT_FALSE(Type::tuple({kI64}).same_node(Type::tuple({kI64, kI64})));
  EXPECT_TRUE(Type::tuple({}).same_node(Type::of(TypeKind::Tuple)));
}

TEST(Types, PointeesAndElementsAreInterned) {
  Type p = Type::pointer(Type::integer(8, true), AddrSpace::User);
  EXPECT_TRUE(p.same_node(Type::pointer(Type::integer(8, true), AddrSpace::User)));
  ASSERT_NE(p.pointee(), nullptr);
  EXPECT_TRUE(p.pointee()->same_node(Type::integer(8, true)));
  EXPECT_FALSE(p.same_node(Type::pointer(Type::integer(8, true), AddrSpace::Kernel)));
  Type a = Type::array(kStr16, 3);
  EXPECT_TRUE(a.same_node(Type::array(Type::string(16), 3)));
  EXPECT_TRUE(a.pointee()->same_node(kStr16));
  EXPECT_EQ(a.count(), 3u);
  EXPECT_TRUE(Type::pointer(Type::none(), AddrSpace::None).same_node(Type::of(TypeKind::Pointer)));
}

TEST(Types, FactoriesSetTheirParameters) {
  Type i = Type::integer(16, false);
  EXPECT_EQ(i.kind(), TypeKind::Int);
  EXPECT_EQ(i.bits(), 16);
  EXPECT_FALSE(i.is_signed());
  EXPECT_EQ(Type::string(7).str_size(), 7u);
  Type l = Type::lhist(2, 20, 3);
  EXPECT_EQ(l.kind(), TypeKind::LHist);
  EXPECT_EQ(l.lhist_min(), 2);
  EXPECT_EQ(l.lhist_max(), 20);
  EXPECT_EQ(l.lhist_step(), 3);
  Type ts = Type::timestamp("%H:%M");
  EXPECT_EQ(ts.kind(), TypeKind::Timestamp);
  EXPECT_EQ(ts.strftime_fmt(), "%H:%M");
  Type s = Type::stack(true, 7, StackMode::Raw);
  EXPECT_TRUE(s.user_stack());
  EXPECT_EQ(s.count(), 7u);
  EXPECT_EQ(s.stack_mode(), StackMode::Raw);
  Type p = Type::pointer(kI64, AddrSpace::Kernel);
  EXPECT_EQ(p.addr_space(), AddrSpace::Kernel);
  EXPECT_FALSE(p.points_to_char());
  EXPECT_TRUE(Type::untyped_pointer(true).points_to_char());
  EXPECT_EQ(Type::untyped_pointer(true).pointee(), nullptr);
}

TEST(Types, EqualityIsLooserThanIdentity) {
  // Sema compares integers by signedness and timestamps by kind; the nodes still differ.
  EXPECT_EQ(Type::integer(8, true), Type::integer(64, true));
  EXPECT_FALSE(Type::integer(8, true).same_node(Type::integer(64, true)));
  EXPECT_EQ(Type::timestamp("%H"), Type::timestamp("%M"));
  EXPECT_FALSE(Type::timestamp("%H").same_node(Type::timestamp("%M")));
  // Inside a tuple the widths count, as before interning.
  EXPECT_FALSE(Type::tuple({Type::integer(8, true)}) == Type::tuple({kI64}));
}

// ---- records (named tuples)
// ----------------------------------------------------------------------

TEST(Types, RecordTuples) {
  Type ab = Type::record_tuple({kI64, kStr16}, {"a", "b"});
  Type ba = Type::record_tuple({kStr64, kI64}, {"b", "a"});
  EXPECT_EQ(type_name(ab), "(a=int64,b=string[16])");
  EXPECT_TRUE(ab.is_record_tuple());
  EXPECT_FALSE(Type::tuple({kI64, kStr16}).is_record_tuple());
  EXPECT_EQ(ab.field_index("b"), 1);
  EXPECT_EQ(ab.field_index("c"), -1);
  // A record is not the tuple of its elements, nor a record of other names.
  EXPECT_FALSE(ab == Type::tuple({kI64, kStr16}));
  EXPECT_FALSE(assignable(ab, Type::tuple({kI64, kStr16})));
  EXPECT_FALSE(assignable(Type::tuple({kI64, kStr16}), ab));
  EXPECT_FALSE(assignable(ab, Type::record_tuple({kI64, kStr16}, {"a", "c"})));
  EXPECT_FALSE(assignable(ab, Type::record_tuple({kI64}, {"a"})));
  // The same fields in another order match by name; the common type keeps the first order and
  // widens by name.
  EXPECT_TRUE(assignable(ab, ba));
  EXPECT_FALSE(assignable(ab, Type::record_tuple({kI64, kStr16}, {"b", "a"})));
  EXPECT_EQ(common_type(ab, ba), Type::record_tuple({kI64, kStr64}, {"a", "b"}));
}

TEST(Types, CopiesShareTheNode) {
  Type a = Type::tuple({kI64, kStr64});
  Type b = a;
  EXPECT_TRUE(a.same_node(b));
  b = kU64;
  EXPECT_TRUE(a.same_node(Type::tuple({kI64, kStr64}))) << "assigning a handle leaves the node";
  static_assert(sizeof(Type) == sizeof(void*));
}

} // namespace
} // namespace btc
