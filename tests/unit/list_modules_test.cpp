// btc -l kfunc:MODULE:NAME: a module's functions from its BTF on the build host. The host has no
// modules loaded, so the module here is split BTF written on the host's kernel BTF and handed to
// KernelBtf as a module file, as /sys/kernel/btf/<module> would be.
#include "cli/list_probes.h"
#include "kernel/btf.h"

#include <bpf/btf.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace btc {
namespace {

TEST(ListModuleFuncs, ListsTheModulesOwnFunctionsWithTheirArguments) {
  KernelBtf& kernel = KernelBtf::get();
  if (!kernel.data()) GTEST_SKIP() << "no /sys/kernel/btf/vmlinux";
  struct btf* mod = btf__new_empty_split(const_cast<struct btf*>(kernel.data()));
  int task = btf__find_by_name_kind(kernel.data(), "task_struct", BTF_KIND_STRUCT);
  int s32 = btf__find_by_name_kind(kernel.data(), "int", BTF_KIND_INT);
  ASSERT_GT(task, 0);
  ASSERT_GT(s32, 0);
  int ptr = btf__add_ptr(mod, task);
  int proto = btf__add_func_proto(mod, s32);
  btf__add_func_param(mod, "task", ptr);
  btf__add_func_param(mod, "flags", s32);
  btf__add_func(mod, "btc_list_mod_open", BTF_FUNC_STATIC, proto);
  btf__add_func(mod, "btc_list_mod_close", BTF_FUNC_STATIC, proto);
  btf__add_func(mod, "other_fn", BTF_FUNC_STATIC, proto);
  uint32_t size = 0;
  const void* raw = btf__raw_data(mod, &size);
  std::string path = std::filesystem::temp_directory_path() /
                     ("btc_list_mod_" + std::to_string(getpid()) + ".btf");
  std::ofstream(path, std::ios::binary).write(static_cast<const char*>(raw), size);
  btf__free(mod);
  kernel.add_module_file("btc_list_mod", path);

  testing::internal::CaptureStdout();
  EXPECT_EQ(cli::list_probes("kfunc:btc_list_mod:btc_list_mod_*", true), 0);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "kfunc:btc_list_mod:btc_list_mod_close\n"
                                                    "    struct task_struct * task\n"
                                                    "    int flags\n"
                                                    "    int retval\n"
                                                    "kfunc:btc_list_mod:btc_list_mod_open\n"
                                                    "    struct task_struct * task\n"
                                                    "    int flags\n"
                                                    "    int retval\n");
  testing::internal::CaptureStdout();
  EXPECT_EQ(cli::list_probes("kretfunc:btc_list_mod:*", false), 0);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "kretfunc:btc_list_mod:btc_list_mod_close\n"
                                                    "kretfunc:btc_list_mod:btc_list_mod_open\n"
                                                    "kretfunc:btc_list_mod:other_fn\n");
  // The kernel's own functions are not the module's.
  testing::internal::CaptureStdout();
  EXPECT_EQ(cli::list_probes("kfunc:btc_list_mod:vfs_read", false), 0);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  std::remove(path.c_str());
}

TEST(ListModuleFuncs, AModuleWithoutBtfIsAWarning) {
  if (!KernelBtf::get().data()) GTEST_SKIP() << "no /sys/kernel/btf/vmlinux";
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(cli::list_probes("kfunc:btc_no_such_module:*", false), 0);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "btc: warning: cannot list the functions of module btc_no_such_module: kernel module "
            "'btc_no_such_module' is not loaded on the build host (no "
            "/sys/kernel/btf/btc_no_such_module); give its .ko with --btf\n");
}

} // namespace
} // namespace btc
