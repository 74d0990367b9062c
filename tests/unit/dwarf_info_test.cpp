// The DWARF reader behind uprobe `args` (compiler/dwarf): parameter types and x86-64 System V
// positions for the functions of tests/targets/dwarf_target.c, and what it refuses.
#include "dwarf/dwarf_info.h"
#include "dwarf/uprobe_args.h"
#include "user/elf_image.h"

#include <gtest/gtest.h>

namespace btc {
namespace {

const std::string kTarget = std::string(BTC_TARGETS_DIR) + "/dwarf_target";

const DwarfFunction* function(const std::string& name) {
  std::string error;
  auto image = rt::ElfImage::open(kTarget, error);
  EXPECT_TRUE(image) << error;
  if (!image) return nullptr;
  auto dwarf = DwarfFile::open(kTarget, error);
  EXPECT_TRUE(dwarf) << error;
  if (!dwarf) return nullptr;
  for (const rt::ElfFunction& f : image->functions())
    if (f.name == name) return dwarf->function_at(f.vaddr);
  ADD_FAILURE() << "no symbol " << name;
  return nullptr;
}

ArgLocation reg(uint8_t r) {
  return {ArgLocation::Where::Register, r, 0};
}
ArgLocation stack(uint32_t offset) {
  return {ArgLocation::Where::Stack, 0, offset};
}

TEST(DwarfInfo, IntegersOfEveryWidthInRegistersThenOnTheStack) {
  const DwarfFunction* f = function("dw_ints");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->name, "dw_ints");
  ASSERT_EQ(f->params.size(), 8u);
  const uint8_t bits[] = {8, 8, 16, 16, 32, 32, 64, 64};
  for (size_t i = 0; i < 8; ++i) {
    const DwarfParam& p = f->params[i];
    EXPECT_EQ(p.name, std::string(1, static_cast<char>('a' + i)));
    EXPECT_TRUE(p.problem.empty()) << p.problem;
    ASSERT_EQ(p.type.kind(), TypeKind::Int) << p.name;
    EXPECT_EQ(p.type.bits(), bits[i]) << p.name;
    EXPECT_EQ(p.type.is_signed(), i % 2 == 0) << p.name;
  }
  EXPECT_EQ(f->params[0].loc, reg(0));
  EXPECT_EQ(f->params[5].loc, reg(5));
  // Above the return address: sargs 0 and 1.
  EXPECT_EQ(f->params[6].loc, stack(8));
  EXPECT_EQ(f->params[7].loc, stack(16));
  EXPECT_EQ(f->params[0].c_type, "int8_t");
}

TEST(DwarfInfo, PointersEnumsAndBools) {
  const DwarfFunction* f = function("dw_shape_ptr");
  ASSERT_TRUE(f);
  ASSERT_EQ(f->params.size(), 4u);
  const DwarfParam& s = f->params[0];
  EXPECT_EQ(s.c_type, "struct dw_shape *");
  ASSERT_EQ(s.type.kind(), TypeKind::Pointer);
  EXPECT_EQ(s.type.addr_space(), AddrSpace::User);
  const RecordDef* r = s.type.pointee()->record();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->name, "dw_shape");
  EXPECT_FALSE(r->from_kernel);
  // The fields a program reads, at the offsets the compiler chose.
  ASSERT_TRUE(r->find("origin"));
  EXPECT_EQ(r->find("origin")->offset, 8u);
  EXPECT_EQ(r->find("origin")->type.kind(), TypeKind::Record);
  EXPECT_EQ(r->find("corner")->type.pointee()->record()->name, "dw_point");
  EXPECT_EQ(r->find("tag")->type.kind(), TypeKind::Str);
  EXPECT_EQ(r->find("tag")->type.str_size(), 8u);
  EXPECT_EQ(r->find("filled")->type.kind(), TypeKind::Bool);
  EXPECT_TRUE(r->find("bits")->type.record()->is_union);
  const DwarfParam& label = f->params[1];
  EXPECT_TRUE(label.type.points_to_char());
  const DwarfParam& color = f->params[2];
  ASSERT_EQ(color.type.kind(), TypeKind::Enum);
  EXPECT_EQ(color.type.enum_def()->name, "dw_color");
  EXPECT_EQ(color.type.enum_def()->values.size(), 3u);
  EXPECT_EQ(color.loc, reg(2));
  EXPECT_EQ(f->params[3].type.kind(), TypeKind::Bool);
  EXPECT_EQ(f->params[3].loc, reg(3));
}

