// What the tool learns about the kernel it runs on for kernel-function probes: whether it has
// kprobes and multi-kprobe links, which functions a wildcard matches, their addresses, and the
// functions and arguments its BTF describes. Each piece is read once, when first asked.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

struct btf;

namespace btc::rt {

class KernelFuncs {
public:
  KernelFuncs() = default;
  KernelFuncs(const KernelFuncs&) = delete;
  KernelFuncs& operator=(const KernelFuncs&) = delete;
  ~KernelFuncs();

  // The kprobe PMU or tracefs kprobe_events (libbpf uses one or the other).
  bool has_kprobes();
  // One link for many functions (BPF_TRACE_KPROBE_MULTI, 5.18+ with CONFIG_FPROBE).
  bool has_kprobe_multi();
  // bpf_get_func_ip() in kprobe programs (5.15+).
  bool has_func_ip();
  // The kprobe PMU's perf event type and the config bit that makes a probe a return probe;
  // false when the kernel has no kprobe PMU (only tracefs kprobe_events).
  bool kprobe_pmu(int& type, int& retprobe_bit);

  // The traceable functions matching `glob` (of `module` when not empty), unique, in the
  // kernel's order: available_filter_functions, or where it cannot be read, the text symbols
  // of /proc/kallsyms. Empty with `error` set when neither can be read.
  std::vector<std::string> match(const std::string& module, const std::string& glob,
                                 std::string& error);
  // The addresses of the text symbols `names` (several for names defined more than once).
  std::multimap<std::string, uint64_t> addresses(const std::vector<std::string>& names);

  // The target kernel's BTF of `module` (vmlinux when empty); nullptr when absent.
  const btf* kernel_btf(const std::string& module);
  // The parameter names of FUNC `name`, in order; false when the BTF has no such function.
  bool params(const std::string& module, const std::string& name, std::vector<std::string>& out);
  // The FUNCs of the BTF of `module` (vmlinux when empty; a module's own only) matching `glob`,
  // unique, in BTF order, keeping those the kernel can trace where it says which
  // (available_filter_functions or /proc/kallsyms).
  std::vector<std::string> btf_functions(const std::string& module, const std::string& glob);
  // The id of FUNC `name` in the BTF of `module`, -1 when absent.
  int btf_function_id(const std::string& module, const std::string& name);
  // A file descriptor of the kernel's BTF object of `module` (owned here), -1 when not loaded.
  int module_btf_fd(const std::string& module);
  // Whether kernel module `name` is loaded; true where the kernel does not say (no /sys/module).
  bool module_loaded(const std::string& name);
  // Why a kfunc on a function of kernel module `name` cannot attach, when its BTF is missing.
  std::string module_btf_problem(const std::string& name);
  // Whether the kernel's BTF has `struct name`.
  bool has_struct(const std::string& name);

private:
  int has_kprobes_ = -1, has_multi_ = -1, has_func_ip_ = -1;
  std::map<std::string, btf*> btfs_;
  std::map<std::string, int> module_fds_;
};

} // namespace btc::rt
