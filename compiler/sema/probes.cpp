// Probe specs to concrete probes (the probe types are probe_types.def).
#include "sema/probes.h"
#include "attach_glob.h"

#include "kernel/btf.h"
#include "kernel/tracepoint_btf.h"
#include "kernel/vmlinux_image.h"
#include "sema/registry.h"
#include "sema/user_probes.h"

#include <algorithm>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>

namespace btc {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos - start));
    if (pos == std::string::npos) return parts;
    start = pos + 1;
  }
}

bool parse_uint(const std::string& s, uint64_t& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtoull(s.c_str(), &end, 10);
  return *end == '\0' && s[0] != '-';
}

bool parse_offset(const std::string& s, uint64_t& out) {
  if (s.empty() || s[0] == '-' || s[0] == '+') return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoull(s.c_str(), &end, 0);
  return *end == '\0' && errno == 0;
}

ResolvedProbe probe_of(ProbeType type, std::string target, std::string display) {
  ResolvedProbe p;
  p.type = type;
  p.target = std::move(target);
  p.display = std::move(display);
  return p;
}

bool has_glob(const std::string& s) {
  return rt::attach_glob_has_wildcard(s);
}

struct SoftwareEvent {
  const char* name;
  const char* alias;
  uint64_t default_period;
};

// bpftrace's software events and their default sample periods.
constexpr SoftwareEvent kSoftwareEvents[] = {
    {"cpu-clock", "cpu", 1000000},  {"task-clock", "", 1000000},
    {"page-faults", "faults", 100}, {"context-switches", "cs", 1000},
    {"cpu-migrations", "", 1},      {"minor-faults", "", 100},
    {"major-faults", "", 1},        {"alignment-faults", "", 1},
    {"emulation-faults", "", 1},    {"dummy", "", 1},
    {"bpf-output", "", 1},
};

std::optional<std::vector<ResolvedProbe>> resolve_timer(ProbeType type, const std::string& kind,
                                                        const std::vector<std::string>& parts,
                                                        std::string& error) {
  bool unit_only = parts.size() == 2 &&
                   (parts[1] == "s" || parts[1] == "ms" || parts[1] == "us" || parts[1] == "hz");
  if (parts.size() == 2 && !unit_only) {
    // Current bpftrace: `interval:1s`, `profile:100ms`, the duration with its unit (ns, us,
    // ms, s, m, h, d) or a number of nanoseconds.
    static const std::pair<const char*, uint64_t> kSuffixes[] = {{"ns", 1},
                                                                 {"us", 1000ull},
                                                                 {"ms", 1000000ull},
                                                                 {"s", 1000000000ull},
                                                                 {"m", 60000000000ull},
                                                                 {"h", 3600000000000ull},
                                                                 {"d", 86400000000000ull}};
    const std::string& d = parts[1];
    size_t digits = 0;
    while (digits < d.size() && std::isdigit(static_cast<unsigned char>(d[digits]))) ++digits;
    std::string suffix = d.substr(digits);
    uint64_t scale = suffix.empty() ? 1 : 0;
    for (const auto& [name, ns] : kSuffixes)
      if (suffix == name) scale = ns;
    uint64_t n = 0;
    if (digits == 0 || scale == 0 || !parse_uint(d.substr(0, digits), n) || n == 0 ||
        n > UINT64_MAX / scale) {
      error = "invalid " + kind + " duration '" + d +
              "': expected a positive number of nanoseconds or a duration such as 1s, 100ms, "
              "50us (or a unit and a count: " +
              kind + ":s:1, " + kind + ":hz:99)";
      return std::nullopt;
    }
    ResolvedProbe p = probe_of(type, "", kind + ":" + d);
    p.period = n * scale;
    return std::vector<ResolvedProbe>{p};
  }
  if (parts.size() != 3) {
    error = kind + " probes take a duration or a unit and a count, e.g. " + kind + ":1s, " + kind +
            ":s:1 or " + kind + ":hz:99";
    return std::nullopt;
  }
  uint64_t n = 0;
  if (!parse_uint(parts[2], n) || n == 0) {
    error = "invalid " + kind + " count '" + parts[2] + "': expected a positive integer";
    return std::nullopt;
  }
  static const std::map<std::string, uint64_t> units = {
      {"s", 1000000000ull}, {"ms", 1000000ull}, {"us", 1000ull}, {"hz", 0}};
  auto unit = units.find(parts[1]);
  if (unit == units.end()) {
    error = "invalid " + kind + " unit '" + parts[1] + "': expected s, ms, us or hz";
    return std::nullopt;
  }
  ResolvedProbe p = probe_of(type, "", kind + ":" + parts[1] + ":" + parts[2]);
  if (unit->second == 0) {
    if (type == ProbeType::Interval) {
      p.period = 1000000000ull / n;
      if (p.period == 0) {
        error = "interval frequency is too high";
        return std::nullopt;
      }
    } else {
      p.period = n;
      p.freq = true;
    }
  } else {
    p.period = n * unit->second;
  }
  return std::vector<ResolvedProbe>{p};
}

