// Unit tests of the kernel field table lowering fills for the manifest (lower/kernel_fields).
#include "frontend_test_util.h"
#include "kernel/btf.h"
#include "lower/kernel_fields.h"
#include "lower/lower.h"

#include <gtest/gtest.h>

namespace btc {
namespace {

TEST(KernelFields, LocatesEachUseOnce) {
  SourceFile source("t.bt", "t:timer:timer_start {\n  print(args->now);\n}\n");
  uint32_t at = static_cast<uint32_t>(source.text().find("args->now"));
  KernelFields fields;
  fields.add("trace_event_raw_timer_start", "now", {at, at + 9}, KernelFieldKind::TracepointRecord,
             "timer:timer_start");
  fields.add("trace_event_raw_timer_start", "now", {at, at + 9}, KernelFieldKind::TracepointRecord,
             "timer:timer_start");
  fields.add("task_struct", "real_parent.tgid", {at, at + 4}, KernelFieldKind::Struct);
  std::vector<KernelFieldEntry> entries = fields.entries(source);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].record, "trace_event_raw_timer_start");
  EXPECT_EQ(entries[0].path, "now");
  EXPECT_EQ(entries[0].event, "timer:timer_start");
  EXPECT_EQ(entries[0].line, 2u);
  EXPECT_EQ(entries[0].column, 9u);
  EXPECT_EQ(entries[0].length, 9u);
  EXPECT_EQ(entries[1].kind, KernelFieldKind::Struct);
  EXPECT_EQ(entries[1].length, 4u);
}

TEST(KernelFields, UnderlinesToTheEndOfTheFirstLine) {
  SourceFile source("t.bt", "a\n  x->\n    y\n");
  KernelFields fields;
  fields.add("s", "y", {4, 12}, KernelFieldKind::Struct);
  std::vector<KernelFieldEntry> entries = fields.entries(source);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].line, 2u);
  EXPECT_EQ(entries[0].column, 3u);
  EXPECT_EQ(entries[0].length, 3u);
}

TEST(KernelFields, LoweringRecordsStructAndTracepointFields) {
  // Every CO-RE field read lands in the manifest: kernel struct paths (one per pointer step,
  // offsetof too) as Struct, tracepoint record members as TracepointRecord.
  auto c = test::parse("t:timer:timer_start { print(curtask->real_parent->pid); print(args->now); "
                       "print(offsetof(struct task_struct, tgid)); }");
  ASSERT_TRUE(c->program);
  c->sema = analyze(*c->program, c->diags, {&KernelBtf::get()});
  ASSERT_TRUE(c->sema) << c->diagnostics();
  LowerOutput out = lower(*c->sema, c->source, "", {"t.bpf.c", "t.lines"});
  std::vector<std::string> got;
  for (const KernelFieldEntry& e : out.manifest.kernel_fields)
    got.push_back(std::string(e.kind == KernelFieldKind::Struct ? "struct " : "record ") +
                  e.record + "." + e.path + " " + e.event + " @" + std::to_string(e.column) + "+" +
                  std::to_string(e.length));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "struct task_struct.real_parent  @29+20",
                     "struct task_struct.pid  @29+25",
                     "record trace_event_raw_timer_start.now timer:timer_start @63+9",
                     "struct task_struct.tgid  @81+34",
                 }));
}

TEST(KernelFields, WhateverReadsKernelTypesNeedsTheKernelsBtf) {
  // One manifest fact, set by each thing that makes the tool resolve against the running
  // kernel's BTF: not only kernel fields, but sizeof of a kernel type and BTF-typed probes.
  auto needs_btf = [](const std::string& script) {
    auto c = test::parse(script);
    if (!c->program) return std::string("parse error");
    c->sema = analyze(*c->program, c->diags, {&KernelBtf::get()});
    if (!c->sema) return c->diagnostics();
    LowerOutput out = lower(*c->sema, c->source, "", {"t.bpf.c", "t.lines"});
    return std::string(out.manifest.uses_kernel_btf ? "yes" : "no");
  };
  EXPECT_EQ(needs_btf("BEGIN { print(curtask->pid); }"), "yes");
  EXPECT_EQ(needs_btf("BEGIN { print(sizeof(struct task_struct)); }"), "yes");
  EXPECT_EQ(needs_btf("kfunc:vfs_read { @ = count(); }"), "yes");
  EXPECT_EQ(needs_btf("kretfunc:vfs_read { @ = count(); }"), "yes");
  EXPECT_EQ(needs_btf("iter:task { @ = count(); }"), "yes");
  EXPECT_EQ(needs_btf("t:syscalls:sys_enter_openat { @[comm] = count(); }"), "no");
  EXPECT_EQ(needs_btf("BEGIN { print(sizeof(uint32)); }"), "no");
}

} // namespace
} // namespace btc
