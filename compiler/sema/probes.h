// Probe resolution: a probe spec as written (`t:syscalls:sys_enter_*`, `interval:s:1`) to the
// concrete probes to attach.
#pragma once

#include "kernel/tracepoints.h"

#include <optional>
#include <string>
#include <vector>

namespace btc {

// The probe types btc compiles (sema/probe_types.def).
enum class ProbeType : uint8_t {
#define PROBE_TYPE(Id, NAME, ALIAS1, ALIAS2, ATTACH) Id,
#include "sema/probe_types.def"
};

struct ResolvedProbe {
  ProbeType type;      // what lowering and the runtime switch on (sema/registry.h describes it)
  std::string target;  // tracepoint "cat:event", raw tracepoint or software event name
  std::string display; // canonical full name, the value of the `probe` builtin
  uint64_t period = 0; // ns for interval/profile (or Hz when freq), count for software
  bool freq = false;
  std::optional<TracepointFormat> format; // tracepoints: the record layout
  std::string record_problem;             // tracepoints without `format`: why, for `args` uses
  std::string record_warning;             // the record came from tracefs, not BTF: why
  int raw_args = -1;                      // raw tracepoints: argument count, -1 if unknown
};

// Resolves one spec; on failure returns nothing and sets `error` (the message to report at the
// spec's location). Wildcards expand against the build host's tracefs; without it (tracefs is
// root-only), events come from BTF and syscall tracepoints from a table built into btc.
std::optional<std::vector<ResolvedProbe>> resolve_probe(const std::string& spec,
                                                        std::string& error);

} // namespace btc
