// The registry tables, expanded from the .def files.
#include "sema/registry.h"

#include <algorithm>
#include <iterator>

namespace btc {

namespace {

constexpr BuiltinInfo kBuiltins[] = {
#define BUILTIN(Id, NAME, FAMILY, TYPE, PROBES, WHERE)                                             \
  {BuiltinId::Id, NAME, Support::Supported, BuiltinForm::FAMILY, BuiltinType::TYPE, PROBES, WHERE},
#define PLANNED_BUILTIN(NAME, FAMILY, WHERE)                                                       \
  {BuiltinId::None, NAME, Support::Planned, BuiltinForm::FAMILY, BuiltinType::None, 0, WHERE},
#include "sema/builtins.def"
};

constexpr FunctionInfo kFunctions[] = {
#define FUNCTION(Id, NAME, MIN_ARGS, MAX_ARGS, KIND, RESULT)                                       \
  {FunctionId::Id, NAME, Support::Supported, MIN_ARGS, MAX_ARGS, CallKind::KIND, TypeKind::RESULT},
#define PLANNED_FUNCTION(NAME)                                                                     \
  {FunctionId::None, NAME, Support::Planned, 0, 0, CallKind::Value, TypeKind::None},
#include "sema/functions.def"
};

constexpr ProbeTypeInfo kProbeTypes[] = {
#define PROBE_TYPE(Id, NAME, ALIAS1, ALIAS2, ATTACH)                                               \
  {ProbeType::Id, NAME, {ALIAS1, ALIAS2}, Support::Supported, rt::ProbeKind::ATTACH},
#define PLANNED_PROBE_TYPE(NAME, ALIAS1, ALIAS2)                                                   \
  {ProbeType::Begin, NAME, {ALIAS1, ALIAS2}, Support::Planned, rt::ProbeKind::Begin},
#include "sema/probe_types.def"
};

// Supported entries come first, in id order, so that an id indexes its table (`first` is the
// number of the first supported id).
template <typename Table> constexpr bool ids_index(const Table& table, size_t first) {
  for (size_t i = 0; i < std::size(table); ++i)
    if (table[i].support == Support::Supported && static_cast<size_t>(table[i].id) != i + first)
      return false;
  return true;
}

template <typename Table> constexpr bool names_unique(const Table& table) {
  for (size_t i = 0; i < std::size(table); ++i)
    for (size_t j = i + 1; j < std::size(table); ++j)
      if (table[i].name == table[j].name) return false;
  return true;
}

static_assert(ids_index(kBuiltins, 1) && ids_index(kFunctions, 1) && ids_index(kProbeTypes, 0));
static_assert(names_unique(kBuiltins) && names_unique(kFunctions) && names_unique(kProbeTypes));

} // namespace

std::span<const BuiltinInfo> all_builtins() {
  return kBuiltins;
}

const BuiltinInfo* find_builtin(std::string_view name, uint64_t& index) {
  for (const BuiltinInfo& b : kBuiltins) {
    if (b.form == BuiltinForm::Single) {
      if (name == b.name) return &b;
      continue;
    }
    std::string_view digits = name.substr(std::min(name.size(), b.name.size()));
    if (!name.starts_with(b.name) || digits.empty() ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
      continue;
    // Saturates: any number this large is out of every family's range.
    index = 0;
    for (char c : digits) index = std::min<uint64_t>(index * 10 + (c - '0'), UINT32_MAX);
    return &b;
  }
  return nullptr;
}

const BuiltinInfo& builtin_info(BuiltinId id) {
  static constexpr BuiltinInfo kUnresolved{
      BuiltinId::None, "", Support::Planned, BuiltinForm::Single, BuiltinType::None, 0, ""};
  return id == BuiltinId::None ? kUnresolved : kBuiltins[static_cast<size_t>(id) - 1];
}

std::span<const FunctionInfo> all_functions() {
  return kFunctions;
}

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : kFunctions)
    if (name == f.name) return &f;
  return nullptr;
}

const FunctionInfo& function_info(FunctionId id) {
  static constexpr FunctionInfo kUnresolved{
      FunctionId::None, "", Support::Planned, 0, 0, CallKind::Value, TypeKind::None};
  return id == FunctionId::None ? kUnresolved : kFunctions[static_cast<size_t>(id) - 1];
}

std::span<const ProbeTypeInfo> all_probe_types() {
  return kProbeTypes;
}

const ProbeTypeInfo* find_probe_type(std::string_view name) {
  for (const ProbeTypeInfo& p : kProbeTypes)
    if (!name.empty() && (name == p.name || name == p.aliases[0] || name == p.aliases[1]))
      return &p;
  return nullptr;
}

const ProbeTypeInfo& probe_type_info(ProbeType id) {
  return kProbeTypes[static_cast<size_t>(id)];
}

std::string_view probetype_name(ProbeType t) {
  switch (t) {
  case ProbeType::Begin:
  case ProbeType::End:
    return "special";
  case ProbeType::Kfunc:
    return "fentry";
  case ProbeType::Kretfunc:
    return "fexit";
  default:
    return probe_type_info(t).name;
  }
}

} // namespace btc
