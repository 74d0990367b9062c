// Probe specs to concrete probes (the probe types are probe_types.def).
#include "sema/probes.h"

#include "kernel/btf.h"
#include "kernel/tracepoint_btf.h"
#include "sema/registry.h"

#include <cstdlib>
#include <map>

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

ResolvedProbe probe_of(ProbeType type, std::string target, std::string display) {
  ResolvedProbe p;
  p.type = type;
  p.target = std::move(target);
  p.display = std::move(display);
  return p;
}

bool has_glob(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
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
  if (parts.size() != 3) {
    error = kind + " probes take a unit and a count, e.g. " + kind + ":s:1 or " + kind + ":hz:99";
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
  switch (info->id) {
  case ProbeType::Begin:
  case ProbeType::End:
    if (parts.size() != 1) {
      error = std::string(info->name) + " is written alone, without ':'";
      return std::nullopt;
    }
    return std::vector<ResolvedProbe>{probe_of(info->id, "", std::string(info->name))};
  case ProbeType::Tracepoint:
    return resolve_tracepoint(parts, error);
  case ProbeType::RawTracepoint: {
    if (parts.size() != 2 || parts[1].empty() || has_glob(parts[1])) {
      error = "raw tracepoint probes are written rawtracepoint:EVENT (no wildcards)";
      return std::nullopt;
    }
    ResolvedProbe p = probe_of(ProbeType::RawTracepoint, parts[1], "rawtracepoint:" + parts[1]);
    if (auto args = raw_tracepoint_arg_count(parts[1])) {
      if (*args < 0) {
        error = "unknown raw tracepoint: rawtracepoint:" + parts[1];
        return std::nullopt;
      }
      p.raw_args = *args;
    }
    return std::vector<ResolvedProbe>{p};
  }
  case ProbeType::Interval:
  case ProbeType::Profile:
    return resolve_timer(info->id, std::string(info->name), parts, error);
  case ProbeType::Software:
    return resolve_software(parts, error);
  }
  error = "unknown probe type '" + kind + "'";
  return std::nullopt;
}

} // namespace btc
