#include "cli/list_probes.h"
#include "attach_glob.h"

#include "cli/list_types.h"

#include "dwarf/dwarf_info.h"
#include "kernel/btf.h"
#include "kernel/tracepoint_btf.h"
#include "kernel/tracepoints.h"
#include "user/elf_image.h"
#include "user/user_targets.h"

#include <bpf/btf.h>
#include <climits>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace btc::cli {

namespace {

// One probe line and, for -v, its indented details.
using Listing = std::map<std::string, std::vector<std::string>>;

// The events sema/probes.cpp accepts (names and aliases): bpftrace's lists.
const char* const kSoftware[] = {"alignment-faults",
                                 "bpf-output",
                                 "context-switches",
                                 "cpu",
                                 "cpu-clock",
                                 "cpu-migrations",
                                 "cs",
                                 "dummy",
                                 "emulation-faults",
                                 "faults",
                                 "major-faults",
                                 "minor-faults",
                                 "page-faults",
                                 "task-clock"};
const char* const kHardware[] = {"backend-stalls",   "branch-instructions", "branch-misses",
                                 "branches",         "bus-cycles",          "cache-misses",
                                 "cache-references", "cpu-cycles",          "cycles",
                                 "frontend-stalls",  "instructions",        "ref-cycles"};
// The iterators sema/probes.cpp accepts, listed when the kernel's BTF has their context record.
const char* const kIterators[] = {"task", "task_file", "task_vma"};

// The kernel probe types `-l` lists with no type given, in bpftrace's order (by name).
const char* const kKernelTypes[] = {"hardware",      "iter",     "kfunc",     "kprobe",
                                    "rawtracepoint", "software", "tracepoint"};

std::string canonical_type(const std::string& t) {
  static const std::map<std::string, std::string> kAliases = {
      {"t", "tracepoint"}, {"rt", "rawtracepoint"},
      {"s", "software"},   {"h", "hardware"},
      {"k", "kprobe"},     {"kr", "kretprobe"},
      {"f", "kfunc"},      {"fentry", "kfunc"},
      {"fr", "kretfunc"},  {"fexit", "kretfunc"},
      {"it", "iter"},      {"u", "uprobe"},
      {"ur", "uretprobe"}, {"U", "usdt"}};
  auto found = kAliases.find(t);
  return found == kAliases.end() ? t : found->second;
}

std::string type_text(const btf* b, uint32_t id) {
  if (id == 0) return "void";
  const btf_type* t = btf__type_by_id(b, id);
  if (!t) return "?";
  std::string name = btf__name_by_offset(b, t->name_off);
  if (btf_is_const(t)) return "const " + type_text(b, t->type);
  if (btf_is_volatile(t)) return "volatile " + type_text(b, t->type);
  if (btf_is_restrict(t) || btf_is_type_tag(t)) return type_text(b, t->type);
  if (btf_is_ptr(t)) return type_text(b, t->type) + " *";
  if (btf_is_array(t)) return type_text(b, btf_array(t)->type);
  if (btf_is_struct(t)) return "struct " + name;
  if (btf_is_union(t)) return "union " + name;
  if (btf_is_any_enum(t)) return "enum " + name;
  if (btf_is_func_proto(t)) return type_text(b, t->type) + " (*)()";
  return name;
}

// "TYPE NAME" for each parameter of FUNC_PROTO `proto`, from `first`, then "TYPE retval".
std::vector<std::string> proto_lines(const btf* b, const btf_type* proto, int first,
                                     bool with_retval, bool numbered) {
  std::vector<std::string> out;
  const btf_param* p = btf_params(proto);
  for (int i = first; i < btf_vlen(proto); ++i) {
    std::string name = numbered ? "arg" + std::to_string(i - first)
                                : std::string(btf__name_by_offset(b, p[i].name_off));
    if (p[i].type == 0) {
      out.push_back("...");
      continue;
    }
    out.push_back(type_text(b, p[i].type) + " " + name);
  }
  if (with_retval && proto->type != 0) out.push_back(type_text(b, proto->type) + " retval");
  return out;
}

std::string field_line(const TracepointField& f) {
  std::string line = f.c_type + " " + f.name;
  if (f.is_array && !f.is_data_loc)
    line += "[" + (f.count ? std::to_string(f.count) : std::string()) + "]";
  return line;
}

// A format file's fields as bpftrace prints them: the text between "field:" and ';' of each
// field line after the common ones (which end at the first empty line).
std::vector<std::string> format_fields(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line) && !line.empty()) {
  }
  while (std::getline(in, line)) {
    if (!line.starts_with("\tfield:")) continue;
    size_t begin = line.find(':') + 1;
    out.push_back(line.substr(begin, line.find(';') - begin));
  }
  return out;
}

