#include "kernel/btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

namespace btc {

// Loaded once: parsing vmlinux BTF takes ~20 ms.
const btf* kernel_btf() {
  static btf* loaded = [] {
    libbpf_set_print(nullptr);
    btf* b = btf__load_vmlinux_btf();
    return libbpf_get_error(b) ? nullptr : b;
  }();
  return loaded;
}

std::optional<int> raw_tracepoint_arg_count(const std::string& name) {
  const btf* b = kernel_btf();
  if (!b) return std::nullopt;
  int id = btf__find_by_name_kind(b, ("btf_trace_" + name).c_str(), BTF_KIND_TYPEDEF);
  if (id < 0) return -1;
  // typedef -> pointer -> function prototype whose first parameter is the tracepoint's data.
  const btf_type* t = btf__type_by_id(b, id);
  while (t && (btf_is_typedef(t) || btf_is_ptr(t))) t = btf__type_by_id(b, t->type);
  if (!t || !btf_is_func_proto(t)) return std::nullopt;
  return btf_vlen(t) > 0 ? static_cast<int>(btf_vlen(t)) - 1 : 0;
}

} // namespace btc
