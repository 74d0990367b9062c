// percpu_kaddr(): a per-CPU kernel variable as a typed kernel symbol (`extern ... __ksym`),
// which libbpf resolves against the BTF of the kernel the tool runs on. The verifier takes
// bpf_this_cpu_ptr()/bpf_per_cpu_ptr() only on such a symbol, and libbpf takes the symbol only
// when its declared type has the kernel's shape (kinds match; struct and union members and
// names do not matter), so the declaration mirrors the kind of the BTF type, nothing more.
#include "kernel/btf.h"
#include "lower/lowerer.h"

#include <bpf/btf.h>

namespace btc::lowering {

namespace {

const btf_type* skip_modifiers(const struct btf* b, uint32_t& id) {
  const btf_type* t = btf__type_by_id(b, id);
  while (t && (btf_is_typedef(t) || btf_is_const(t) || btf_is_volatile(t) || btf_is_restrict(t) ||
               btf_is_type_tag(t))) {
    id = t->type;
    t = btf__type_by_id(b, id);
  }
  return t;
}

} // namespace

// The C type of the shape of BTF type `id`, its helper declarations written to decls_; "" for
// a kind it cannot mirror (floats, functions, 64-bit enums).
std::string Lowerer::percpu_shape(const struct btf* b, uint32_t id, const std::string& base,
                                  int depth) {
  const btf_type* t = skip_modifiers(b, id);
  std::string name = base + "_" + std::to_string(depth);
  if (id == 0) return "void";
  if (!t || depth > 8) return "";
  if (btf_is_int(t)) {
    switch (t->size) {
    case 1:
      return "__u8";
    case 2:
      return "__u16";
    case 4:
      return "__u32";
    case 8:
      return "__u64";
    default:
      return "";
    }
  }
  if (btf_is_struct(t) || btf_is_union(t)) {
    std::string tag = std::string(btf_is_struct(t) ? "struct " : "union ") + name;
    decls_.line(tag + " {};");
    return tag;
  }
  if (btf_is_enum(t)) {
    decls_.line("enum " + name + " { " + name + "_value };");
    return "enum " + name;
  }
  if (btf_is_ptr(t)) {
    std::string to = percpu_shape(b, t->type, base, depth + 1);
    return to.empty() ? "" : to + " *";
  }
  if (btf_is_array(t)) {
    const struct btf_array* a = btf_array(t);
    std::string elem = percpu_shape(b, a->type, base, depth + 1);
    if (elem.empty()) return "";
    decls_.line("typedef " + elem + " " + name + "[" + std::to_string(a->nelems) + "];");
    return name;
  }
  return "";
}

std::string Lowerer::percpu_kaddr(const Expr& e) {
  const std::string& sym = e.args[0]->str_value;
  if (percpu_syms_.insert(sym).second) {
    KernelBtf& kernel = KernelBtf::get();
    int type = kernel.percpu_var_type(sym);
    std::string base = "btc_pcpu_" + sym;
    std::string shape =
        type < 0 ? "" : percpu_shape(kernel.data(), static_cast<uint32_t>(type), base, 0);
    if (shape.empty())
      throw InternalError("percpu_kaddr(): the type of the kernel's '" + sym +
                              "' has no C form btc can declare",
                          e.args[0]->range);
    decls_.line("typedef " + shape + " " + base + "_t;");
    globals_.line("extern const " + base + "_t " + sym + " __ksym;");
  }
  if (e.args.size() == 1) return "((__u64)bpf_this_cpu_ptr(&" + sym + "))";
  return "((__u64)bpf_per_cpu_ptr(&" + sym + ", (__u32)(" + ex(*e.args[1]) + ")))";
}

} // namespace btc::lowering