// bpftrace 0.17 spells DWARF pointer types as LLDB does: "char**", "struct s*".
std::string dwarf_spelling(std::string c_type) {
  for (size_t at; (at = c_type.find(" *")) != std::string::npos;) c_type.erase(at, 1);
  return c_type;
}

void warn(const std::string& message) {
  static std::set<std::string> said;
  if (said.insert(message).second) std::cerr << "btc: warning: " << message << "\n";
}

void list_tracepoints_into(const std::string& pattern, bool verbose, Listing& out) {
  std::string spec = pattern.find(':') == std::string::npos ? "*:" + pattern : pattern;
  std::string error;
  std::string root = tracefs_root(error);
  if (!root.empty()) {
    // available_events, as bpftrace: the events dir also holds ftrace's internal events, which
    // have a format but cannot be attached.
    std::ifstream events(root + "/available_events");
    std::string tp;
    while (std::getline(events, tp)) {
      if (!glob_match(spec, tp)) continue;
      auto& lines = out["tracepoint:" + tp];
      if (!verbose) continue;
      size_t colon = tp.find(':');
      lines = format_fields(root + "/events/" + tp.substr(0, colon) + "/" + tp.substr(colon + 1) +
                            "/format");
    }
    return;
  }
  // Without tracefs (not root): the syscalls events from btc's table, and an event named
  // exactly with its category from BTF, as the compiler resolves it.
  std::string category = spec.substr(0, spec.find(':'));
  std::string event = spec.substr(spec.find(':') + 1);
  if (glob_match(category, "syscalls")) {
    for (const auto& tp : builtin_syscall_events(event)) {
      auto& lines = out["tracepoint:" + tp];
      if (!verbose) continue;
      if (auto format = builtin_syscall_format(tp.substr(tp.find(':') + 1)))
        for (const auto& f : format->fields) lines.push_back(field_line(f));
    }
    if (category == "syscalls") return;
  }
  bool exact = category.find_first_of("*?[") == std::string::npos &&
               event.find_first_of("*?[") == std::string::npos;
  const btf* b = KernelBtf::get().data();
  if (exact && b && btf_has_tracepoint(b, event)) {
    auto& lines = out["tracepoint:" + category + ":" + event];
    std::string problem;
    auto cls = verbose ? tracepoint_class(b, event, nullptr, problem) : std::nullopt;
    if (auto record = cls ? tracepoint_record(b, *cls) : std::nullopt)
      for (const auto& f : record->fields) lines.push_back(field_line(f));
    return;
  }
  warn(error + ": only the syscalls tracepoints and tracepoints named exactly are listed");
}

void list_btf_kinds(const std::string& type, const std::string& pattern, bool verbose,
                    Listing& out) {
  const btf* b = KernelBtf::get().data();
  if (!b) {
    warn("cannot list " + type + " probes: " + KernelBtf::get().load_error());
    return;
  }
  uint32_t n = btf__type_cnt(b);
  for (uint32_t id = 1; id < n; ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    std::string name = btf__name_by_offset(b, t->name_off);
    if (type == "kfunc" || type == "kretfunc") {
      if (!btf_is_func(t) || !glob_match(pattern, name)) continue;
      auto& lines = out[type + ":" + name];
      if (verbose) lines = proto_lines(b, btf__type_by_id(b, t->type), 0, true, false);
    } else if (type == "rawtracepoint") {
      static const std::string prefix = "btf_trace_";
      if (!btf_is_typedef(t) || !name.starts_with(prefix)) continue;
      std::string event = name.substr(prefix.size());
      if (!glob_match(pattern, event)) continue;
      auto& lines = out["rawtracepoint:" + event];
      const btf_type* ptr = btf__type_by_id(b, t->type);
      const btf_type* proto = ptr && btf_is_ptr(ptr) ? btf__type_by_id(b, ptr->type) : nullptr;
      // The first parameter is the BPF context; the tracepoint's own arguments follow.
      if (verbose && proto && btf_is_func_proto(proto))
        lines = proto_lines(b, proto, 1, false, true);
    }
  }
}

