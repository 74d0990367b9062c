// KernelBtf: BTF to btc types, against the host's kernel BTF and against a small BTF file
// written here (what --btf reads).
#include "kernel/btf.h"

#include <bpf/btf.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace btc {
namespace {

bool host_has_btf() {
  return KernelBtf::get().data() != nullptr;
}

TEST(KernelBtfHost, TaskStructFieldsAndRecursion) {
  if (!host_has_btf()) GTEST_SKIP() << "no /sys/kernel/btf/vmlinux";
  KernelBtf& k = KernelBtf::get();
  const RecordDef* task = k.record("task_struct", false);
  ASSERT_NE(task, nullptr);
  EXPECT_TRUE(task->from_kernel);
  EXPECT_FALSE(task->is_union);
  EXPECT_GT(task->size, 1000u);
  EXPECT_EQ(k.record("task_struct", false), task) << "interned once";

  const RecordField* pid = task->find("pid");
  ASSERT_NE(pid, nullptr);
  EXPECT_EQ(pid->type, Type::integer(32, true)) << "pid_t looked through";
  EXPECT_EQ(pid->type.bits(), 32);
  const RecordField* comm = task->find("comm");
  ASSERT_NE(comm, nullptr);
  EXPECT_EQ(comm->type.kind(), TypeKind::Str) << "char arrays are strings";
  EXPECT_EQ(comm->type.str_size(), 16u);

  // task_struct points to itself: the pointee is the same interned record.
  const RecordField* parent = task->find("real_parent");
  ASSERT_NE(parent, nullptr);
  ASSERT_EQ(parent->type.kind(), TypeKind::Pointer);
  EXPECT_EQ(parent->type.addr_space(), AddrSpace::Kernel);
  EXPECT_EQ(parent->type.pointee()->record(), task);

  const RecordField* in_execve = task->find("in_execve");
  ASSERT_NE(in_execve, nullptr);
  EXPECT_EQ(in_execve->bit_size, 1);

  const RecordField* signal = task->find("signal");
  ASSERT_NE(signal, nullptr);
  const RecordField* rlim = signal->type.pointee()->record()->find("rlim");
  ASSERT_NE(rlim, nullptr);
  ASSERT_EQ(rlim->type.kind(), TypeKind::Array);
  EXPECT_EQ(rlim->type.count(), 16u);
  EXPECT_EQ(type_name(rlim->type), "struct rlimit[16]");
  EXPECT_EQ(rlim->type.pointee()->record()->find("rlim_cur")->type, Type::integer(64, false));
}

TEST(KernelBtfHost, AnonymousMembersAreFlattened) {
  if (!host_has_btf()) GTEST_SKIP() << "no /sys/kernel/btf/vmlinux";
  // mm_struct keeps most fields inside an anonymous struct; they read as its own.
  const RecordDef* mm = KernelBtf::get().record("mm_struct", false);
  ASSERT_NE(mm, nullptr);
  const RecordField* arg_start = mm->find("arg_start");
  ASSERT_NE(arg_start, nullptr);
  EXPECT_GT(arg_start->offset, 0u);
  EXPECT_LT(arg_start->offset, mm->size);
}

TEST(KernelBtfHost, EnumsTypedefsConstants) {
  if (!host_has_btf()) GTEST_SKIP() << "no /sys/kernel/btf/vmlinux";
  KernelBtf& k = KernelBtf::get();
  const EnumDef* pid_type = k.enumeration("pid_type");
  ASSERT_NE(pid_type, nullptr);
  ASSERT_GE(pid_type->values.size(), 3u);
  EXPECT_EQ(pid_type->values[0].name, "PIDTYPE_PID");
  EXPECT_EQ(k.constant("PIDTYPE_PGID"), 2);
  EXPECT_EQ(k.constant("btc_no_such_enumerator"), std::nullopt);
  EXPECT_EQ(k.typedef_type("pid_t"), Type::integer(32, true));
  EXPECT_EQ(k.typedef_type("btc_no_such_typedef"), std::nullopt);
  EXPECT_EQ(k.record("btc_no_such_struct", false), nullptr);
  EXPECT_EQ(k.record("task_struct", true), nullptr) << "a struct is not a union";
  EXPECT_GE(raw_tracepoint_arg_count(KernelBtf::get().data(), "sys_enter").value_or(-1), 2);
}

// A BTF file written with libbpf: what --btf gives btc for another kernel.
class KernelBtfFile : public ::testing::Test {
protected:
  static std::string write_btf() {
    struct btf* b = btf__new_empty();
    int s32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
    int u8 = btf__add_int(b, "unsigned char", 1, 0);
    int chr = btf__add_int(b, "char", 1, 0); // as pahole writes it
    int name = btf__add_array(b, s32, chr, 8);
    int bytes = btf__add_array(b, s32, u8, 4);
    int rec = btf__add_struct(b, "btc_test_file_rec", 24);
    btf__add_field(b, "id", s32, 0, 0);
    btf__add_field(b, "flag", u8, 32, 3);
    btf__add_field(b, "bytes", bytes, 64, 0);
    int anon = btf__add_union(b, nullptr, 8);
    btf__add_field(b, "name", name, 0, 0);
    btf__add_field(b, "alias", s32, 0, 0);
    int self = btf__add_ptr(b, rec);
    // Members are added to the last struct/union made, so the outer ones come after.
    btf__add_struct(b, "btc_test_file_outer", 16);
    btf__add_field(b, "u", anon, 0, 0);
    btf__add_field(b, nullptr, anon, 64, 0);
    btf__add_field(b, "next", self, 64, 0);
    btf__add_enum(b, "btc_test_file_enum", 4);
    btf__add_enum_value(b, "BTC_TEST_FILE_A", 5);
    btf__add_typedef(b, "btc_test_file_t", rec);
    uint32_t size = 0;
    const void* raw = btf__raw_data(b, &size);
    std::string path =
        (std::filesystem::temp_directory_path() / ("btc_btf_test_" + std::to_string(getpid())))
            .string();
    std::ofstream(path, std::ios::binary).write(static_cast<const char*>(raw), size);
    btf__free(b);
    return path;
  }
};

TEST_F(KernelBtfFile, ReadsAFileGivenWithDashDashBtf) {
  std::string path = write_btf();
  static KernelBtf k(path); // its records refer to it for the rest of the process
  ASSERT_NE(k.data(), nullptr) << k.load_error();
  std::remove(path.c_str());
  const RecordDef* outer = k.record("btc_test_file_outer", false);
  ASSERT_NE(outer, nullptr);
  // The named union member keeps its record; the anonymous one is flattened.
  const RecordField* u = outer->find("u");
  ASSERT_NE(u, nullptr);
  EXPECT_TRUE(u->type.record()->is_union);
  const RecordField* alias = outer->find("alias");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->offset, 8u);
  const RecordField* name = outer->find("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->type, Type::string(8));
  const RecordField* next = outer->find("next");
  ASSERT_NE(next, nullptr);
  const RecordDef* rec = next->type.pointee()->record();
  EXPECT_EQ(rec->name, "btc_test_file_rec");
  const RecordField* flag = rec->find("flag");
  ASSERT_NE(flag, nullptr);
  EXPECT_EQ(flag->offset, 4u);
  EXPECT_EQ(flag->bit_size, 3);
  EXPECT_EQ(flag->type, Type::integer(8, false));
  // Only arrays of char are strings; bytes stay an array, as bpftrace has them.
  const RecordField* bytes = rec->find("bytes");
  ASSERT_NE(bytes, nullptr);
  EXPECT_EQ(type_name(bytes->type), "uint8[4]");
  EXPECT_EQ(k.constant("BTC_TEST_FILE_A"), 5);
  auto t = k.typedef_type("btc_test_file_t");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->record(), rec);
}

