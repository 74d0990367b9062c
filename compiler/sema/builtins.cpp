// Builtin identifiers: pid, comm, args, arg0, ... (the table is builtins.def).
#include "sema/checker.h"
#include "sema/registry.h"

#include <algorithm>

namespace btc {

Type Checker::check_builtin(Expr& e) {
  const std::string& n = e.name;
  uint64_t index = 0;
  const BuiltinInfo* info = find_builtin(n, index);
  if (!info) {
    // An enumerator (or, from the script's C, a macro) names an integer constant.
    for (TypeSource* source : sources_) {
      if (auto value = source->constant(n)) {
        e.kind = ExprKind::Int;
        e.int_value = static_cast<uint64_t>(*value);
        return e.type = Type::integer();
      }
    }
    error(e.range, "unknown identifier '" + n + "'");
    return e.type = Type::none();
  }
  if (info->support == Support::Planned && info->where.empty()) {
    error(e.range, "the builtin '" + n + "' is not supported by btc yet");
    return e.type = Type::none();
  }
  // Every concrete probe of the block must provide the value.
  bool allowed = info->support == Support::Supported;
  for (const auto& p : probe_->attach) allowed = allowed && (info->probes & probe_mask(p.type));
  if (!allowed) {
    error(e.range, n + " can only be used in " + std::string(info->where));
    return e.type = Type::none();
  }
  e.builtin = info->id;
  e.int_value = index;

  switch (info->id) {
  case BuiltinId::Elapsed:
    result_.uses_elapsed = true;
    break;
  case BuiltinId::Probe:
    probe_->uses_probe_name = true;
    break;
  case BuiltinId::Args:
    probe_->uses_args = true;
    break;
  case BuiltinId::Arg:
    if (index > 11) {
      error(e.range, "a raw tracepoint has at most 12 arguments (arg0 .. arg11)");
      return e.type = Type::none();
    }
    for (const auto& p : probe_->attach) {
      if (p.raw_args >= 0 && index >= static_cast<uint64_t>(p.raw_args)) {
        error(e.range,
              p.display + " has " + std::to_string(p.raw_args) + " argument" +
                  (p.raw_args == 1 ? "" : "s") +
                  (p.raw_args ? " (arg0 .. arg" + std::to_string(p.raw_args - 1) + ")" : ""));
        return e.type = Type::none();
      }
    }
    break;
  case BuiltinId::Pid:
  case BuiltinId::Tid:
  case BuiltinId::Uid:
  case BuiltinId::Gid:
  case BuiltinId::Nsecs:
  case BuiltinId::Cpu:
  case BuiltinId::Rand:
  case BuiltinId::Cgroup:
  case BuiltinId::Comm:
  case BuiltinId::Curtask:
  case BuiltinId::None:
    break;
  }

  switch (info->type) {
  case BuiltinType::U64:
    return e.type = Type::integer(64, false);
  case BuiltinType::Comm:
    return e.type = Type::string(kCommLen);
  case BuiltinType::ProbeName: {
    size_t longest = 0;
    for (const auto& p : probe_->attach) longest = std::max(longest, p.display.size());
    return e.type = Type::string(static_cast<uint32_t>(longest + 1));
  }
  case BuiltinType::Args:
    return e.type = Type::of(TypeKind::Args);
  case BuiltinType::Curtask:
    // Without kernel BTF it is still the address, as in bpftrace.
    if (const RecordDef* task = find_record("task_struct", false, nullptr))
      return e.type = Type::pointer(Type::record_of(*task), AddrSpace::Kernel);
    return e.type = Type::pointer({}, AddrSpace::Kernel);
  case BuiltinType::None:
    break;
  }
  return e.type = Type::none();
}

} // namespace btc
