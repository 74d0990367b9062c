// Map declarations, `let @name = KIND(N);` before the first probe (current bpftrace): the BPF
// map type and size of a map whose key and value types the probes fix as usual.
#include "sema/checker.h"

#include <cstdint>

namespace btc {

namespace {

struct KindName {
  const char* name;
  DeclaredMapKind kind;
};

constexpr KindName kKinds[] = {
    {"hash", DeclaredMapKind::Hash},
    {"lruhash", DeclaredMapKind::LruHash},
    {"percpuhash", DeclaredMapKind::PercpuHash},
    {"percpulruhash", DeclaredMapKind::PercpuLruHash},
};

} // namespace

const char* declared_map_kind_name(DeclaredMapKind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return k.name;
  return "?";
}

void declare_maps(const Program& program, SemaResult& result, Diagnostics& diags) {
  for (const MapDecl& d : program.map_decls) {
    const KindName* kind = nullptr;
    for (const KindName& k : kKinds)
      if (d.kind == k.name) kind = &k;
    if (!kind) {
      diags.error(d.kind_range, "unknown map type '" + d.kind +
                                    "': a map is declared hash, lruhash, percpuhash or "
                                    "percpulruhash");
      continue;
    }
    if (d.max_entries == 0 || d.max_entries > UINT32_MAX) {
      diags.error(d.size_range, "a map's maximum number of entries must be between 1 and " +
                                    std::to_string(UINT32_MAX));
      continue;
    }
    auto [it, added] = result.declared_maps.emplace(
        d.name,
        DeclaredMap{kind->kind, static_cast<uint32_t>(d.max_entries), d.range, d.kind_range});
    if (!added) {
      uint32_t line = diags.source().line_of(it->second.range.begin);
      diags.error(d.range,
                  d.name + " is declared twice (first on line " + std::to_string(line) + ")");
    }
  }
}

void check_declared_maps(const SemaResult& result, Diagnostics& diags) {
  for (const auto& [name, decl] : result.declared_maps) {
    auto it = result.maps.find(name);
    if (it == result.maps.end()) {
      diags.warning(decl.range, "unused map: " + name + " is declared but never used");
      continue;
    }
    const Type& value = it->second.value;
    const char* kind = declared_map_kind_name(decl.kind);
    if (value.is_aggregation() && !decl.per_cpu())
      diags.error(decl.kind_range, name + " holds " + type_name(value) +
                                       "() values, which live in a per-CPU map: declare it "
                                       "percpuhash or percpulruhash, not " +
                                       kind);
    else if (!value.is_aggregation() && decl.per_cpu())
      diags.error(decl.kind_range, name + " is declared " + kind +
                                       ", a per-CPU map, which holds aggregations (count(), "
                                       "sum(), ...), but it holds " +
                                       type_name(value) + " values: declare it hash or lruhash");
  }
}

} // namespace btc