// The record of non-syscall tracepoint `category:event`: the kernel's BTF type, read with CO-RE
// so that the running kernel's layout counts, else this host's tracefs format with a warning.
void resolve_record(ResolvedProbe& p, const std::string& root, const std::string& no_tracefs,
                    const std::string& category, const std::string& event, std::string& error) {
  std::optional<TracepointFormat> tracefs;
  if (!root.empty()) {
    tracefs = read_tracepoint_format(root, category, event, error);
    if (!tracefs) return;
  }
  KernelBtf& kernel = KernelBtf::get();
  std::string problem = kernel.load_error();
  if (const btf* b = kernel.data()) {
    if (auto cls = tracepoint_class(b, event, tracefs ? &*tracefs : nullptr, problem)) {
      p.format = tracepoint_record(b, *cls);
      p.format->category = category;
      p.format->event = event;
      return;
    }
  }
  if (tracefs) {
    p.format = std::move(tracefs);
    p.record_warning = p.display + ": " + problem +
                       "; its args are read at the offsets of this host's tracefs format, which "
                       "other kernels may not share";
  } else {
    p.record_problem = "cannot read the args of " + p.display + ": " + problem +
                       "; its format file would tell, but " + no_tracefs;
  }
}

std::optional<std::vector<ResolvedProbe>> resolve_tracepoint(const std::vector<std::string>& parts,
                                                             std::string& error) {
  if (parts.size() != 3 || parts[1].empty() || parts[2].empty()) {
    error = "tracepoint probes are written tracepoint:CATEGORY:EVENT";
    return std::nullopt;
  }
  const std::string& category = parts[1];
  const std::string& event = parts[2];
  std::string spec = "tracepoint:" + category + ":" + event;
  std::string no_tracefs;
  std::string root = tracefs_root(no_tracefs);
  std::vector<std::string> names;
  if (!root.empty()) {
    names = list_tracepoints(root, category + ":" + event);
  } else if (category == "syscalls") {
    names = builtin_syscall_events(event);
  } else if (has_glob(category + event)) {
    error = spec + ": expanding a wildcard needs the event list of /sys/kernel/tracing (BTF " +
            "does not say which category an event belongs to), but " + no_tracefs;
    return std::nullopt;
  } else if (const btf* b = KernelBtf::get().data(); !b || btf_has_tracepoint(b, event)) {
    // BTF knows events, not their categories: the tool attaches by both and names the probe if
    // the category is wrong.
    names.push_back(category + ":" + event);
  }
  if (names.empty()) {
    error = has_glob(category + event) ? "no tracepoint matches " + spec
                                       : "unknown tracepoint: " + spec;
    return std::nullopt;
  }
  std::vector<ResolvedProbe> out;
  for (const auto& name : names) {
    size_t colon = name.find(':');
    std::string cat = name.substr(0, colon), ev = name.substr(colon + 1);
    ResolvedProbe p = probe_of(ProbeType::Tracepoint, name, "tracepoint:" + name);
    if (cat == "syscalls") {
      // Every kernel lays syscall records out the same way: no BTF type, no relocation.
      p.format =
          root.empty() ? builtin_syscall_format(ev) : read_tracepoint_format(root, cat, ev, error);
      if (!p.format && !root.empty()) return std::nullopt;
    } else {
      resolve_record(p, root, no_tracefs, cat, ev, error);
      if (!p.format && p.record_problem.empty()) return std::nullopt;
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<std::vector<ResolvedProbe>> resolve_software(const std::vector<std::string>& parts,
                                                           std::string& error) {
  if (parts.size() < 2 || parts.size() > 3) {
    error = "software probes are written software:EVENT[:COUNT]";
    return std::nullopt;
  }
  for (const auto& ev : kSoftwareEvents) {
    if (parts[1] != ev.name && parts[1] != ev.alias) continue;
    uint64_t period = ev.default_period;
    if (parts.size() == 3 && (!parse_uint(parts[2], period) || period == 0)) {
      error = "invalid software event count '" + parts[2] + "'";
      return std::nullopt;
    }
    std::string display = "software:" + parts[1] + (parts.size() == 3 ? ":" + parts[2] : "");
    ResolvedProbe p = probe_of(ProbeType::Software, ev.name, display);
    p.period = period;
    return std::vector<ResolvedProbe>{p};
  }
  error = "unknown software event '" + parts[1] + "'";
  return std::nullopt;
}

struct HardwareEvent {
  const char* name;
  const char* alias;
  uint64_t default_period;
};

// bpftrace's hardware events (generic PERF_TYPE_HARDWARE counters) and their default periods.
constexpr HardwareEvent kHardwareEvents[] = {
    {"backend-stalls", "", 1000000},   {"branch-instructions", "branches", 100000},
    {"branch-misses", "", 100000},     {"bus-cycles", "", 100000},
    {"cache-misses", "", 1000000},     {"cache-references", "", 1000000},
    {"cpu-cycles", "cycles", 1000000}, {"frontend-stalls", "", 1000000},
    {"instructions", "", 1000000},     {"ref-cycles", "", 1000000},
};

// A count as bpftrace writes it: digits, or digits and a power of ten (1e6).
bool parse_count(const std::string& s, uint64_t& out) {
  size_t e = s.find('e');
  if (e == std::string::npos) return parse_uint(s, out);
  uint64_t mantissa = 0, exponent = 0;
  if (!parse_uint(s.substr(0, e), mantissa) || !parse_uint(s.substr(e + 1), exponent)) return false;
  out = mantissa;
  for (uint64_t i = 0; i < exponent; ++i) {
    if (out > UINT64_MAX / 10) return false;
    out *= 10;
  }
  return true;
}

std::optional<std::vector<ResolvedProbe>> resolve_hardware(const std::vector<std::string>& parts,
                                                           std::string& error) {
  if (parts.size() < 2 || parts.size() > 3 || parts[1].empty()) {
    error = "hardware probes are written hardware:EVENT[:COUNT]";
    return std::nullopt;
  }
  if (has_glob(parts[1])) {
    error = "wildcards are not allowed in hardware probes";
    return std::nullopt;
  }
  for (const auto& ev : kHardwareEvents) {
    if (parts[1] != ev.name && parts[1] != ev.alias) continue;
    uint64_t period = ev.default_period;
    if (parts.size() == 3 && (!parse_count(parts[2], period) || period == 0)) {
      error = "invalid hardware event count '" + parts[2] +
              "': expected a positive integer, e.g. hardware:" + parts[1] + ":1000000 or 1e6";
      return std::nullopt;
    }
    std::string display =
        "hardware:" + parts[1] + (parts.size() == 3 ? ":" + std::to_string(period) : "");
    ResolvedProbe p = probe_of(ProbeType::Hardware, ev.name, display);
    p.period = period;
    return std::vector<ResolvedProbe>{p};
  }
  std::string names;
  for (const auto& ev : kHardwareEvents)
    names += std::string(names.empty() ? "" : ", ") + ev.name +
             (*ev.alias ? std::string("/") + ev.alias : "");
  error = "unknown hardware event '" + parts[1] + "': the events are " + names;
  return std::nullopt;
}

// watchpoint:ADDRESS:LENGTH:MODE, watchpoint:FUNCTION+argN:LENGTH:MODE (the function of the
// -p/-c process) and watchpoint:BINARY:FUNCTION+argN:LENGTH:MODE (asyncwatchpoint: the function
// forms only, as in bpftrace).
std::optional<std::vector<ResolvedProbe>>
resolve_watchpoint(const ProbeTypeInfo& info, std::vector<std::string> parts, std::string& error) {
  const std::string kind(info.name);
  ResolvedProbe p = probe_of(info.id, "", "");
  if (parts.size() == 5) {
    // The binary, as a uprobe's: resolved where the tool runs.
    p.target = parts[1];
    parts.erase(parts.begin() + 1);
    if (p.target.empty() || parts[1].find('+') == std::string::npos) {
      error = "invalid " + kind + " probe: with a program it is written " + kind +
              ":BINARY:FUNCTION+argN:LENGTH:MODE";
      return std::nullopt;
    }
  }
  // A program without the length or the mode reads as an address.
  if (parts.size() != 4 || parts[1].find('/') != std::string::npos) {
    error = kind + " probes are written " + kind + ":ADDRESS:LENGTH:MODE, " + kind +
            ":FUNCTION+argN:LENGTH:MODE or " + kind + ":BINARY:FUNCTION+argN:LENGTH:MODE";
    return std::nullopt;
  }
  const std::string& where = parts[1];
  size_t plus = where.find('+');
  if (plus != std::string::npos) {
    std::string function = where.substr(0, plus), arg = where.substr(plus + 1);
    uint64_t n = 0;
    if (function.empty() || arg.rfind("arg", 0) != 0 || !parse_uint(arg.substr(3), n)) {
      error = "invalid " + kind + " target '" + where +
              "': expected FUNCTION+argN, e.g. increment+arg1";
      return std::nullopt;
    }
    if (n > 5) {
      error = "x86-64 passes arguments arg0 to arg5 in registers: " + where + " cannot be watched";
      return std::nullopt;
    }
    if (has_glob(function) || has_glob(p.target)) {
      error = "wildcards are not allowed in " + kind + " probes";
      return std::nullopt;
    }
    p.symbol = function;
    p.watch_arg = static_cast<int>(n);
  } else if (info.id == ProbeType::AsyncWatchpoint) {
    error = "an asyncwatchpoint watches a function's argument: asyncwatchpoint:FUNCTION+argN:" +
            parts[2] + ":" + parts[3];
    return std::nullopt;
  } else if (!parse_offset(where, p.address)) {
    error = "invalid watchpoint address '" + where +
            "': expected a number (0x10000000) or FUNCTION+argN";
    return std::nullopt;
  } else if (p.address == 0) {
    error = "a watchpoint needs a non-zero address";
    return std::nullopt;
  }
  uint64_t len = 0;
  if (!parse_uint(parts[2], len) || (len != 1 && len != 2 && len != 4 && len != 8)) {
    error = kind + " length must be one of (1,2,4,8), not '" + parts[2] + "'";
    return std::nullopt;
  }
  p.watch_len = static_cast<uint32_t>(len);
  std::string mode = parts[3];
  if (mode.empty() || mode.find_first_not_of("rwx") != std::string::npos) {
    error = kind + " mode must be a combination of r, w and x, not '" + mode + "'";
    return std::nullopt;
  }
  std::sort(mode.begin(), mode.end());
  if (std::adjacent_find(mode.begin(), mode.end()) != mode.end()) {
    error = kind + " mode '" + parts[3] + "' repeats a letter";
    return std::nullopt;
  }
  // The modes of x86 debug registers: no read-only watch, no execute with data.
  if (mode != "w" && mode != "rw" && mode != "x") {
    error = "invalid " + kind + " mode '" + parts[3] + "': x86-64 watches w, rw or x";
    return std::nullopt;
  }
  p.watch_mode = mode;
  // bpftrace names the probe with the address in decimal and the mode letters sorted.
  p.display = kind + ":" + (p.target.empty() ? "" : p.target + ":") +
              (p.watch_arg >= 0 ? where : std::to_string(p.address)) + ":" + std::to_string(len) +
              ":" + mode;
  return std::vector<ResolvedProbe>{p};
}

// The build host's kernel BTF, loaded once on first use; nullptr when the host has none.
// The kernel's BTF as sema knows it (the host's, or btc --btf FILE): one parse for the
// whole compiler.
const btf* host_btf() {
  return KernelBtf::get().data();
}

// Why sema has no BTF for kernel module `module`.
std::string module_btf_problem(const std::string& module) {
  return KernelBtf::get().module_problem(module);
}

// The BTF of kernel module `module` (split BTF on top of the kernel BTF sema reads): given with
// --btf, or the build host's; nullptr when there is none.
const btf* host_module_btf(const std::string& module) {
  return KernelBtf::get().module(module);
}

// The type a kernel function's parameter or return value gets: integers keep their width and
// sign, every pointer is a kernel address (to a char for strings).
Type btf_value_type(const btf* b, uint32_t id) {
  const btf_type* t = btf__type_by_id(b, id);
  while (t && (btf_is_typedef(t) || btf_is_mod(t))) t = btf__type_by_id(b, t->type);
  if (!t) return Type::integer(64, false);
  if (btf_is_int(t)) {
    uint8_t enc = btf_int_encoding(t);
    uint32_t bits = t->size * 8;
    return Type::integer(static_cast<uint8_t>(bits > 64 ? 64 : bits), enc & BTF_INT_SIGNED);
  }
  if (btf_is_enum(t)) return Type::integer(static_cast<uint8_t>(t->size * 8), true);
  if (btf_is_ptr(t)) {
    const btf_type* to = btf__type_by_id(b, t->type);
    while (to && (btf_is_typedef(to) || btf_is_mod(to))) to = btf__type_by_id(b, to->type);
    if (to && btf_is_int(to) && to->size == 1)
      return Type::pointer(Type::integer(8), AddrSpace::Kernel);
    // A pointer to a struct or union is typed, so `args->file->f_path` reads through CO-RE.
    // A module's BTF is split on the kernel's: ids below its own start are the kernel's types;
    // a type of the module's own is the kernel's of that name, when it has one.
    const btf* kernel = KernelBtf::get().data();
    if (to && btf_is_composite(to) && kernel) {
      int to_id = static_cast<int>(t->type);
      for (const btf_type* s = btf__type_by_id(b, to_id); s && (btf_is_typedef(s) || btf_is_mod(s));
           s = btf__type_by_id(b, to_id))
        to_id = static_cast<int>(s->type);
      if (b != kernel && static_cast<uint32_t>(to_id) >= btf__type_cnt(kernel))
        to_id = btf__find_by_name_kind(kernel, btf__name_by_offset(b, to->name_off), btf_kind(to));
      if (to_id > 0) return Type::pointer(KernelBtf::get().type_of(to_id), AddrSpace::Kernel);
    }
    return Type::pointer(Type::none(), AddrSpace::Kernel);
  }
  return Type::integer(64, false);
}

// The FUNC `name` in the build host's BTF (of `module` when not empty): its BTF and id.
std::pair<const btf*, int> host_function(const std::string& module, const std::string& name) {
  const btf* b = module.empty() ? host_btf() : host_module_btf(module);
  if (!b) return {nullptr, -1};
  int id = btf__find_by_name_kind(b, name.c_str(), BTF_KIND_FUNC);
  // Module BTF is split BTF: ids below its start belong to vmlinux.
  if (id > 0 && !module.empty() && static_cast<uint32_t>(id) < btf__type_cnt(host_btf())) id = -1;
  return {b, id};
}

// The FUNCs of the build host's BTF (of `module` alone when not empty) matching `glob`: their
// ids, unique by name, in BTF order.
std::vector<int> host_functions_matching(const std::string& module, const std::string& glob) {
  const btf* b = module.empty() ? host_btf() : host_module_btf(module);
  std::vector<int> ids;
  if (!b) return ids;
  // Module BTF is split BTF: its own types follow vmlinux's.
  uint32_t first = module.empty() ? 1 : btf__type_cnt(host_btf());
  std::set<std::string> seen;
  for (uint32_t id = first; id < btf__type_cnt(b); ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (!btf_is_func(t)) continue;
    const char* name = btf__name_by_offset(b, t->name_off);
    if (rt::attach_glob_match(glob, name) && seen.insert(name).second)
      ids.push_back(static_cast<int>(id));
  }
  return ids;
}

// The parameters and return type of FUNC `id` into `p`. For a wildcard, every further function
// narrows `p.params` to the parameters all share with one type (bpftrace requires the whole
// list to be equal: "mixed arguments"), and the return type to u64 where they differ.
void add_function_params(const btf* b, int id, bool first, ResolvedProbe& p) {
  const btf_type* func = btf__type_by_id(b, id);
  const btf_type* proto = btf__type_by_id(b, func->type);
  const btf_param* params = btf_params(proto);
  std::vector<FuncParam> own;
  for (uint16_t i = 0; i < btf_vlen(proto); ++i)
    own.push_back({btf__name_by_offset(b, params[i].name_off), btf_value_type(b, params[i].type)});
  Type returns = btf_value_type(b, proto->type);
  if (first) {
    p.params = std::move(own);
    p.returns = returns;
    return;
  }
  std::string name = btf__name_by_offset(b, func->name_off);
  std::vector<FuncParam> kept;
  for (auto& param : p.params) {
    auto it = std::find_if(own.begin(), own.end(),
                           [&](const FuncParam& f) { return f.name == param.name; });
    if (it == own.end())
      p.param_problems[param.name] = name + " has none";
    else if (!(it->type == param.type))
      p.param_problems[param.name] = "its type differs in " + name;
    else
      kept.push_back(std::move(param));
  }
  for (const auto& f : own)
    if (!p.param_problems.count(f.name) &&
        std::none_of(kept.begin(), kept.end(),
                     [&](const FuncParam& k) { return k.name == f.name; }))
      p.param_problems[f.name] = "only some of them have it (" + name + " does)";
  p.params = std::move(kept);
  if (!(returns == p.returns)) p.returns = Type::integer(64, false);
}

std::optional<std::vector<ResolvedProbe>>
resolve_kernel_function(const ProbeTypeInfo& info, const std::vector<std::string>& parts,
                        std::string& error) {
  const std::string kind(info.name);
  bool is_kprobe = info.id == ProbeType::Kprobe || info.id == ProbeType::Kretprobe;
  if (parts.size() < 2 || parts.size() > 3 || parts.back().empty() ||
      (parts.size() == 3 && parts[1].empty())) {
    error = kind + " probes are written " + kind + ":FUNCTION or " + kind + ":MODULE:FUNCTION";
    return std::nullopt;
  }
  std::string module = parts.size() == 3 ? parts[1] : "";
  std::string function = parts.back();
  uint64_t offset = 0;
  size_t plus = function.find('+');
  if (plus != std::string::npos) {
    if (info.id != ProbeType::Kprobe) {
      error = "only kprobe probes take an offset (" + kind + ":" + function + ")";
      return std::nullopt;
    }
    if (!parse_offset(function.substr(plus + 1), offset)) {
      error = "invalid offset '" + function.substr(plus + 1) +
              "': expected a non-negative integer, e.g. kprobe:vfs_read+9";
      return std::nullopt;
    }
    function.resize(plus);
  }
  bool wildcard = has_glob(module) || has_glob(function);
  if (function.empty() || (wildcard && plus != std::string::npos)) {
    error = function.empty() ? "missing function name in " + kind + " probe"
                             : "a " + kind + " with a wildcard cannot have an offset";
    return std::nullopt;
  }
  if (has_glob(module)) {
    error = "wildcards in the module of a " + kind + " probe are not supported";
    return std::nullopt;
  }
  std::string target = (module.empty() ? "" : module + ":") + function;
  std::string display = kind + ":" + target;
  if (plus != std::string::npos) display += "+" + std::to_string(offset);
  ResolvedProbe p = probe_of(info.id, target, display);
  p.offset = offset;
  p.wildcard = wildcard;
  const btf* host = module.empty() ? host_btf() : host_module_btf(module);
  std::string where = module.empty() ? "the build host's kernel BTF"
                      : KernelBtf::get().has_module_file(module)
                          ? "the BTF of module " + module + " given with --btf"
                          : "the build host's BTF of module " + module;
  if (is_kprobe && plus != std::string::npos && module.empty()) {
    error = vmlinux_offset_problem(function, offset, p.warning);
    if (!error.empty()) return std::nullopt;
  }
  if (is_kprobe) {
    if (!module.empty() && !host && host_btf()) {
      p.warning = module_btf_problem(module) + ": " + function + " is not checked";
      return std::vector<ResolvedProbe>{p};
    }
    // As bpftrace: a function the build host cannot trace is worth a warning, not an error;
    // the tool resolves it where it runs.
    if (host && (wildcard ? host_functions_matching(module, function).empty()
                          : host_function(module, function).second < 0))
      p.warning = (wildcard ? "no function of " + where + " matches " + function
                            : "function " + function + " is not in " + where) +
                  "; attaching will fail on kernels without it";
    return std::vector<ResolvedProbe>{p};
  }
  // kfunc/kretfunc: the parameters come from the build host's BTF, so it must know the
  // function (bpftrace has the same rule).
  if (!host_btf()) {
    error = kind + " probes need the build host's kernel BTF (/sys/kernel/btf/vmlinux)";
    return std::nullopt;
  }
  if (!module.empty() && !host) {
    // The tool still attaches where the module is loaded: only `args` needs the types.
    p.warning = module_btf_problem(module) + ": " + function + " is not checked";
    p.record_problem =
        "cannot read the arguments of " + display + ": " + module_btf_problem(module);
    p.returns = Type::integer(64, false);
    return std::vector<ResolvedProbe>{p};
  }
  if (wildcard) {
    // Matched again where the tool runs; here the matches give the arguments' types.
    std::vector<int> ids = host_functions_matching(module, function);
    if (ids.empty()) {
      error = "no function of " + where + " matches " + function;
      return std::nullopt;
    }
    for (size_t i = 0; i < ids.size(); ++i) add_function_params(host, ids[i], i == 0, p);
    return std::vector<ResolvedProbe>{p};
  }
  auto [b, id] = host_function(module, function);
  if (id < 0) {
    error = "unknown kernel function '" + function + "': it is not in " + where +
            " (missing, inlined, or a syscall wrapper)";
    return std::nullopt;
  }
  add_function_params(b, id, true, p);
  return std::vector<ResolvedProbe>{p};
}

// rawtracepoint[:module]:event. Its arguments are those of the event's class function
// `__bpf_trace_<class>` after the tracepoint's data pointer: named and typed from BTF, at the
// positions of the build host's kernel.
std::optional<std::vector<ResolvedProbe>>
resolve_raw_tracepoint(const std::vector<std::string>& parts, std::string& error) {
  if (parts.size() < 2 || parts.size() > 3 || parts.back().empty() ||
      (parts.size() == 3 && parts[1].empty()) || has_glob(parts[1]) || has_glob(parts.back())) {
    error = "raw tracepoint probes are written rawtracepoint[:MODULE]:EVENT (no wildcards)";
    return std::nullopt;
  }
  const std::string& event = parts.back();
  std::string module = parts.size() == 3 && parts[1] != "vmlinux" ? parts[1] : "";
  std::string display = "rawtracepoint:" + (parts.size() == 3 ? parts[1] + ":" : "") + event;
  ResolvedProbe p = probe_of(ProbeType::RawTracepoint, event, display);
  const btf* b = module.empty() ? host_btf() : host_module_btf(module);
  if (!b) {
    p.record_problem =
        "cannot name the arguments of " + display + ": " +
        (module.empty() ? KernelBtf::get().load_error() : module_btf_problem(module)) +
        "; arg0.. still read them";
    return std::vector<ResolvedProbe>{p};
  }
  std::optional<int> count = raw_tracepoint_arg_count(b, event);
  if (count && *count < 0) {
    error = "unknown raw tracepoint: " + display;
    return std::nullopt;
  }
  p.raw_args = count.value_or(-1);
  // The typedef's prototype has no parameter names; its class's function has.
  std::string problem;
  std::optional<std::string> cls = tracepoint_class(b, event, nullptr, problem);
  int func = cls ? btf__find_by_name_kind(b, ("__bpf_trace_" + *cls).c_str(), BTF_KIND_FUNC) : -1;
  const btf_type* proto = func > 0 ? btf__type_by_id(b, btf__type_by_id(b, func)->type) : nullptr;
  if (!proto || static_cast<int>(btf_vlen(proto)) != p.raw_args + 1) {
    p.record_problem =
        "cannot name the arguments of " + display + ": " +
        (problem.empty() ? "BTF has no function __bpf_trace_" + cls.value_or(event) : problem) +
        "; arg0.. still read them";
    return std::vector<ResolvedProbe>{p};
  }
  p.symbol = "__bpf_trace_" + *cls; // the tool looks the positions up in its kernel's
  const btf_param* params = btf_params(proto);
  for (uint16_t i = 1; i < btf_vlen(proto); ++i)
    p.params.push_back(
        {btf__name_by_offset(b, params[i].name_off), btf_value_type(b, params[i].type)});
  return std::vector<ResolvedProbe>{p};
}

std::optional<std::vector<ResolvedProbe>> resolve_iter(const std::vector<std::string>& parts,
                                                       std::string& error) {
  static const char* const kIterators[] = {"task", "task_file", "task_vma"};
  if (parts.size() != 2 && parts.size() != 3) {
    error = "iter probes are written iter:NAME or iter:NAME:PIN (NAME: task, task_file or "
            "task_vma; PIN: a file under /sys/fs/bpf)";
    return std::nullopt;
  }
  const std::string* name = nullptr;
  for (const char* it : kIterators)
    if (parts[1] == it) name = &parts[1];
  if (!name) {
    error =
        "unknown iterator '" + parts[1] + "': btc has iter:task, iter:task_file and iter:task_vma";
    return std::nullopt;
  }
  ResolvedProbe p = probe_of(ProbeType::Iter, *name, "iter:" + *name);
  if (parts.size() == 3) {
    // As bpftrace: an absolute path, or one relative to the BPF file system's mount point.
    const std::string& pin = parts[2];
    if (pin.empty() || pin.back() == '/') {
      error = "iter:" + *name + ": the pin file must be named, e.g. iter:" + *name + ":list";
      return std::nullopt;
    }
    p.pin = pin.front() == '/' ? pin : "/sys/fs/bpf/" + pin;
    p.display += ":" + pin;
  }
  return std::vector<ResolvedProbe>{p};
}

bool names_param(const std::string& s) {
  for (size_t at = s.find('$'); at != std::string::npos; at = s.find('$', at + 1))
    if (at + 1 < s.size() && s[at + 1] >= '0' && s[at + 1] <= '9') return true;
  return false;
}

// An attach point naming positional parameters, which bpftrace substitutes before it resolves
// the probe: the tool does where it runs, when it starts, so nothing is checked here.
std::optional<std::vector<ResolvedProbe>>
resolve_at_start(const ProbeTypeInfo& info, const std::string& spec, std::string& error) {
  const std::string kind(info.name);
  const std::string rest = spec.substr(spec.find(':') + 1);
  if (has_glob(spec) && info.id != ProbeType::Kprobe && info.id != ProbeType::Kretprobe &&
      info.id != ProbeType::Tracepoint) {
    error = "a wildcard in a " + kind +
            " probe named by positional parameters is not supported: the tool expands them "
            "when it starts in kprobe, kretprobe and tracepoint probes only";
    return std::nullopt;
  }
  std::optional<std::vector<ResolvedProbe>> resolved;
  switch (info.id) {
  case ProbeType::Tracepoint: {
    if (std::count(rest.begin(), rest.end(), ':') != 1) {
      error = "tracepoint probes are written tracepoint:CATEGORY:EVENT";
      return std::nullopt;
    }
    ResolvedProbe p = probe_of(ProbeType::Tracepoint, rest, "tracepoint:" + rest);
    p.record_problem = "cannot read the args of " + p.display +
                       ": the event is known only when the tool starts, and its record's "
                       "layout is compiled in; name the tracepoint in the script to read args";
    resolved = std::vector<ResolvedProbe>{p};
    break;
  }
  case ProbeType::Kprobe:
  case ProbeType::Kretprobe: {
    if (rest.find('+') != std::string::npos || rest.empty()) {
      error = "a " + kind + " named by positional parameters is written " + kind + ":FUNCTION or " +
              kind + ":MODULE:FUNCTION, without an offset";
      return std::nullopt;
    }
    ResolvedProbe p = probe_of(info.id, rest, kind + ":" + rest);
    p.wildcard = has_glob(rest);
    resolved = std::vector<ResolvedProbe>{p};
    break;
  }
  case ProbeType::Uprobe:
  case ProbeType::Uretprobe:
    resolved = resolve_user_function(info.id, kind, rest, error);
    break;
  case ProbeType::Usdt:
    resolved = resolve_usdt(rest, error);
    break;
  default:
    error = "positional parameters in " + kind +
            " attach points are not supported: the tool substitutes them in uprobe, "
            "uretprobe, usdt, kprobe, kretprobe and tracepoint probes";
    return std::nullopt;
  }
  if (!resolved) return std::nullopt;
  for (ResolvedProbe& p : *resolved) {
    // The build host's file named "$1", or its function "$2", says nothing.
    p.warning.clear();
    p.missing_here.clear();
    p.at_start = true;
  }
  return resolved;
}

} // namespace

std::optional<std::vector<ResolvedProbe>> resolve_probe(const std::string& spec,
                                                        std::string& error) {
  std::vector<std::string> parts = split(spec, ':');
  const std::string& kind = parts[0];
  const ProbeTypeInfo* info = find_probe_type(kind);
  if (!info) {
    error =
        parts.size() == 1 ? "unknown probe '" + spec + "'" : "unknown probe type '" + kind + "'";
    return std::nullopt;
  }
  if (info->support == Support::Planned) {
    error = "'" + kind + "' probes are not supported by btc yet";
    return std::nullopt;
  }
  if (names_param(spec)) return resolve_at_start(*info, spec, error);
  switch (info->id) {
  case ProbeType::Begin:
  case ProbeType::End:
    if (parts.size() != 1) {
      error = std::string(info->name) + " is written alone, without ':'";
      return std::nullopt;
    }
    return std::vector<ResolvedProbe>{probe_of(info->id, "", std::string(info->name))};
  case ProbeType::Bench:
  case ProbeType::Test: {
    // Current bpftrace's micro benchmarks and tests: bench:NAME, test:NAME, NAME an identifier.
    const std::string kind_name(info->name);
    bool ident = parts.size() == 2 && !parts[1].empty() &&
                 !std::isdigit(static_cast<unsigned char>(parts[1][0]));
    for (size_t i = 0; ident && i < parts[1].size(); ++i)
      ident = std::isalnum(static_cast<unsigned char>(parts[1][i])) || parts[1][i] == '_';
    if (!ident) {
      error = kind_name + " probes are written " + kind_name + ":NAME, NAME an identifier";
      return std::nullopt;
    }
    return std::vector<ResolvedProbe>{probe_of(info->id, parts[1], kind_name + ":" + parts[1])};
  }
  case ProbeType::Self:
    // Current bpftrace's built-in events of the tool itself; its manual names one.
    if (parts.size() != 3 || parts[1] != "signal" || parts[2] != "SIGUSR1") {
      error = "self probes are written self:signal:SIGUSR1 (the one event bpftrace documents)";
      return std::nullopt;
    }
    return std::vector<ResolvedProbe>{probe_of(info->id, "", "self:signal:SIGUSR1")};
  case ProbeType::Tracepoint:
    return resolve_tracepoint(parts, error);
  case ProbeType::RawTracepoint:
    return resolve_raw_tracepoint(parts, error);
  case ProbeType::Interval:
  case ProbeType::Profile:
    return resolve_timer(info->id, std::string(info->name), parts, error);
  case ProbeType::Software:
    return resolve_software(parts, error);
  case ProbeType::Kprobe:
  case ProbeType::Kretprobe:
  case ProbeType::Kfunc:
  case ProbeType::Kretfunc:
    return resolve_kernel_function(*info, parts, error);
  case ProbeType::Iter:
    return resolve_iter(parts, error);
  case ProbeType::Uprobe:
  case ProbeType::Uretprobe:
    // Named by the type's full name, as bpftrace names `u:...` probes ("uprobe:...").
    return resolve_user_function(info->id, std::string(info->name), spec.substr(spec.find(':') + 1),
                                 error);
  case ProbeType::Usdt:
    return resolve_usdt(spec.substr(spec.find(':') + 1), error);
  case ProbeType::Watchpoint:
  case ProbeType::AsyncWatchpoint:
    return resolve_watchpoint(*info, parts, error);
  case ProbeType::Hardware:
    return resolve_hardware(parts, error);
  }
  error = "unknown probe type '" + kind + "'";
  return std::nullopt;
}

bool is_pt_regs_name(const std::string& name) {
  std::string list = std::string(kPtRegsNames) + ",";
  return !name.empty() && name.find_first_of(", ") == std::string::npos &&
         (list.rfind(name + ",", 0) == 0 || list.find(" " + name + ",") != std::string::npos);
}

} // namespace btc
