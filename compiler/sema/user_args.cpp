// `args.NAME` in uprobes: the traced function's parameters from the binary's debug info
// (dwarf/uprobe_args.h).
#include "attach_glob.h"
#include "dwarf/uprobe_args.h"
#include "sema/checker.h"

#include <algorithm>

namespace btc {

Type Checker::check_uprobe_arg(Expr& e) {
  // Every probe of the block must have the parameter, at one place with one type: the block's
  // program reads it the same way for each.
  const DwarfParam* first = nullptr;
  const ResolvedProbe* first_probe = nullptr;
  for (const auto& p : probe_->attach) {
    const UprobeArgs& args = uprobe_args(p);
    if (!args.problem.empty()) {
      error(e.range, args.problem);
      return e.type = Type::none();
    }
    if (args.build_id.empty() && report_ && warned_unchecked_.insert(args.file).second)
      warning(e.range, args.file + " has no build-id: the tool cannot check that the file where "
                                   "it runs is the one whose debug info placed args");
    auto it = std::find_if(args.params.begin(), args.params.end(),
                           [&](const DwarfParam& f) { return f.name == e.name; });
    if (it == args.params.end()) {
      std::string names;
      for (const auto& f : args.params)
        if (!f.name.empty()) names += (names.empty() ? "" : ", ") + f.name;
      // A wildcard, or a C++ name matching several overloads.
      auto why = args.param_problems.find(e.name);
      if (p.wildcard || why != args.param_problems.end())
        error(e.range, "not every function matching " + rt::attach_glob_unescape(p.symbol) +
                           " in " + args.file + " has an argument '" + e.name +
                           "' at one place with one type" +
                           (why != args.param_problems.end() ? ": " + why->second : "") +
                           (names.empty() ? " (they share none)" : " (they share " + names + ")"));
      else
        error(e.range, "function " + rt::attach_glob_unescape(p.symbol) + " has no argument '" +
                           e.name + "'" +
                           (names.empty() ? " (it takes none)" : " (it takes " + names + ")"));
      return e.type = Type::none();
    }
    if (!it->problem.empty()) {
      error(e.range, "argument '" + e.name + "' of " + rt::attach_glob_unescape(p.symbol) +
                         " cannot be read: it is " + it->problem);
      return e.type = Type::none();
    }
    if (first && (!first->type.same_node(it->type) || !(first->loc == it->loc))) {
      error(e.range, "argument '" + e.name + "' differs between " + first_probe->display + " and " +
                         p.display + ": read it in separate probe blocks");
      return e.type = Type::none();
    }
    if (!first) {
      first = &*it;
      first_probe = &p;
    }
  }
  // An enum reads as its integer, as a kernel function's or a record member's does.
  const Type& t = first->type;
  return e.type = t.kind() == TypeKind::Enum && !t.enum_def()->name.empty()
                      ? Type::enum_integer(*t.enum_def(), t.bits(), t.is_signed())
                  : t.kind() == TypeKind::Enum ? Type::integer(t.bits(), t.is_signed())
                                               : t;
}

} // namespace btc