// kfunc:MODULE:NAME: the functions of the modules matching `module` whose BTF the build host
// has (/sys/kernel/btf/<module>: loaded there), as kfunc:MODULE:NAME.
void list_module_funcs(const std::string& type, const std::string& module,
                       const std::string& pattern, bool verbose, Listing& out) {
  KernelBtf& kernel = KernelBtf::get();
  if (!kernel.data()) {
    warn("cannot list " + type + " probes: " + kernel.load_error());
    return;
  }
  std::vector<std::string> modules;
  if (module.find_first_of("*?[") == std::string::npos) {
    modules.push_back(module);
  } else {
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator("/sys/kernel/btf", ignored)) {
      std::string name = entry.path().filename().string();
      if (name != "vmlinux" && glob_match(module, name)) modules.push_back(name);
    }
  }
  for (const auto& name : modules) {
    const btf* b = kernel.module(name);
    if (!b) {
      // Only a module named exactly is worth a word: a glob lists what is loaded.
      if (name == module)
        warn("cannot list the functions of module " + name + ": " + kernel.module_problem(name));
      continue;
    }
    // Split BTF: the module's own types follow the kernel's.
    for (uint32_t id = btf__type_cnt(kernel.data()); id < btf__type_cnt(b); ++id) {
      const btf_type* t = btf__type_by_id(b, id);
      if (!btf_is_func(t) || !glob_match(pattern, btf__name_by_offset(b, t->name_off))) continue;
      auto& lines = out[type + ":" + name + ":" + btf__name_by_offset(b, t->name_off)];
      if (verbose) lines = proto_lines(b, btf__type_by_id(b, t->type), 0, true, false);
    }
  }
}

void list_kprobes(const std::string& type, const std::string& pattern, Listing& out) {
  // The functions the kernel can trace; /proc/kallsyms's text symbols where that file is
  // unreadable (it is root-only, and refused under lockdown).
  std::string path = "/sys/kernel/tracing/available_filter_functions";
  std::ifstream in(path);
  bool kallsyms = false;
  if (!in) {
    in.clear();
    in.open("/proc/kallsyms");
    kallsyms = true;
  }
  if (!in) {
    warn("cannot list kprobes: neither " + path + " nor /proc/kallsyms can be read");
    return;
  }
  std::string line;
  while (std::getline(in, line)) {
    std::string name = line;
    if (kallsyms) {
      std::istringstream fields(line);
      std::string addr, kind;
      fields >> addr >> kind >> name;
      if (kind != "t" && kind != "T") continue;
    }
    name = name.substr(0, name.find_first_of(" \t"));
    // Compiler-made copies (foo.isra.0, foo.cold) have no kprobe of their own.
    if (name.empty() || name.find('.') != std::string::npos) continue;
    if (glob_match(pattern, name)) out[type + ":" + name];
  }
}

void list_events(const std::string& type, const std::string& pattern, Listing& out) {
  // bpftrace matches the event's name followed by ':' (its probes are type:event:period).
  std::string target = pattern.substr(0, pattern.find(':')) + ":";
  auto add = [&](const char* event) {
    std::string text = std::string(event) + ":";
    if (glob_match(target, text)) out[type + ":" + text];
  };
  if (type == "software")
    for (const char* e : kSoftware) add(e);
  else
    for (const char* e : kHardware) add(e);
}

void list_iters(const std::string& pattern, Listing& out) {
  const btf* b = KernelBtf::get().data();
  for (const char* it : kIterators) {
    if (!glob_match(pattern, it)) continue;
    if (b &&
        btf__find_by_name_kind(b, ("bpf_iter__" + std::string(it)).c_str(), BTF_KIND_STRUCT) > 0)
      out["iter:" + std::string(it)];
  }
}

// BIN:PATTERN of a uprobe, BIN:[PROVIDER:]NAME of a usdt probe.
int list_user(const std::string& type, const std::string& rest, bool verbose, Listing& out) {
  size_t colon = rest.find(':');
  if (colon == std::string::npos || colon == 0) {
    std::cerr << "btc: error: listing " << type << " probes needs a binary: " << type
              << ":BIN:" << (type == "usdt" ? "PROVIDER:NAME" : "FUNCTION") << "\n";
    return 1;
  }
  rt::ResolvedBinary bin = rt::resolve_binary(rest.substr(0, colon), 0);
  if (bin.path.empty()) {
    std::cerr << "btc: error: " << bin.error << "\n";
    return 1;
  }
  std::string error;
  auto image = rt::ElfImage::open(bin.path, error);
  if (!image) {
    std::cerr << "btc: error: " << error << "\n";
    return 1;
  }
  std::string pattern = rest.substr(colon + 1);
  if (type == "usdt") {
    size_t second = pattern.find(':');
    std::string provider = second == std::string::npos ? "*" : pattern.substr(0, second);
    std::string name = second == std::string::npos ? pattern : pattern.substr(second + 1);
    for (const auto& note : image->usdt())
      if (glob_match(provider, note.provider) && glob_match(name, note.name))
        out["usdt:" + bin.path + ":" + note.provider + ":" + note.name];
    return 0;
  }
  std::shared_ptr<DwarfFile> dwarf;
  bool dwarf_read = false;
  for (const auto& f : image->functions()) {
    if (!glob_match(pattern, f.name)) continue;
    auto& lines = out[type + ":" + bin.path + ":" + f.name];
    // Read once, on the first match: bpftrace warns of missing DWARF only when it lists some.
    if (verbose && !dwarf_read) {
      dwarf_read = true;
      dwarf = DwarfFile::open(bin.path, error);
      if (!dwarf) warn("no DWARF found for \"" + bin.path + "\", cannot show parameter info");
    }
    const DwarfFunction* fn = dwarf ? dwarf->function_at(f.vaddr) : nullptr;
    if (fn)
      for (const auto& p : fn->params) lines.push_back(dwarf_spelling(p.c_type) + " " + p.name);
  }
  return 0;
}

} // namespace