TEST(DwarfInfo, StructsByValue) {
  // Eight bytes in one register, the next argument in the next one.
  const DwarfFunction* point = function("dw_point_value");
  ASSERT_TRUE(point);
  EXPECT_EQ(point->params[0].type.kind(), TypeKind::Record);
  EXPECT_EQ(point->params[0].loc, reg(0));
  EXPECT_EQ(point->params[1].loc, reg(1));
  // More than sixteen: in memory, on the stack; the registers stay for what follows.
  const DwarfFunction* shape = function("dw_shape_value");
  ASSERT_TRUE(shape);
  EXPECT_TRUE(shape->params[0].problem.empty());
  EXPECT_EQ(shape->params[0].loc, stack(8));
  EXPECT_EQ(shape->params[1].loc, reg(0));
  // Sixteen bytes in two registers: refused, and the next argument after both.
  const DwarfFunction* pair = function("dw_pair_value");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->params[0].problem, "a struct dw_pair passed in 2 registers");
  EXPECT_EQ(pair->params[0].type.kind(), TypeKind::None);
  EXPECT_EQ(pair->params[1].loc, reg(2));
}

TEST(DwarfInfo, FloatingPointIsRefusedAndTakesNoIntegerRegister) {
  const DwarfFunction* f = function("dw_scale");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->params[0].problem, "a double (BPF has no floating point)");
  EXPECT_TRUE(f->params[1].problem.empty());
  EXPECT_EQ(f->params[1].loc, reg(0));
}

TEST(DwarfInfo, ReturnTypesInRax) {
  const DwarfFunction* small = function("dw_small");
  ASSERT_TRUE(small);
  EXPECT_TRUE(small->returns.same_node(Type::integer(8, true)));
  const DwarfFunction* pick = function("dw_pick");
  ASSERT_TRUE(pick);
  EXPECT_EQ(pick->returns.kind(), TypeKind::Enum);
  const DwarfFunction* name = function("dw_name");
  ASSERT_TRUE(name);
  EXPECT_TRUE(name->returns.points_to_char());
  // A double comes back in xmm0: no type.
  const DwarfFunction* scale = function("dw_scale");
  ASSERT_TRUE(scale);
  EXPECT_EQ(scale->returns.kind(), TypeKind::None);
}

TEST(DwarfInfo, FilesWithoutDebugInfo) {
  std::string error;
  EXPECT_FALSE(DwarfFile::open("/bin/true", error));
  EXPECT_EQ(error, "/bin/true has no debug info");
}

TEST(UprobeArgs, WildcardsShareWhatEveryFunctionHasAtOnePlace) {
  ResolvedProbe p;
  p.type = ProbeType::Uprobe;
  p.target = kTarget;
  p.symbol = "dw_*_value";
  p.wildcard = true;
  const UprobeArgs& args = uprobe_args(p);
  EXPECT_TRUE(args.problem.empty()) << args.problem;
  EXPECT_TRUE(args.params.empty());
  EXPECT_EQ(args.param_problems.count("after"), 1u);
  EXPECT_FALSE(args.build_id.empty());

  p.symbol = "dw_ints";
  p.wildcard = false;
  p.offset = 4;
  EXPECT_EQ(uprobe_args(p).problem.rfind("args are known only at a function's entry", 0), 0u);
}

} // namespace
} // namespace btc
