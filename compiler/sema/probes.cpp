// Probe specs to concrete probes (the probe types are probe_types.def).
#include "sema/probes.h"

#include "kernel/btf.h"
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

std::optional<std::vector<ResolvedProbe>> resolve_tracepoint(const std::vector<std::string>& parts,
                                                             std::string& error) {
  if (parts.size() != 3 || parts[1].empty() || parts[2].empty()) {
    error = "tracepoint probes are written tracepoint:CATEGORY:EVENT";
    return std::nullopt;
  }
  std::string root = tracefs_root(error);
  if (root.empty()) return std::nullopt;
  std::vector<std::string> names = list_tracepoints(root, parts[1] + ":" + parts[2]);
  if (names.empty()) {
    error = has_glob(parts[1] + parts[2])
                ? "no tracepoint matches tracepoint:" + parts[1] + ":" + parts[2]
                : "unknown tracepoint: tracepoint:" + parts[1] + ":" + parts[2];
    return std::nullopt;
  }
  std::vector<ResolvedProbe> out;
  for (const auto& name : names) {
    size_t colon = name.find(':');
    auto format =
        read_tracepoint_format(root, name.substr(0, colon), name.substr(colon + 1), error);
    if (!format) return std::nullopt;
    out.push_back(probe_of(ProbeType::Tracepoint, name, "tracepoint:" + name));
    out.back().format = std::move(format);
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