bool glob_match(const std::string& pattern, const std::string& text) {
  return rt::attach_glob_match(pattern, text);
}

int list_probes(const std::string& search, bool verbose) {
  if (std::optional<int> status = list_types(search, verbose)) return *status;
  std::string type_glob = "*", rest = search.empty() ? "*" : search;
  bool typed = search.find(':') != std::string::npos;
  if (typed) {
    type_glob = canonical_type(search.substr(0, search.find(':')));
    rest = search.substr(search.find(':') + 1);
  }
  std::vector<std::string> types;
  if (type_glob == "uprobe" || type_glob == "uretprobe" || type_glob == "usdt" ||
      type_glob == "kretprobe" || type_glob == "kretfunc") {
    types.push_back(type_glob);
  } else {
    for (const char* t : kKernelTypes)
      if (glob_match(type_glob, t)) types.push_back(t);
    if (types.empty()) {
      std::cerr << "btc: error: no probe type matches '" << type_glob
                << "' (tracepoint, rawtracepoint, kprobe, kfunc, software, hardware, iter, "
                   "uprobe, usdt)\n";
      return 1;
    }
  }

  for (const auto& type : types) {
    Listing out;
    if (type == "tracepoint") {
      list_tracepoints_into(rest, verbose, out);
    } else if (type == "uprobe" || type == "uretprobe" || type == "usdt") {
      if (int status = list_user(type, rest, verbose, out)) return status;
    } else if (type == "software" || type == "hardware") {
      list_events(type, rest, out);
    } else if (type == "iter") {
      list_iters(rest, out);
    } else if (type == "kprobe" || type == "kretprobe") {
      list_kprobes(type, rest, out);
    } else {
      // kfunc:vmlinux:NAME is kfunc:NAME, as bpftrace 0.17 lists it; a module's functions are
      // kfunc:MODULE:NAME.
      size_t colon = rest.find(':');
      std::string module = colon == std::string::npos ? "" : rest.substr(0, colon);
      std::string name = rest.substr(colon == std::string::npos ? 0 : colon + 1);
      if (module.empty() || glob_match(module, "vmlinux")) list_btf_kinds(type, name, verbose, out);
      if (!module.empty() && module != "vmlinux" && (type == "kfunc" || type == "kretfunc"))
        list_module_funcs(type, module, name, verbose, out);
    }
    for (const auto& [probe, lines] : out) {
      std::cout << probe << "\n";
      for (const auto& l : lines) std::cout << "    " << l << "\n";
    }
  }
  std::cout << std::flush;
  return 0;
}

int list_process_probes(const std::string& pid, const std::string& search, bool verbose) {
  // Its files as the process sees them, also in another mount namespace.
  const std::string proc = "/proc/" + pid;
  char exe[PATH_MAX];
  ssize_t n = readlink((proc + "/exe").c_str(), exe, sizeof exe - 1);
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || n <= 0) {
    std::cerr << "btc: error: -p " << pid << ": no such process\n";
    return 1;
  }
  exe[n] = '\0';
  const std::string root = proc + "/root";
  auto wanted = [&](const std::string& probe) {
    return search.empty() || glob_match(search, probe) ||
           (search.find(':') == std::string::npos && glob_match("*" + search + "*", probe));
  };
  auto print = [&](const Listing& out) {
    for (const auto& [probe, lines] : out) {
      if (!wanted(probe)) continue;
      std::cout << probe << "\n";
      for (const auto& l : lines) std::cout << "    " << l << "\n";
    }
  };
  // As bpftrace: the executable's functions, then the USDT probes of every file it maps.
  Listing functions;
  if (int status = list_user("uprobe", root + exe + ":*", verbose, functions)) return status;
  print(functions);
  std::set<std::string> files;
  std::ifstream maps(proc + "/maps");
  for (std::string line; std::getline(maps, line);) {
    size_t path = line.find('/');
    if (path != std::string::npos && line.find(" (deleted)") == std::string::npos)
      files.insert(line.substr(path));
  }
  Listing usdt;
  for (const std::string& file : files) {
    std::string error;
    auto image = rt::ElfImage::open(root + file, error);
    if (!image) continue;
    for (const auto& note : image->usdt())
      usdt["usdt:" + root + file + ":" + note.provider + ":" + note.name];
  }
  print(usdt);
  std::cout << std::flush;
  return 0;
}

} // namespace btc::cli
