#include "dwarf/uprobe_args.h"
#include "attach_glob.h"

#include "user/elf_image.h"
#include "user/user_targets.h"

#include <mutex>

namespace btc {

namespace {

// A function as messages name it: C++ demangled ("ns::over(long, long)").
std::string label(const rt::ElfFunction& f) {
  std::string d = rt::demangle(f.name);
  return d.empty() ? f.name : d;
}

UprobeArgs compute(const ResolvedProbe& p) {
  UprobeArgs out;
  if (p.address || p.offset) {
    out.problem = "args are known only at a function's entry, not at " + p.display;
    return out;
  }
  rt::ResolvedBinary bin = rt::resolve_binary(p.target, 0);
  if (bin.path.empty()) {
    out.problem = "args needs the debug info of " + p.target + ", which the build host lacks (" +
                  bin.error + ")";
    return out;
  }
  out.file = bin.path;
  std::string why;
  auto image = rt::ElfImage::open(bin.path, why);
  if (!image) {
    out.problem = why;
    return out;
  }
  out.build_id = image->build_id();
  std::shared_ptr<DwarfFile> dwarf = DwarfFile::open(bin.path, why);
  if (!dwarf) {
    out.problem = bin.path + " has no debug info; args needs DWARF";
    return out;
  }
  bool first = true;
  for (const rt::ElfFunction* f : rt::match_functions(*image, p.symbol, p.cpp)) {
    if (f->ifunc) continue;
    const DwarfFunction* fn = dwarf->function_at(f->vaddr);
    if (!fn) {
      if (!p.wildcard) {
        out.problem = "the debug info of " + bin.path + " does not describe " + label(*f) +
                      "; args needs DWARF";
        return out;
      }
      for (const DwarfParam& param : out.params)
        out.param_problems[param.name] = label(*f) + " has no debug info";
      out.params.clear();
      out.returns = Type::none();
      first = false;
      continue;
    }
    if (!fn->problem.empty()) {
      out.problem = fn->problem;
      return out;
    }
    if (first) {
      out.params = fn->params;
      out.returns = fn->returns;
      first = false;
      continue;
    }
    if (!out.returns.same_node(fn->returns)) out.returns = Type::none();
    // A wildcard's program serves every match: a name is usable if each has it, at one place
    // with one type.
    std::vector<DwarfParam> kept;
    for (DwarfParam& param : out.params) {
      auto it = std::find_if(fn->params.begin(), fn->params.end(),
                             [&](const DwarfParam& q) { return q.name == param.name; });
      if (it == fn->params.end())
        out.param_problems[param.name] = label(*f) + " has none";
      else if (!it->type.same_node(param.type) || it->problem != param.problem)
        out.param_problems[param.name] = "its type differs in " + label(*f);
      else if (!(it->loc == param.loc))
        out.param_problems[param.name] = "it is passed elsewhere in " + label(*f);
      else
        kept.push_back(std::move(param));
    }
    for (const DwarfParam& q : fn->params)
      if (!out.param_problems.count(q.name) &&
          std::none_of(kept.begin(), kept.end(),
                       [&](const DwarfParam& k) { return k.name == q.name; }))
        out.param_problems[q.name] = "only some of them have it (" + label(*f) + " does)";
    out.params = std::move(kept);
  }
  if (first)
    out.problem = "no function " + std::string(p.wildcard ? "matches " : "named ") +
                  rt::attach_glob_unescape(p.symbol) + " in " + bin.path +
                  "; args needs the function's debug info";
  return out;
}

} // namespace

const UprobeArgs& uprobe_args(const ResolvedProbe& p) {
  static std::mutex lock;
  static std::map<std::string, UprobeArgs> cache;
  std::string key = p.target + '\0' + p.symbol + '\0' + (p.cpp ? "c" : "") + '\0' +
                    std::to_string(p.offset) + '\0' + std::to_string(p.address);
  std::lock_guard<std::mutex> guard(lock);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, compute(p)).first;
  return it->second;
}

Type uretprobe_retval_type(const std::vector<ResolvedProbe>& attach) {
  Type out;
  for (const ResolvedProbe& p : attach) {
    if (p.type != ProbeType::Uretprobe) return Type::none();
    const UprobeArgs& args = uprobe_args(p);
    if (!args.problem.empty() || args.returns.kind() == TypeKind::None) return Type::none();
    if (out.kind() != TypeKind::None && !out.same_node(args.returns)) return Type::none();
    out = args.returns;
  }
  if (out.kind() == TypeKind::Enum) return Type::integer(out.bits(), out.is_signed());
  return out;
}

} // namespace btc
