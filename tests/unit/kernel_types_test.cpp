// Lowering of kernel data: the ___btc records a program declares and the list of kernel field
// uses it hands on (record, member path, source range).
#include "frontend_test_util.h"
#include "kernel/btf.h"
#include "lower/kernel_types.h"
#include "lower/lower.h"

#include <gtest/gtest.h>

namespace btc {
namespace {

TEST(KernelTypes, KernelRecordsHoldOnlyTheMembersUsed) {
  RecordDef inner;
  inner.name = "btc_kt_inner";
  inner.from_kernel = true;
  inner.size = 16;
  inner.fields = {{"a", Type::integer(64, false), 0, 0, 0},
                  {"b", Type::integer(32, true), 8, 0, 0}};
  const RecordDef* in = intern_record(inner);
  RecordDef outer;
  outer.name = "btc_kt_outer";
  outer.from_kernel = true;
  outer.size = 64;
  outer.fields = {{"arr", Type::array(Type::record_of(*in), 4), 0, 0, 0},
                  {"flag", Type::integer(32, false), 32, 3, 2},
                  {"name", Type::string(8), 36, 0, 0},
                  {"unused", Type::integer(64, true), 48, 0, 0}};
  const RecordDef* out = intern_record(outer);
  RecordDef holder;
  holder.name = "btc_kt_holder";
  holder.from_kernel = true;
  holder.size = 16;
  holder.fields = {{"p", Type::pointer(Type::record_of(*out), AddrSpace::Kernel), 0, 0, 0},
                   {"q", Type::pointer(Type::record_of(*in), AddrSpace::Kernel), 8, 0, 0}};
  const RecordDef* h = intern_record(holder);

  KernelTypes k;
  k.use_member(*h, *h->find("p"));
  k.use_member(*h, *h->find("q"));
  k.use_member(*out, *out->find("arr"));
  k.use_member(*out, *out->find("flag"));
  k.use_member(*out, *out->find("name"));
  k.use_member(*in, *in->find("b"));
  CWriter w;
  k.write(w);
  EXPECT_EQ(w.text(),
            "struct btc_kt_holder___btc;\n"
            "struct btc_kt_outer___btc;\n"
            "struct btc_kt_inner___btc;\n"
            "struct btc_kt_holder___btc { struct btc_kt_outer___btc *p; struct btc_kt_inner___btc "
            "*q; } __attribute__((preserve_access_index));\n"
            "struct btc_kt_inner___btc { __s32 b; } __attribute__((preserve_access_index));\n"
            "struct btc_kt_outer___btc { struct btc_kt_inner___btc arr[4]; __u32 flag : 2; char "
            "name[8]; } __attribute__((preserve_access_index));\n");
}

TEST(KernelTypes, ScriptRecordsKeepTheirOwnLayout) {
  RecordDef def;
  def.name = "btc_kt_script";
  def.size = 16;
  def.fields = {{"a", Type::integer(8, false), 0, 0, 0},
                {"b", Type::integer(32, true), 4, 0, 0},
                {"c", Type::pointer({}, AddrSpace::Kernel), 8, 0, 0}};
  const RecordDef* r = intern_record(def);
  KernelTypes k;
  EXPECT_EQ(k.c_name(*r), "struct btc_kt_script");
  k.use_member(*r, *r->find("b"));
  CWriter w;
  k.write(w);
  EXPECT_EQ(w.text(), "struct btc_kt_script;\n"
                      "struct btc_kt_script { __u8 a; char __btc_pad0[3]; __s32 b; void *c; } "
                      "__attribute__((packed));\n"
                      "_Static_assert(sizeof(struct btc_kt_script) == 16, \"btc layout: struct "
                      "btc_kt_script size\");\n");
}

TEST(KernelTypes, LoweringListsEveryKernelFieldUse) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no kernel BTF";
  std::string script =
      "BEGIN { $x = curtask->real_parent->tgid; $y = curtask->signal->rlim[7].rlim_cur; }";
  auto c = test::parse(script);
  ASSERT_TRUE(c->program);
  c->sema = analyze(*c->program, c->diags, {&KernelBtf::get()});
  ASSERT_TRUE(c->sema) << c->diagnostics();
  LowerPaths paths{"x.bpf.c", "x.lines"};
  LowerOutput out = lower(*c->sema, c->source, "", paths);
  // Inner reads first: a pointer step is read before the field behind it.
  ASSERT_EQ(out.manifest.kernel_fields.size(), 4u);
  EXPECT_EQ(out.manifest.kernel_fields[0].record, "task_struct");
  EXPECT_EQ(out.manifest.kernel_fields[0].path, "real_parent");
  EXPECT_EQ(out.manifest.kernel_fields[1].record, "task_struct");
  EXPECT_EQ(out.manifest.kernel_fields[1].path, "tgid");
  EXPECT_EQ(out.manifest.kernel_fields[1].column, 14u);
  EXPECT_EQ(out.manifest.kernel_fields[1].length, script.find(';') - 13);
  EXPECT_EQ(out.manifest.kernel_fields[2].path, "signal");
  EXPECT_EQ(out.manifest.kernel_fields[3].record, "signal_struct");
  EXPECT_EQ(out.manifest.kernel_fields[3].path, "rlim[7].rlim_cur");
  // A script without kernel types declares none.
  auto plain = test::analyze_script("BEGIN { $x = pid; }");
  ASSERT_TRUE(plain->sema);
  LowerOutput none = lower(*plain->sema, plain->source, "", paths);
  EXPECT_TRUE(none.manifest.kernel_fields.empty());
  EXPECT_EQ(none.c_source.find("___btc"), std::string::npos);
}

} // namespace
} // namespace btc
