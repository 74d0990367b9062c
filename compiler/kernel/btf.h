// What the compiler learns from kernel BTF: the build host's /sys/kernel/btf/vmlinux (readable
// without root), or the file given with --btf (raw BTF or an ELF vmlinux). Loaded once, lazily:
// parsing takes 40-60 ms, which a script touching no kernel type should not pay. Kernel modules'
// BTF is split BTF on top of the vmlinux BTF their kernel was built with: the build host's
// /sys/kernel/btf/<module>, or a module given with --btf (its .ko, or its raw split BTF).
#pragma once

#include "types/type_source.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

struct btf;

namespace btc {

class KernelBtf : public TypeSource {
public:
  // The process-wide instance every part of the compiler reads.
  static KernelBtf& get();
  // BTF read from `path` (raw BTF or an ELF vmlinux). The records it makes read their fields
  // through it later, so it lives as long as they do: until the process ends.
  explicit KernelBtf(std::string path) : path_(std::move(path)) {}
  ~KernelBtf() override;
  KernelBtf(const KernelBtf&) = delete;
  KernelBtf& operator=(const KernelBtf&) = delete;
  // Reads `path` instead of the running kernel's BTF; only before the first use.
  void use_file(std::string path) { path_ = std::move(path); }
  const std::string& path() const { return path_; }
  // Whether the vmlinux BTF read is the build host's (--btf may name it by another path).
  bool reads_host_btf() const;

  // The BTF of kernel module `name`, split on data(): the file given with add_module_file, else
  // the build host's /sys/kernel/btf/<name> when data() is the host's. nullptr when neither is
  // there; module_problem() says why. Loaded once per module.
  const struct btf* module(const std::string& name);
  std::string module_problem(const std::string& name);
  // Uses `path` (see ModuleFile) as the BTF of module `name`; only before the first use.
  void add_module_file(const std::string& name, std::string path) {
    module_files_[name] = std::move(path);
  }
  // Whether module `name`'s BTF was given as a file.
  bool has_module_file(const std::string& name) const { return module_files_.count(name) != 0; }

  // The parsed BTF, nullptr when it cannot be read (load_error() says why).
  const struct btf* data();
  const std::string& load_error();

  // TypeSource: kernel records and enums, typedefs looked through, enumerators as constants.
  const RecordDef* record(const std::string& name, bool is_union) override;
  std::vector<std::string> record_names(bool is_union) override;
  const EnumDef* enumeration(const std::string& name) override;
  std::optional<Type> typedef_type(const std::string& name) override;
  std::optional<int64_t> constant(const std::string& name) override;
  const EnumDef* constant_enum(const std::string& name) override;
  std::string unavailable() override { return load_error(); }

  // The btc type of BTF type `id` (typedef/const/volatile looked through); none() for what btc
  // cannot represent (functions, floats).
  Type type_of(int id);

  // The BTF id of the type of per-CPU variable `name` (a VAR of DATASEC `.data..percpu`), or -1
  // when the kernel has no such variable (or no BTF).
  int percpu_var_type(const std::string& name);

private:
  const RecordDef* record_by_id(int id);
  std::vector<RecordField> fields_of(int id);
  void add_members(int id, uint32_t base_bits, std::vector<RecordField>& out);

  std::string path_;
  bool tried_ = false;
  struct btf* btf_ = nullptr;
  std::string error_;
  bool constants_indexed_ = false;
  std::map<std::string, int64_t> constants_;
  std::map<std::string, int> constant_enums_; // enumerator -> its (named) enum's id
  std::map<std::string, std::string> module_files_;
  std::map<std::string, struct btf*> modules_;
  std::map<std::string, std::string> module_errors_;
};

// What a file given with --btf holds: a kernel module's BTF (an ELF with a .modinfo section, or
// raw split BTF, whose string section does not start with the empty string that standalone BTF
// starts with) or a whole kernel's (anything else).
struct ModuleFile {
  std::string path;
  bool is_module = false;
  std::string name;    // the module's name: .modinfo's name=, else the file name without .ko
  std::string release; // the kernel it was built for (.modinfo's vermagic), empty when unknown
};
// Classifies `path`; false with `error` set when it cannot be read.
bool classify_btf_file(const std::string& path, ModuleFile& out, std::string& error);

// The number of arguments of raw tracepoint `name` (from the `btf_trace_<name>` typedef of
// `b`, a kernel's or a module's BTF): nothing when there is no BTF to tell, -1 when the kernel
// has no such raw tracepoint.
std::optional<int> raw_tracepoint_arg_count(const struct btf* b, const std::string& name);

} // namespace btc