// A module's BTF is split BTF on its kernel's: written here as raw files, the kernel's and a
// module's whose function takes a pointer to one of the kernel's structs.
TEST(KernelBtfModuleFile, RawSplitBtfIsAModuleOnTheKernelsBtf) {
  std::string dir =
      std::filesystem::temp_directory_path() / ("btc_btf_module_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto write = [](const struct btf* b, const std::string& path) {
    uint32_t size = 0;
    const void* raw = btf__raw_data(b, &size);
    std::ofstream(path, std::ios::binary).write(static_cast<const char*>(raw), size);
  };
  struct btf* base = btf__new_empty();
  int s32 = btf__add_int(base, "int", 4, BTF_INT_SIGNED);
  int dev = btf__add_struct(base, "btc_test_dev", 4);
  btf__add_field(base, "id", s32, 0, 0);
  struct btf* mod = btf__new_empty_split(base);
  int ptr = btf__add_ptr(mod, dev);
  int proto = btf__add_func_proto(mod, s32);
  btf__add_func_param(mod, "dev", ptr);
  btf__add_func(mod, "btc_test_mod_fn", BTF_FUNC_STATIC, proto);
  write(base, dir + "/vmlinux");
  write(mod, dir + "/btc_test_mod.btf");
  btf__free(mod);
  btf__free(base);

  ModuleFile kernel_file, module_file;
  std::string error;
  ASSERT_TRUE(classify_btf_file(dir + "/vmlinux", kernel_file, error)) << error;
  EXPECT_FALSE(kernel_file.is_module);
  ASSERT_TRUE(classify_btf_file(dir + "/btc_test_mod.btf", module_file, error)) << error;
  EXPECT_TRUE(module_file.is_module);
  EXPECT_EQ(module_file.name, "btc_test_mod") << "named by the file, without .btf";
  EXPECT_FALSE(classify_btf_file(dir + "/missing", module_file, error));
  EXPECT_NE(error.find("cannot read kernel BTF from " + dir + "/missing"), std::string::npos);

  static KernelBtf k(dir + "/vmlinux");
  k.add_module_file("btc_test_mod", dir + "/btc_test_mod.btf");
  const struct btf* m = k.module("btc_test_mod");
  ASSERT_NE(m, nullptr) << k.module_problem("btc_test_mod");
  int fn = btf__find_by_name_kind(m, "btc_test_mod_fn", BTF_KIND_FUNC);
  ASSERT_GT(fn, 0);
  EXPECT_GE(static_cast<uint32_t>(fn), btf__type_cnt(k.data())) << "the module's own type";
  const btf_type* p = btf__type_by_id(m, btf__type_by_id(m, fn)->type);
  // The parameter's pointee is the kernel's struct, by the kernel's id.
  const btf_type* ptr_type = btf__type_by_id(m, btf_params(p)[0].type);
  EXPECT_EQ(static_cast<int>(ptr_type->type), dev);
  EXPECT_EQ(k.type_of(dev).record()->name, "btc_test_dev");
  // Another module is neither given nor the build host's (this is not the host's BTF).
  EXPECT_EQ(k.module("btc_other_mod"), nullptr);
  EXPECT_NE(k.module_problem("btc_other_mod").find("give the module's .ko with --btf too"),
            std::string::npos)
      << k.module_problem("btc_other_mod");
  std::filesystem::remove_all(dir);
}

TEST(KernelBtfFileMissing, SaysWhy) {
  static KernelBtf k("/nonexistent/btc-btf");
  EXPECT_EQ(k.data(), nullptr);
  EXPECT_NE(k.load_error().find("cannot read kernel BTF from /nonexistent/btc-btf"),
            std::string::npos)
      << k.load_error();
  EXPECT_EQ(k.record("task_struct", false), nullptr);
  EXPECT_EQ(k.constant("PIDTYPE_PID"), std::nullopt);
  EXPECT_EQ(k.unavailable(), k.load_error());
}

} // namespace
} // namespace btc
