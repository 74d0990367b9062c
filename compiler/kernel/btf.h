// What the compiler learns from kernel BTF: the build host's /sys/kernel/btf/vmlinux (readable
// without root), or the file given with --btf (raw BTF or an ELF vmlinux). Loaded once, lazily:
// parsing takes 40-60 ms, which a script touching no kernel type should not pay.
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

  // The parsed BTF, nullptr when it cannot be read (load_error() says why).
  const struct btf* data();
  const std::string& load_error();

  // TypeSource: kernel records and enums, typedefs looked through, enumerators as constants.
  const RecordDef* record(const std::string& name, bool is_union) override;
  const EnumDef* enumeration(const std::string& name) override;
  std::optional<Type> typedef_type(const std::string& name) override;
  std::optional<int64_t> constant(const std::string& name) override;
  std::string unavailable() override { return load_error(); }

  // The btc type of BTF type `id` (typedef/const/volatile looked through); none() for what btc
  // cannot represent (functions, floats).
  Type type_of(int id);

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
};

// The number of arguments of raw tracepoint `name` (from the `btf_trace_<name>` typedef of
// `b`, a kernel's or a module's BTF): nothing when there is no BTF to tell, -1 when the kernel
// has no such raw tracepoint.
std::optional<int> raw_tracepoint_arg_count(const struct btf* b, const std::string& name);

} // namespace btc
